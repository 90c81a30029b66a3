"""Read a small YAML spec file (facts, a calibration) into a pydantic model, so that every
error names the file, the line and the field, what was found and what is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from sim.errors import ScenarioError

Model = TypeVar("Model", bound=BaseModel)


def _line(node: yaml.Node | None, path: tuple) -> int | None:
    """The line of the deepest node along a pydantic error location."""
    if node is None:
        return None
    here = node
    for part in path:
        if isinstance(here, yaml.MappingNode):
            match = [v for k, v in here.value if k.value == part]
            if not match:
                break
            here = match[0]
        elif isinstance(here, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(here.value):
                break
            here = here.value[part]
        else:
            break
    return here.start_mark.line + 1


def read_spec(path: str | Path, model: type[Model], what: str) -> Model:
    """Validate the YAML file at ``path`` as ``model`` (``what`` names the kind of file)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ScenarioError(
            str(path), f"{what} not found", allowed="an existing YAML file"
        ) from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioError(
            str(path),
            f"YAML syntax error: {getattr(exc, 'problem', None) or exc}",
            line=mark.line + 1 if mark else None,
            allowed="valid YAML",
        ) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            str(path), f"a {what} must be a YAML mapping", found=type(data).__name__
        )
    try:
        return model.model_validate(data, context={"file": str(path)})
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
        found = error.get("input")
        if isinstance(found, dict | list):
            found = type(found).__name__
        problem = "unknown field" if error["type"] == "extra_forbidden" else "invalid value"
        if error["type"] == "missing":
            problem, found = "missing field", None
        raise ScenarioError(
            str(path),
            problem,
            line=_line(node, loc),
            field=".".join(str(p) for p in loc),
            found=found,
            allowed=error["msg"],
        ) from None

"""Read scenario YAML (with ``extends``) into a validated Scenario, keeping file and line of
every value so that each error names where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sim.errors import ScenarioError
from sim.scenario.references import check_references
from sim.scenario.schema import Scenario


@dataclass
class Located:
    """A YAML value with the file and line it was written at."""

    value: Any
    file: str
    line: int
    children: dict[Any, Located] | list[Located] | None = field(default=None)


def _compose(node: yaml.Node, file: str) -> Located:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        children: dict[Any, Located] = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node))
            if key in children:
                raise ScenarioError(
                    file,
                    "duplicate key",
                    line=key_node.start_mark.line + 1,
                    field=str(key),
                    allowed="each key once per mapping",
                )
            children[key] = _compose(value_node, file)
        return Located(None, file, line, children)
    if isinstance(node, yaml.SequenceNode):
        return Located(None, file, line, [_compose(item, file) for item in node.value])
    return Located(yaml.safe_load(yaml.serialize(node)), file, line)


def _read(path: Path) -> Located:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(str(path), "file not found", allowed="an existing YAML file") from None
    except OSError as exc:
        raise ScenarioError(str(path), f"cannot read file ({exc.strerror})") from None
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(
            str(path),
            f"YAML syntax error: {problem}",
            line=mark.line + 1 if mark else None,
            allowed="valid YAML",
        ) from None
    if node is None or not isinstance(node, yaml.MappingNode):
        raise ScenarioError(
            str(path),
            "a scenario must be a YAML mapping",
            line=node.start_mark.line + 1 if node is not None else None,
            found="empty file" if node is None else type(node).__name__,
            allowed="a mapping with name, actors, rules, events, run",
        )
    return _compose(node, str(path))


def _is_keyed_list(located: Located) -> bool:
    return isinstance(located.children, list) and all(
        isinstance(item.children, dict) and "id" in item.children for item in located.children
    )


def _merge(base: Located, override: Located) -> Located:
    """Mappings merge key by key; lists of items with ``id`` merge by id; the rest is replaced."""
    if isinstance(base.children, dict) and isinstance(override.children, dict):
        merged = dict(base.children)
        for key, value in override.children.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return Located(None, override.file, override.line, merged)
    if _is_keyed_list(base) and _is_keyed_list(override):
        merged_items = {item.children["id"].value: item for item in base.children}
        for item in override.children:
            item_id = item.children["id"].value
            if item.children.get("remove") is not None and item.children["remove"].value is True:
                merged_items.pop(item_id, None)
                continue
            merged_items[item_id] = (
                _merge(merged_items[item_id], item) if item_id in merged_items else item
            )
        return Located(None, override.file, override.line, list(merged_items.values()))
    return override


def _resolve_extends(path: Path, chain: tuple[Path, ...]) -> Located:
    resolved = path.resolve()
    if resolved in chain:
        cycle = " -> ".join(p.name for p in (*chain, resolved))
        raise ScenarioError(
            str(path),
            "cycle in 'extends'",
            field="extends",
            found=cycle,
            allowed="a chain of files that does not return to itself",
        )
    located = _read(path)
    parent_ref = located.children.pop("extends", None)
    if parent_ref is None:
        return located
    if not isinstance(parent_ref.value, str):
        raise ScenarioError(
            located.file,
            "wrong type",
            line=parent_ref.line,
            field="extends",
            found=parent_ref.value,
            allowed="a path to another scenario file, relative to this one",
        )
    parent_path = path.parent / parent_ref.value
    if not parent_path.exists():
        raise ScenarioError(
            located.file,
            "extended file not found",
            line=parent_ref.line,
            field="extends",
            found=parent_ref.value,
            allowed="a path to an existing scenario file, relative to this one",
        )
    parent = _resolve_extends(parent_path, (*chain, resolved))
    return _merge(parent, located)


def _strip(located: Located) -> Any:
    if isinstance(located.children, dict):
        return {k: _strip(v) for k, v in located.children.items() if k != "remove"}
    if isinstance(located.children, list):
        return [_strip(item) for item in located.children]
    return located.value


def locate(root: Located, path: tuple) -> Located:
    """The deepest located value along ``path`` (a pydantic-style location tuple)."""
    here = root
    for part in path:
        children = here.children
        if isinstance(children, dict) and part in children:
            here = children[part]
        elif isinstance(children, list) and isinstance(part, int) and part < len(children):
            here = children[part]
        else:
            break
    return here


def _allowed_from(error: dict) -> str:
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind == "extra_forbidden":
        return "only the fields documented in docs/scenarios.md"
    if kind == "missing":
        return "this field is required"
    if kind == "literal_error":
        return f"one of {ctx.get('expected')}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return error["msg"].lower()
    if kind == "string_pattern_mismatch":
        return f"text matching {ctx.get('pattern')}"
    return error["msg"]


def _field_path(loc: tuple) -> tuple:
    """Drop pydantic's union-branch markers (such as 'int' or 'list[RungSpec]') from a location."""
    markers = ("int", "str", "float", "bool", "literal[", "list[", "tuple[", "function-")
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith(markers)))


def _validation_error(root: Located, exc: ValidationError) -> ScenarioError:
    error = exc.errors()[0]
    path = _field_path(error["loc"])
    spot = locate(root, path)
    found = error.get("input")
    if error["type"] == "extra_forbidden":
        problem, found = "unknown field", path[-1]
    elif error["type"] == "missing":
        problem, found = "missing field", None
    else:
        problem = "invalid value"
        if isinstance(found, dict | list):
            found = type(found).__name__
    more = len(exc.errors()) - 1
    if more:
        problem += f" (and {more} more problem{'s' if more > 1 else ''})"
    return ScenarioError(
        spot.file,
        problem,
        line=spot.line,
        field=".".join(str(p) for p in path),
        found=found,
        allowed=_allowed_from(error),
    )


def load_scenario(path: str | Path) -> Scenario:
    """Load, merge ``extends`` chains, validate and cross-check a scenario file."""
    root = _resolve_extends(Path(path), ())
    data = _strip(root)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(root, exc) from None
    problem = check_references(scenario)
    if problem is not None:
        spot = locate(root, problem.path)
        raise ScenarioError(
            spot.file,
            problem.message,
            line=spot.line,
            field=".".join(str(p) for p in problem.path),
            found=problem.found,
            allowed=problem.allowed,
        )
    return scenario


def scenario_text(path: str | Path) -> str:
    """The merged scenario as YAML text: what a results manifest stores to replay a run."""
    return yaml.safe_dump(_strip(_resolve_extends(Path(path), ())), sort_keys=False)

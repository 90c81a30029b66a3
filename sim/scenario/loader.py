"""Read scenario YAML (with ``extends``) into a validated Scenario, keeping file and line of
every value so that each error names where it came from."""

from __future__ import annotations

import math
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sim.errors import ScenarioError
from sim.paths import shipped_scenarios
from sim.scenario.references import check_references
from sim.scenario.schema import Scenario

#: Largest scenario file read (the shipped baseline is about 20 KB): a bigger file is refused
#: before it is parsed, so a huge file cannot make validation slow.
MAX_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists (scenarios need about 6): checked while parsing, so a
#: file of nested brackets is refused at once instead of taking the parser minutes.
MAX_DEPTH = 32

_TAG = "tag:yaml.org,2002:"
#: The only tags a value may have, written or implied: plain YAML, nothing that builds objects.
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}
_BOOL = _TAG + "bool"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML with YAML 1.2 booleans: only true/false are booleans (``yes``, ``no``, ``on``
    and ``off`` stay text, so ``capability: yes`` is an error, not 1.0)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Located:
    """A YAML value with the file and line it was written at."""

    value: Any
    file: str
    line: int
    children: dict[Any, Located] | list[Located] | None = field(default=None)


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


class _Builder:
    """Builds Located values from the parser's events, one event at a time: nesting depth,
    aliases and tags are checked as they come, before any expansion or object is built."""

    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file, self.loader = file, loader
        self.stack: list[tuple[Located, list]] = []  # (collection, [pending key, its line])
        self.root: Located | None = None

    def fail(self, problem: str, event: Any, **details: Any) -> ScenarioError:
        return ScenarioError(self.file, problem, line=_line(event.start_mark), **details)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(
                "YAML alias not allowed",
                event,
                found=f"*{event.anchor}",
                allowed="each value written out (reuse a scenario with extends)",
            )
        if isinstance(event, yaml.ScalarEvent):
            self._add(Located(self._scalar(event), self.file, _line(event.start_mark)), event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._check_tag(event, _COLLECTION_TAGS)
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(
                    "nesting too deep",
                    event,
                    found=f"more than {MAX_DEPTH} levels",
                    allowed=f"at most {MAX_DEPTH} levels of mappings and lists",
                )
            if self.stack and self._expects_key():
                raise self.fail(
                    "a mapping key must be a plain value",
                    event,
                    found="a list" if isinstance(event, yaml.SequenceStartEvent) else "a mapping",
                    allowed="a name or number as key",
                )
            children: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
            self.stack.append((Located(None, self.file, _line(event.start_mark), children), []))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            located, _ = self.stack.pop()
            self._add(located, event)
        elif isinstance(event, yaml.DocumentStartEvent) and self.root is not None:
            raise self.fail(
                "several YAML documents in one file",
                event,
                allowed="one document (one scenario per file)",
            )

    def _expects_key(self) -> bool:
        collection, pending = self.stack[-1]
        return isinstance(collection.children, dict) and not pending

    def _check_tag(self, event: Any, allowed: set[str]) -> None:
        if event.tag not in (None, "!") and event.tag not in allowed:
            raise self.fail(
                "YAML tag not allowed",
                event,
                found=event.tag.replace(_TAG, "!!"),
                allowed="plain values without tags (text, numbers, true/false, lists, mappings)",
            )

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        self._check_tag(event, _SCALAR_TAGS)
        tag = event.tag
        if tag in (None, "!"):
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _TAG + "merge":
            raise self.fail(
                "the YAML merge key '<<' is not supported",
                event,
                allowed="keys written out (reuse a scenario with extends)",
            )
        if tag not in _SCALAR_TAGS:
            raise self.fail("YAML value not allowed", event, found=event.value)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        value = self.loader.yaml_constructors[tag](self.loader, node)
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(
                "not a finite number", event, found=event.value, allowed="a finite number"
            )
        return value

    def _add(self, located: Located, event: Any) -> None:
        if not self.stack:
            self.root = located
            return
        collection, pending = self.stack[-1]
        children = collection.children
        if isinstance(children, list):
            children.append(located)
        elif not pending:
            if located.value in children:
                raise self.fail(
                    "duplicate key",
                    event,
                    field=str(located.value),
                    allowed="each key once per mapping",
                )
            pending.append(located.value)
        else:
            children[pending.pop()] = located


def _read_text(path: Path) -> str:
    """The file's text: a regular file of at most MAX_BYTES in UTF-8 (devices, pipes and
    folders are refused before they are opened, so reading cannot hang)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ScenarioError(str(path), "file not found", allowed="an existing YAML file") from None
    except OSError as exc:
        raise ScenarioError(str(path), f"cannot read file ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError(
            str(path), "not a regular file", allowed="a YAML file (not a folder or device)"
        )
    if info.st_size > MAX_BYTES:
        raise ScenarioError(
            str(path),
            "file too large",
            found=f"{info.st_size:,} bytes",
            allowed=f"at most {MAX_BYTES:,} bytes",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(str(path), f"cannot read file ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise ScenarioError(str(path), "file too large", allowed=f"at most {MAX_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            str(path),
            "not UTF-8 text",
            line=data.count(b"\n", 0, exc.start) + 1,
            found=data[exc.start : exc.start + 1],
            allowed="a text file in UTF-8",
        ) from None


def _read(path: Path) -> Located:
    text = _read_text(path)
    loader = _Loader(text)
    builder = _Builder(str(path), loader)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = _line(mark)
        if line is None and isinstance(getattr(exc, "position", None), int):
            line = text.count("\n", 0, exc.position) + 1  # a ReaderError: no mark, a position
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        if "nesting depth" in str(problem):  # libyaml >= 0.2.6 stops deep nesting before us
            raise ScenarioError(
                str(path),
                "nesting too deep",
                line=line,
                found=str(problem),
                allowed=f"at most {MAX_DEPTH} levels of mappings and lists",
            ) from None
        raise ScenarioError(
            str(path), f"YAML syntax error: {problem}", line=line, allowed="valid YAML"
        ) from None
    finally:
        loader.dispose()
    node = builder.root
    if node is None or not isinstance(node.children, dict):
        raise ScenarioError(
            str(path),
            "a scenario must be a YAML mapping",
            line=node.line if node is not None else None,
            found="empty file" if node is None else type(node.children or node.value).__name__,
            allowed="a mapping with name, actors, rules, events, run",
        )
    return node


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


def _scenario_root(folder: Path) -> Path:
    """The folder an ``extends`` may reach: the nearest enclosing folder named ``scenarios``
    (a project's scenario tree, where ``teaching/x.yaml`` extends ``../baseline.yaml``), else
    the scenario's own folder. Nothing outside it is ever read (no /dev/zero, no stray files)."""
    for candidate in (folder, *folder.parents):
        if candidate.name == "scenarios":
            return candidate
    return folder


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def _bad_extends(located: Located, ref: Located, problem: str, allowed: str) -> ScenarioError:
    return ScenarioError(
        located.file, problem, line=ref.line, field="extends", found=ref.value, allowed=allowed
    )


def _resolve_extends(path: Path, chain: tuple[Path, ...], roots: tuple[Path, ...]) -> Located:
    """The file merged over the chain of files it extends. ``roots`` are the folders an
    ``extends`` may reach (symlinks resolved): the first file's folder tree and the shipped
    scenarios, so a scenario cannot pull in an arbitrary file of the machine."""
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
    if not isinstance(parent_ref.value, str) or not parent_ref.value:
        raise _bad_extends(
            located,
            parent_ref,
            "wrong type",
            "a path to another scenario file, relative to this one",
        )
    parent_path = path.parent / parent_ref.value
    shipped = roots[-1] / parent_ref.value
    if not parent_path.exists() and shipped.exists():
        # A copy of a shipped scenario elsewhere keeps its parents: the shipped folder is the
        # second place an ``extends`` is looked for.
        parent_path = shipped
    if not _inside(parent_path.resolve(), roots):
        raise _bad_extends(
            located,
            parent_ref,
            "extended file outside the scenario's folder",
            f"a scenario file under {roots[0]} or the shipped scenarios ({roots[1]})",
        )
    if not parent_path.exists():
        raise _bad_extends(
            located,
            parent_ref,
            "extended file not found",
            "a path to an existing scenario file, relative to this one or to the shipped scenarios",
        )
    parent = _resolve_extends(parent_path, (*chain, resolved), roots)
    return _merge(parent, located)


def _merged(path: str | Path) -> Located:
    path = Path(path)
    roots = (_scenario_root(path.resolve().parent), shipped_scenarios().resolve())
    return _resolve_extends(path, (), roots)


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
    root = _merged(path)
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
    return yaml.safe_dump(_strip(_merged(path)), sort_keys=False)

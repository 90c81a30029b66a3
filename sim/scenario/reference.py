"""The field reference of the scenario language, rendered from the schema itself so the
documentation cannot drift from the code (docs/scenarios.md embeds it; a test checks)."""

from __future__ import annotations

from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from sim.scenario import schema
from sim.scenario.sweep import Sweep, SweepParameter

SECTIONS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("Scenario (top level)", schema.Scenario),
    ("actors[]", schema.Actor),
    ("actors[].attributes", schema.Attributes),
    ("actors[].stance (explicit values)", schema.StanceValues),
    ("actors[].policy", schema.Policy),
    ("actors[].beliefs.<id>", schema.Beliefs),
    ("actors[].doctrine", schema.Doctrine),
    ("actors[].red_lines[]", schema.RedLine),
    ("war", schema.WarState),
    ("war.forces / war.optimism / war.aims", schema.Belligerents),
    ("ladder[] (custom ladder)", schema.RungSpec),
    ("rules.deterrence", schema.DeterrenceRules),
    ("rules.stakes", schema.StakesRules),
    ("rules.support", schema.SupportRules),
    ("rules.war", schema.WarRules),
    ("rules.nuclear", schema.NuclearRules),
    ("rules.signalling", schema.SignallingRules),
    ("rules.accidents", schema.AccidentRules),
    ("rules.attribution", schema.AttributionRules),
    ("rules.reputation", schema.ReputationRules),
    ("rules.red_lines", schema.RedLineRules),
    ("rules.alliances", schema.AllianceRules),
    ("rules.alliances.nato / rules.alliances.eu", schema.AllianceRule),
    ("rules.alliances.votes", schema.VoteWeights),
    ("rules.fatigue", schema.FatigueRules),
    ("rules.diplomacy", schema.DiplomacyRules),
    ("rules.posture", schema.PostureRules),
    ("events[]", schema.Event),
    ("run", schema.Run),
    ("sweep", Sweep),
    ("sweep.parameters.*", SweepParameter),
)
BEGIN, END = "<!-- reference:begin -->", "<!-- reference:end -->"


def _type_name(annotation) -> str:
    """A short, readable type: 'number', 'list of Actor', 'one of a, b' ..."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _type_name(args[0])
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin in (Union, UnionType):
        return " or ".join(_type_name(a) for a in args)
    if origin in (list, tuple):
        inner = _type_name(args[0]) if args else "value"
        return f"list of {inner}" if origin is list else f"pair of {inner}"
    if origin is dict:
        return f"mapping {_type_name(args[0])} to {_type_name(args[1])}"
    names = {int: "integer", float: "number", str: "text", bool: "true/false", type(None): "null"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _range(metadata: list) -> str:
    bounds = []
    for item in metadata:
        for name, symbol in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            value = getattr(item, name, None)
            if value is not None and isinstance(item, annotated_types.BaseMetadata):
                bounds.append(f"{symbol} {value}")
        if getattr(item, "min_length", None):
            bounds.append(f"at least {item.min_length} items")
        if getattr(item, "pattern", None):
            bounds.append(f"matches `{item.pattern}`")
    return ", ".join(bounds)


def _default(field) -> str:
    if field.default is PydanticUndefined and field.default_factory is None:
        return "required"
    if field.default_factory is not None:
        value = field.default_factory()
        return "see below" if isinstance(value, BaseModel) else f"`{value!r}`"
    return f"`{field.default!r}`"


def render_reference() -> str:
    """Markdown tables: one per section, one row per field."""
    lines = [BEGIN]
    for title, model in SECTIONS:
        lines += [
            "",
            f"### `{title}`",
            "",
            "| field | type | allowed | default | meaning |",
            "|---|---|---|---|---|",
        ]
        for name, field in model.model_fields.items():
            cells = (
                f"`{name}`",
                _type_name(field.annotation),
                _range(field.metadata),
                _default(field),
                field.description or "",
            )
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append(END)
    return "\n".join(lines)


def embed(document: str) -> str:
    """The document with its reference block replaced by the current one."""
    head, _, rest = document.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return head + render_reference() + tail


if __name__ == "__main__":
    import sys
    from pathlib import Path

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/scenarios.md")
    target.write_text(embed(target.read_text()))
    print(f"updated {target}")

"""Turn a run's events into sentences a reader can follow."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sim.outcomes import OUTCOME_BY_NAME

_CAUSES = {
    "deliberate": "",
    "inadvertent": " (inadvertent: reacting to a misread)",
    "accidental": " (accidental: fog of war)",
    "scheduled": "",
    "response": " (response)",
    "policy": " (policy commitment)",
    "agreement": "",
}


def _reading(event: dict) -> str:
    if not event.get("reading") or event["reading"] == "none":
        return ""
    misread = ", misread" if event.get("misread") else ""
    return f"; {event['target']} reads it as {event['reading']}{misread}"


def sentence(event: dict) -> str:
    """One line for one event."""
    kind, actor, target = event["kind"], event["actor"], event["target"]
    label = f" - {event['label']}" if event.get("label") else ""
    cause = _CAUSES.get(event.get("cause", ""), "")
    if kind == "action":
        move = event["move"]
        verb = "escalates" if move > 0 else ("de-escalates" if move < 0 else "acts")
        rung = f"{event['from_rung']} -> {event['to_rung']}" if move else event["to_rung"]
        return f"{actor} {verb} toward {target}: {rung}{cause}{label}{_reading(event)}"
    if kind == "aid":
        verb = "steps up" if event["move"] > 0 else "cuts"
        return (
            f"{actor} {verb} its aid to Ukraine: {event['from_rung']} -> {event['to_rung']}{label}"
        )
    if kind == "warning":
        whom = f" {target}" if target else ""
        return f"{actor} warns{whom}{label}{_reading(event)}"
    if kind == "misread":
        return f"{target} misreads a quiet week by {actor} as escalation"
    if kind == "incident":
        return f"Incident on {target}'s territory{cause}{label}"
    if kind == "attribution":
        return f"{actor}: the incident is {event['label']}"
    if kind == "red_line_crossed":
        return f"{actor} crosses {target}'s red line '{event['red_line']}'"
    if kind == "red_line_enforced":
        return f"{actor} enforces its red line '{event['red_line']}' against {target}"
    if kind == "red_line_bluff":
        return f"{actor} backs down: red line '{event['red_line']}' was a bluff; credibility falls"
    if kind == "nuclear_signal":
        return f"{actor} sends a nuclear signal: {event['to_rung']}{cause}"
    if kind == "nuclear_use":
        return f"{actor} USES A NUCLEAR WEAPON (a deliberate decision)"
    if kind == "article4":
        return f"{actor} asks for NATO consultations under Article 4{label}"
    if kind in ("alliance_decision", "peace_offer", "agreement", "agreement_broken"):
        return event["label"][:1].upper() + event["label"][1:]
    if kind in ("mobilisation", "stance", "join", "strikes"):
        return f"{actor}: {event['label']}"
    return f"{kind}: {actor} {target}{label}"


#: Events the narrative leaves out: each side's answer to an offer (the offer's line says who
#: refused it).
SILENT = ("offer_answer",)


def _grouped(events: Iterable[dict]) -> Iterator[dict]:
    """Merge consecutive labelled events that differ only in their actor or only in their
    target (a warning to all of NATO, a drill by four allies) into one line naming them all."""
    same = ("step", "kind", "label", "from_rung", "to_rung", "cause")
    group: dict | None = None
    for event in events:
        if group is not None and event["label"] and all(event[k] == group[k] for k in same):
            if event["actor"] == group["actor"]:
                group["target"] += f", {event['target']}"
                group["reading"] = ""
                continue
            if event["target"] == group["target"]:
                group["actor"] += f", {event['actor']}"
                continue
        if group is not None:
            yield group
        group = dict(event)
    if group is not None:
        yield group


def narrate(events: Iterable[dict], summary: dict, unit: str = "week") -> list[str]:
    """The run as lines: each step's events, then the outcome."""
    lines: list[str] = []
    current = None
    for event in _grouped(e for e in events if e["kind"] not in SILENT):
        if event["step"] != current:
            current = event["step"]
            lines.append(f"{unit.capitalize()} {current}")
        lines.append(f"  {sentence(event)}")
    step = summary.get("outcome_step")
    when = f" (decided in {unit} {step})" if step is not None else ""
    lines.append(f"Outcome: {OUTCOME_BY_NAME[summary['outcome']].label}{when}")
    return lines

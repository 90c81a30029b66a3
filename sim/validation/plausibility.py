"""The plausibility report: what every actor does over many runs of a scenario, and the checks
an expert expects to pass (issue 8). ``escsim check-model`` prints it and writes it into
docs/validation.md between markers.

Counts come straight from batched runs (``Simulation``), not from a results folder: the report
is about the model's behaviour, so it runs the model itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.model import Simulation
from sim.model.tables import events_columns, summary_frame
from sim.outcomes import OUTCOME_BY_NAME, OUTCOMES
from sim.scenario.schema import Scenario

BATCH = 500
BEGIN, END = "<!-- plausibility:begin -->", "<!-- plausibility:end -->"


@dataclass
class Behaviour:
    """Events and summaries of many runs of one scenario."""

    scenario: Scenario
    runs: int
    steps: int
    events: pd.DataFrame
    summary: pd.DataFrame


def observe(scenario: Scenario, runs: int, steps: int | None = None, seed: int = 0) -> Behaviour:
    """Run ``runs`` seeded runs (seeds seed..seed+runs-1) in batches and keep their events."""
    frames, summaries = [], []
    steps = scenario.run.steps if steps is None else steps
    for first in range(seed, seed + runs, BATCH):
        seeds = np.arange(first, min(first + BATCH, seed + runs))
        sim = Simulation(scenario, seeds, steps=steps, record="summary").run()
        columns = events_columns(sim)
        columns["run"] = seeds[columns.pop("replicate")]
        frames.append(pd.DataFrame(columns))
        summaries.append(summary_frame(sim))
    return Behaviour(
        scenario,
        runs,
        steps,
        pd.concat(frames, ignore_index=True),
        pd.concat(summaries, ignore_index=True),
    )


def share_of_runs(events: pd.DataFrame, runs: int, by: list[str]) -> pd.DataFrame:
    """Share of runs in which each group of events happened at least once."""
    if events.empty:
        return pd.DataFrame()
    return (events.groupby(by)["run"].nunique() / runs).unstack(fill_value=0.0)


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def checks(year: Behaviour) -> list[Check]:
    """The behaviours issue 8 asks of the model, on one year of runs."""
    scenario, events, runs = year.scenario, year.events, year.runs
    stance = {a.id: a.stance for a in scenario.actors}
    doves = [a for a, s in stance.items() if s in ("pro_russian", "neutral")]
    out = []
    moves = events[events["kind"] == "action"]
    up = moves[(moves["move"] > 0) & (moves["target"] == "RUS")]
    deliberate = up[up["cause"].isin(["deliberate", "inadvertent"])]
    arms = events[(events["kind"] == "aid") & (events["move"] > 0)]
    lethal = arms[arms["to_rung"] != "Non-lethal aid"]
    for actor in doves:
        escalates = deliberate[deliberate["actor"] == actor]["run"].nunique() / runs
        armed = lethal[lethal["actor"] == actor]["run"].nunique() / runs
        out.append(
            Check(
                f"{actor} ({stance[actor]}) escalates against Russia in < 5% of runs",
                escalates < 0.05,
                f"{escalates:.1%} of runs",
            )
        )
        out.append(
            Check(
                f"{actor} ({stance[actor]}) sends Ukraine lethal aid in < 5% of runs",
                armed < 0.05,
                f"{armed:.1%} of runs",
            )
        )
    pressure = _mean_russian_rung(year)
    frontline = [a.id for a in scenario.actors if a.stance == "frontline_hawk"]
    suppliers = [a.id for a in scenario.actors if a.aid in ("advanced", "long_range")]
    heavy = pressure[pressure.index.isin(frontline + suppliers)].mean()
    light = pressure[~pressure.index.isin(frontline + suppliers)].mean()
    out.append(
        Check(
            "Russia's direct pressure falls mainly on the frontline and the main suppliers",
            heavy > light,
            f"mean rung {heavy:.2f} on them vs {light:.2f} on the others",
        )
    )
    for kind, label in (("nuclear_use", "nuclear use"), ("clash", "direct clash")):
        if kind == "nuclear_use":
            chosen = events[events["kind"] == "nuclear_use"]
        else:
            chosen = moves[moves["to_rung"].isin(["Limited clash", "Wider war"])]
        accidental = chosen[chosen["cause"] == "accidental"]
        out.append(
            Check(
                f"no {label} comes from an accident alone",
                accidental.empty,
                f"{len(chosen)} events, {len(accidental)} accidental",
            )
        )
    votes = year.summary["article5_votes"]
    attacks = _attributed_attacks(events)
    out.append(
        Check(
            "Article 5 votes are rare and follow attributed attacks only",
            votes.mean() < 0.05
            and bool((votes <= attacks.reindex(year.summary.index, fill_value=0)).all()),
            f"{votes.mean():.3f} votes per run; {int(votes.sum())} votes after "
            f"{int(attacks.sum())} attributed attacks",
        )
    )
    misreads = year.summary["misreads"].sum()
    observed = year.summary["observed_moves"].sum()
    out.append(
        Check(
            "misreadings are a fraction of observed moves",
            misreads < 0.5 * observed,
            f"{misreads / max(observed, 1):.1%} ({misreads / runs / year.steps:.2f} a week)",
        )
    )
    return out


def _mean_russian_rung(year: Behaviour) -> pd.Series:
    """Mean conduct rung of Russia toward each target over the runs' final weeks."""
    moves = year.events[(year.events["kind"] == "action") & (year.events["actor"] == "RUS")]
    from sim.concepts.channels import CONDUCT

    rank = {level.label: k for k, level in enumerate(CONDUCT.levels)}
    start = {
        t: CONDUCT.index(v)
        for a in year.scenario.actors
        if a.role == "russia"
        for t, v in a.conduct.items()
    }
    finals = moves.sort_values("step").groupby(["target", "run"])["to_rung"].last()
    table = finals.map(rank).unstack(fill_value=np.nan)
    targets = [a.id for a in year.scenario.actors if a.id in start or a.id in table.index]
    out = {}
    for target in targets:
        ends = table.loc[target] if target in table.index else pd.Series(dtype=float)
        values = ends.reindex(range(year.runs)).fillna(start.get(target, 0))
        out[target] = values.mean()
    return pd.Series(out)


def _attributed_attacks(events: pd.DataFrame) -> pd.Series:
    attributed = events[
        (events["kind"] == "attribution")
        & events["label"].str.startswith("attributed to Russia (in truth: attack")
        | events["label"].str.startswith("attributed to Russia (in truth: clash")
    ]
    return attributed.groupby("run").size()


def outcome_mix(summary: pd.DataFrame) -> pd.Series:
    shares = summary["outcome"].value_counts(normalize=True)
    return pd.Series({o.name: shares.get(o.name, 0.0) for o in OUTCOMES})


def report(year: Behaviour, long: Behaviour) -> str:
    """The report as Markdown."""
    events, runs = year.events, year.runs
    lines = [
        f"Generated by `escsim check-model {year.scenario.name}` from {runs:,} seeded runs of "
        f"{year.steps} weeks (and {long.runs:,} runs of {long.steps} weeks for the long mix).",
        "",
        "### Checks",
        "",
        "| check | result | measured |",
        "|---|---|---|",
    ]
    for check in checks(year):
        lines.append(
            f"| {check.name} | {'pass' if check.passed else '**FAIL**'} | {check.detail} |"
        )
    moves = events[events["kind"] == "action"]
    up = moves[moves["move"] > 0]
    sections = [
        (
            "Escalation moves toward Russia (share of runs, by cause)",
            share_of_runs(up[up["target"] == "RUS"], runs, ["actor", "cause"]),
        ),
        (
            "Russia's escalation moves (share of runs, by target and cause)",
            share_of_runs(up[up["actor"] == "RUS"], runs, ["target", "cause"]),
        ),
        (
            "Aid stepped up (share of runs, by supplier and new kind)",
            share_of_runs(
                events[(events["kind"] == "aid") & (events["move"] > 0)], runs, ["actor", "to_rung"]
            ),
        ),
        (
            "Red lines crossed (share of runs, by violator and red line)",
            share_of_runs(
                events[events["kind"] == "red_line_crossed"], runs, ["actor", "red_line"]
            ),
        ),
        (
            "Owners' answers to crossings (events per run)",
            _per_run(
                events[events["kind"].isin(["red_line_enforced", "red_line_bluff"])],
                runs,
                ["actor", "kind"],
            ),
        ),
        (
            "Incidents on third states (events per run, by kind)",
            _per_run(events[events["kind"] == "incident"], runs, ["target", "label"]),
        ),
        (
            "Attribution of incidents (events per run)",
            _per_run(events[events["kind"] == "attribution"], runs, ["actor", "label"]),
        ),
        (
            "Nuclear signals (events per run, by kind and cause)",
            _per_run(events[events["kind"] == "nuclear_signal"], runs, ["to_rung", "cause"]),
        ),
    ]
    for title, table in sections:
        lines += ["", f"### {title}", ""]
        lines.append(_markdown(table) if not table.empty else "None in any run.")
    summary = year.summary
    alliance = pd.DataFrame(
        {
            "per run": [
                summary["article4"].mean(),
                summary["article5_votes"].mean(),
                summary["article5_adopted"].mean(),
                summary["sanctions_adopted"].mean(),
                summary["sanctions_blocked"].mean(),
            ],
        },
        index=[
            "Article 4 consultations",
            "Article 5 votes",
            "Article 5 adopted",
            "EU sanctions packages adopted",
            "EU sanctions votes blocked",
        ],
    )
    lines += ["", "### Alliance decisions", "", _markdown(alliance)]
    weekly = pd.DataFrame(
        {
            "per week": [
                summary["observed_moves"].mean() / year.steps,
                summary["misreads"].mean() / year.steps,
                summary["inadvertent_escalations"].mean() / year.steps,
                summary["slips"].mean() / year.steps,
            ],
        },
        index=["observed moves", "misreadings", "inadvertent escalations", "slips"],
    )
    lines += ["", "### Perception", "", _markdown(weekly)]
    clashes = moves[moves["to_rung"].isin(["Limited clash", "Wider war"])]
    uses = events[events["kind"] == "nuclear_use"]
    lines += [
        "",
        "### What caused each clash and nuclear step",
        "",
        f"Direct clashes: {clashes['run'].nunique()} runs; causes: "
        f"{_counts(clashes['cause'])}. Nuclear uses: {uses['run'].nunique()} runs; causes: "
        f"{_counts(uses['cause'])}. A clash needs a decision (Russia's, or a NATO member's "
        "answer to an attributed attack or under Article 5) and nuclear use only comes from "
        "Russia's deliberate decision (sim/rules/nuclear.py): a slip never lands on either.",
    ]
    mixes = pd.DataFrame(
        {
            f"{year.steps} weeks": outcome_mix(year.summary),
            f"{long.steps} weeks": outcome_mix(long.summary),
        }
    )
    mixes.index = [OUTCOME_BY_NAME[name].label for name in mixes.index]
    lines += ["", "### Outcome mixes", "", _markdown(mixes)]
    return "\n".join(lines) + "\n"


def _per_run(events: pd.DataFrame, runs: int, by: list[str]) -> pd.DataFrame:
    if events.empty:
        return pd.DataFrame()
    return (events.groupby(by).size() / runs).unstack(fill_value=0.0)


def _counts(values: pd.Series) -> str:
    counts = values.value_counts()
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def _markdown(table: pd.DataFrame) -> str:
    def cell(value) -> str:
        if isinstance(value, float | np.floating):
            return f"{value:.3f}"
        return str(value)

    header = "| | " + " | ".join(str(c) for c in table.columns) + " |"
    rule = "|---" * (len(table.columns) + 1) + "|"
    rows = [
        "| " + str(index) + " | " + " | ".join(cell(v) for v in row) + " |"
        for index, row in zip(table.index, table.to_numpy(), strict=True)
    ]
    return "\n".join([header, rule, *rows])


def write_section(path, text: str) -> None:
    """Replace the plausibility section of ``path`` (between markers), keeping the rest."""
    content = path.read_text() if path.exists() else f"# Validation\n\n{BEGIN}\n{END}\n"
    if BEGIN not in content:
        content += f"\n{BEGIN}\n{END}\n"
    head, _, rest = content.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n{text}{END}{tail}")

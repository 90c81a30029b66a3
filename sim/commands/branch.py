"""escsim branch: "what if, from here?" (a run continued from week t under changes), and the
paired tables ``escsim compare`` shows for a paired sweep."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from sim.commands.app import Table, app, console


def _pct(value: float) -> str:
    return "-" if value != value else f"{100 * value:.1f}%"


def _p(value: float) -> str:
    return "-" if value != value else f"{value:.2g}"


def paired_table(frame: pd.DataFrame, title: str, group: str, reference: str) -> Table:
    """Paired risk differences (``sim.analysis.pairing.binary_differences`` rows, with a
    ``group`` column): share, reference share, the difference with its interval, McNemar's p,
    and how many times smaller its variance is than with independent seeds."""
    table = Table(title=title)
    for column in (group, "result", "share", reference, "difference [95% CI]", "McNemar p"):
        table.add_column(column, justify="left" if column in (group, "result") else "right")
    table.add_column("variance vs\nindependent", justify="right")
    for row in frame.itertuples(index=False):
        ratio = row.variance_ratio
        table.add_row(
            getattr(row, group),
            row.label,
            _pct(row.share),
            _pct(row.reference_share),
            f"{100 * row.difference:+.1f} [{100 * row.low:+.1f}, {100 * row.high:+.1f}] pp",
            _p(row.p_value),
            "-" if not ratio < float("inf") else f"1/{ratio:.1f}",
        )
    return table


def paired_records(folders: list[Path]) -> dict[str, list[dict]] | None:
    """The paired risk differences of each paired sweep among ``folders``, as JSON records
    (None when none is paired)."""
    from sim.analysis.pairing import is_paired, paired_comparison

    found = {
        str(folder): json.loads(paired_comparison(folder).to_json(orient="records"))
        for folder in folders
        if is_paired(folder)
    }
    return found or None


def print_paired_comparison(folders: list[Path]) -> None:
    """For ``escsim compare``: the paired table of each paired sweep among ``folders``."""
    from sim.analysis.pairing import is_paired, paired_comparison

    for folder in folders:
        if not is_paired(folder):
            continue
        frame = paired_comparison(folder)
        if frame.empty:
            console.print(f"{folder}: every run alike in both arms: no paired difference")
            continue
        console.print(
            paired_table(
                frame,
                f"Paired risk differences against {frame['reference'].iloc[0]}, {folder} (runs "
                "paired by design point and replicate: the same seeds; outcomes and thresholds "
                "crossed by the end)",
                "group",
                frame["reference"].iloc[0],
            )
        )
        console.print(
            "variance vs independent: the paired estimate's variance as a fraction of what the "
            "same shares give with independent seeds (1/4: an interval half as wide)",
            highlight=False,
        )


@app.command()
def branch(
    source: Annotated[
        Path, typer.Argument(help="Scenario file, or a results folder of escsim sweep.")
    ],
    run_or_seed: Annotated[
        int, typer.Argument(help="Seed (with a scenario file) or run id (with a folder).")
    ],
    at: Annotated[
        int, typer.Option(help="Week to branch at: every arm shares weeks 1..AT, then parts.")
    ],
    change: Annotated[
        list[str],
        typer.Option(
            "--change",
            help="PATH=VALUE (a scenario dotted path, as in sweeps); several joined by ';' make "
            "one arm. Repeat for more arms; a no-change arm is always run.",
        ),
    ],
    runs: Annotated[int, typer.Option(help="Continuations per arm.")] = 200,
    steps: Annotated[
        int | None, typer.Option(help="Weeks the runs last (default: the scenario's run.steps).")
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            help="Result compared pair by pair: a summary column (final_front, incidents, ...) "
            "or a recorded path at the last week, measure:entity (reputation:USA>RUS)."
        ),
    ] = None,
    path: Annotated[
        str | None,
        typer.Option(
            help="Recorded path drawn week by week in the figure, measure:entity "
            "(default: the measure if it is one, else the second key dyad's rung)."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for branch.json, runs.csv and the figure (branch.png/.svg)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tables as JSON.")] = False,
) -> None:
    """Run a scenario (a seed, or a run of a sweep) to week AT, save its state, and continue
    it RUNS times under no change and under each --change, continuation k of every arm on the
    same random streams; report the paired differences. See docs/analysis.md."""
    from sim.analysis.branching import branch_figure, check_measure, default_measure, report
    from sim.batch.branching import NO_CHANGE, run_of
    from sim.batch.branching import branch as run_branch
    from sim.scenario import load_scenario

    if source.is_dir():
        scenario, seed = run_of(source, run_or_seed)
        origin = f"run {run_or_seed} of {source}"
    else:
        scenario, seed = load_scenario(source), run_or_seed
        origin = f"seed {seed}"
    result = run_branch(scenario, seed, at, change, runs=runs, steps=steps, origin=origin)
    chosen = check_measure(result, measure or default_measure(result))
    tables = report(result, chosen, NO_CHANGE)
    records = {name: json.loads(t.to_json(orient="records")) for name, t in tables.items()}
    if out is not None:
        from sim.analysis.figures import save

        out.mkdir(parents=True, exist_ok=True)
        (out / "branch.json").write_text(json.dumps({**result.describe(), **records}, indent=2))
        result.runs.to_csv(out / "runs.csv", index=False)
        written = save(branch_figure(result, chosen, path), out / "branch")
    if as_json:
        typer.echo(json.dumps({**result.describe(), **records}, indent=2))
        return
    _print(result, tables, chosen)
    if out is not None:
        console.print(
            f"written: {out / 'branch.json'}, {out / 'runs.csv'}, {written[0]}, {written[1]}",
            highlight=False,
            soft_wrap=True,
        )


def _print(result, tables: dict[str, pd.DataFrame], measure: str) -> None:
    from sim.outcomes import OUTCOME_BY_NAME

    unit = result.step_unit
    console.print(
        f"{result.scenario}, {result.origin}: branched at {unit} {result.at}; "
        f"{len(result.runs) // len(result.arms)} continuations per arm, {unit}s "
        f"{result.at + 1}-{result.steps}, on the same random streams in every arm",
        highlight=False,
        soft_wrap=True,
    )
    shares = tables["outcomes"]
    table = Table(title="Outcome shares by arm")
    table.add_column("arm")
    outcomes = list(dict.fromkeys(shares["outcome"]))
    for outcome in outcomes:
        table.add_column(OUTCOME_BY_NAME[outcome].short, justify="right")
    for arm, part in shares.groupby("arm", sort=False):
        values = part.set_index("outcome")["share"]
        table.add_row(arm, *(_pct(values[o]) for o in outcomes))
    console.print(table)
    differences = tables["differences"]
    if differences.empty:
        console.print("no outcome or threshold differs between the arms in any run")
    else:
        console.print(
            paired_table(
                differences,
                "Paired differences against no change (outcomes, thresholds crossed by the end)",
                "arm",
                "no change",
            )
        )
    table = Table(title=f"{measure}: paired differences (each change minus no change)")
    for column in ("arm", "mean", "no change", "difference [95% CI]", "10% / median / 90%", "p"):
        table.add_column(column, justify="left" if column == "arm" else "right")
    for row in tables["measure"].to_dict("records"):
        if row.get("pairs", 0) < 2:
            table.add_row(row["arm"], "-", "-", "too few pairs", "-", "-")
            continue
        table.add_row(
            row["arm"],
            f"{row['mean']:.4g}",
            f"{row['reference_mean']:.4g}",
            f"{row['difference']:+.4g} [{row['low']:+.4g}, {row['high']:+.4g}]",
            f"{row['q10']:+.3g} / {row['median']:+.3g} / {row['q90']:+.3g}",
            _p(row["p_value"]),
        )
    console.print(table)
    console.print("p: McNemar's exact test (binary results), Wilcoxon signed-rank (the measure)")

"""summary, compare and plot: analysis of a sweep's results folder (docs/analysis.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sim.commands.app import app
from sim.errors import EscsimError

console = Console()


HEADERS = {
    "nuclear_use": "nuclear use",
    "horizontal_escalation": "NATO-Russia clash",
    "alliance_fracture": "fracture",
    "settlement": "settlement",
    "frozen_conflict": "frozen",
}


def _pct(value: float) -> str:
    return "-" if value != value else f"{100 * value:.1f}%"


def _records(frame) -> list[dict]:
    return json.loads(frame.to_json(orient="records"))


@app.command()
def summary(
    folder: Annotated[Path, typer.Argument(help="Results folder of escsim sweep.")],
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the tables as CSV.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tables as JSON.")] = False,
    by_point: Annotated[
        bool, typer.Option("--by-point/--by-scenario", help="Group by design point too.")
    ] = True,
) -> None:
    """Outcome shares (95% Wilson intervals), times to thresholds and failed runs."""
    from sim.analysis.distributions import summary as summarise
    from sim.analysis.io import read_results

    if as_csv and as_json:
        raise EscsimError("--csv and --json: choose one")
    results = read_results(folder)
    by = None if by_point else ["scenario"]
    tables = summarise(results, by=by)
    if as_json:
        typer.echo(json.dumps({k: _records(v) for k, v in tables.items()}, indent=2))
        return
    if as_csv:
        for name, frame in tables.items():
            typer.echo(f"# {name}")
            typer.echo(frame.to_csv(index=False), nl=False)
        return
    keys = [c for c in ("scenario", "point") if c in tables["outcomes"].columns]
    shares = tables["outcomes"]
    table = Table(title=f"Outcome shares, {folder} (95% Wilson intervals)")
    for key in keys:
        table.add_column(key)
    table.add_column("runs", justify="right")
    outcomes = list(dict.fromkeys(shares["outcome"]))
    for outcome in outcomes:
        table.add_column(HEADERS.get(outcome, outcome), justify="right")
    table.add_column("failed", justify="right")
    for group, part in shares.groupby(keys, sort=False):
        group = group if isinstance(group, tuple) else (group,)
        part = part.set_index("outcome")
        cells = [
            f"{_pct(part.loc[o, 'share'])}\n"
            f"[{_pct(part.loc[o, 'low'])}, {_pct(part.loc[o, 'high'])}]"
            for o in outcomes
        ]
        first = part.iloc[0]
        table.add_row(*map(str, group), f"{first['runs']:,}", *cells, f"{first['failed']:,}")
    console.print(table)
    times = tables["thresholds"]
    table = Table(title="Steps to the first crossing of each threshold (runs that crossed)")
    for key in keys:
        table.add_column(key)
    for column in ("threshold", "reached", "median", "quartiles"):
        table.add_column(column, justify="left" if column == "threshold" else "right")
    for row in times.itertuples(index=False):
        row = row._asdict()
        quartiles = "-" if row["reached"] == 0 else f"{row['q25']:g} to {row['q75']:g}"
        median = "-" if row["reached"] == 0 else f"{row['median']:g}"
        table.add_row(
            *(str(row[k]) for k in keys),
            row["threshold"],
            f"{row['reached']:,} ({_pct(row['share'])})",
            median,
            quartiles,
        )
    console.print(table)
    counts = tables["counts"]
    console.print(
        f"runs: {int(counts['runs'].sum()):,}   ok: {int(counts['ok'].sum()):,}   "
        f"failed: {int(counts['failed'].sum()):,}"
    )


@app.command()
def compare(
    folders: Annotated[list[Path], typer.Argument(help="Results folders of escsim sweep.")],
    by: Annotated[
        str | None, typer.Option(help="Compare the values of this swept parameter.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Figure file (PNG and SVG); the table goes to .csv.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tables as JSON.")] = False,
    sources: Annotated[
        bool | None,
        typer.Option(
            "--sources/--no-sources",
            help="Split each share's spread into chance and parameter uncertainty (default: "
            "for sweeps run with --posterior).",
        ),
    ] = None,
) -> None:
    """Outcome distributions side by side, tests of difference and risk differences."""
    from sim.analysis.compare import compare as run_compare
    from sim.analysis.figures import compare_figure, save

    comparison = run_compare([str(f) for f in folders], by=by)
    spreads = _spreads(folders, sources)
    if out is not None:
        written = save(compare_figure(comparison), out)
        table_path = Path(out).with_suffix(".csv")
        comparison.differences.to_csv(table_path, index=False)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "reference": comparison.reference,
                    "shares": _records(comparison.shares),
                    "differences": _records(comparison.differences),
                    "overall": _records(comparison.overall),
                    "sources": {name: _records(frame) for name, frame in spreads.items()},
                },
                indent=2,
            )
        )
        return
    table = Table(title=f"Risk difference against {comparison.reference} (95% Newcombe)")
    for column in ("group", "outcome", "share", "reference", "difference [95% CI]", "test", "p"):
        table.add_column(
            column, justify="left" if column in ("group", "outcome", "test") else "right"
        )
    for row in comparison.differences.itertuples(index=False):
        table.add_row(
            row.group,
            row.outcome.replace("_", " "),
            _pct(row.share),
            _pct(row.reference_share),
            f"{100 * row.difference:+.1f} [{100 * row.low:+.1f}, {100 * row.high:+.1f}] pp",
            row.test,
            f"{row.p_value:.3g}",
        )
    console.print(table)
    for row in comparison.overall.itertuples(index=False):
        console.print(
            f"whole distribution, {row.group} vs {row.reference}: {row.test}, "
            f"statistic {row.statistic:.3g}, p = {row.p_value:.3g}",
            highlight=False,
        )
    for name, frame in spreads.items():
        _print_spread(name, frame)
    if out is not None:
        console.print(
            f"figure: {written[0]}, {written[1]}; table: {table_path}",
            highlight=False,
            soft_wrap=True,
        )


def _spreads(folders: list[Path], wanted: bool | None) -> dict:
    """Per folder, the split of each outcome share's spread into chance and parameters."""
    from sim.analysis.io import read_results
    from sim.calibration.uncertainty import posterior_sweep, sweep_sources

    out = {}
    for folder in folders:
        results = read_results(folder)
        if wanted is False or (wanted is None and not posterior_sweep(results.manifest)):
            continue
        try:
            out[str(folder)] = sweep_sources(results.runs)
        except ValueError as exc:
            raise EscsimError(f"--sources: {folder}: {exc}") from None
    return out


def _print_spread(name: str, frame) -> None:
    table = Table(title=f"Sources of spread in {name}: chance vs parameter uncertainty")
    for column in ("scenario", "outcome", "share", "per-draw share (90%)", "from parameters"):
        table.add_column(column, justify="left" if column in ("scenario", "outcome") else "right")
    for row in frame.itertuples(index=False):
        table.add_row(
            row.scenario,
            row.outcome.replace("_", " "),
            _pct(row.share),
            f"{_pct(row.draw_low)} - {_pct(row.draw_high)}",
            f"{100 * row.parameter_part:.0f}% of variance",
        )
    console.print(table)


@app.command()
def plot(
    folder: Annotated[Path, typer.Argument(help="Results folder of escsim sweep.")],
    kind: Annotated[
        str,
        typer.Option(help="fan, heatmap, survival, paths, transitions, sensitivity or indicators."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(help="Figure file; PNG and SVG are written (default: DIR/figures/KIND)."),
    ] = None,
    scenario: Annotated[str | None, typer.Option(help="Scenario (path figures).")] = None,
    dyad: Annotated[str | None, typer.Option(help="Key dyad (default RUS-NATO).")] = None,
    threshold: Annotated[
        str | None, typer.Option(help="Threshold for survival and indicators.")
    ] = None,
    outcome: Annotated[
        str, typer.Option(help="Outcome for sensitivity.")
    ] = "horizontal_escalation",
    window: Annotated[int, typer.Option(help="Early window in steps (indicators).")] = 13,
) -> None:
    """Draw a figure of a sweep (PNG and SVG) and write the table it shows (CSV)."""
    from sim.analysis.figures import save
    from sim.analysis.io import read_results
    from sim.analysis.plots import KINDS
    from sim.analysis.plots import plot as make_plot

    if kind not in KINDS:
        raise EscsimError(f"--kind: found {kind!r}; allowed: {', '.join(KINDS)}")
    results = read_results(folder)
    figure, table = make_plot(
        results,
        kind,
        scenario=scenario,
        dyad=dyad,
        threshold=threshold,
        outcome=outcome,
        window=window,
    )
    target = out if out is not None else folder / "figures" / kind
    written = save(figure, target)
    table_path = Path(target).with_suffix(".csv")
    table.to_csv(table_path, index=kind == "heatmap")
    console.print(
        f"{kind}: {written[0]}, {written[1]}; table: {table_path}", highlight=False, soft_wrap=True
    )

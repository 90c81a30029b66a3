"""summary, compare and plot: analysis of a sweep's results folder (docs/analysis.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sim.commands.app import Table, app, console
from sim.errors import EscsimError


def _pct(value: float) -> str:
    return "-" if value != value else f"{100 * value:.1f}%"


def _point_values(results) -> tuple[dict[tuple, str], str]:
    """The swept values of each (scenario, point) as ``p1=value`` lines, and the legend that
    names each ``p`` (short codes keep the table narrow enough for a terminal)."""
    from sim.store.results import PARAM

    paths = results.parameters
    if not paths:
        return {}, ""
    codes = {p: f"p{k}" for k, p in enumerate(paths, 1)}
    points = results.runs.groupby(["scenario", "point"], sort=False)[[PARAM + p for p in paths]]
    values = {}
    for key, row in points.first().iterrows():
        cells = [(codes[p], row[PARAM + p]) for p in paths]
        values[key] = "\n".join(
            f"{code}={value:.4g}" if isinstance(value, float) else f"{code}={value}"
            for code, value in cells
            if value is not None and value == value
        )
    legend = "parameters: " + "; ".join(f"{codes[p]} = {p}" for p in paths)
    return values, legend


def _records(frame) -> list[dict]:
    return json.loads(frame.to_json(orient="records"))


#: Most groups the events table shows side by side (more: use --csv or --json).
EVENT_GROUPS = 6


def _outcomes_table(shares, keys: list[str], title: str, values: dict[tuple, str]) -> Table:
    """Outcome shares by group; ``values``: the swept values of each design point, if any."""
    from sim.outcomes import OUTCOME_BY_NAME

    table = Table(title=title)
    for key in keys:
        table.add_column(key)
    if values:
        table.add_column("parameters")
    table.add_column("runs", justify="right")
    reached = set(shares.loc[shares["count"] > 0, "outcome"])
    outcomes = [o for o in dict.fromkeys(shares["outcome"]) if o in reached]
    for outcome in outcomes:
        table.add_column(OUTCOME_BY_NAME[outcome].short, justify="right")
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
        swept = [values.get(group, "")] if values else []
        table.add_row(
            *map(str, group), *swept, f"{first['runs']:,}", *cells, f"{first['failed']:,}"
        )
    return table


def _thresholds_table(times, keys: list[str]) -> Table:
    from sim.outcomes import PASSAGE_LABELS

    table = Table(
        title="Steps to the first crossing of each threshold (runs that crossed; thresholds "
        "no run crossed are left out)"
    )
    for key in keys:
        table.add_column(key)
    for column in ("threshold", "reached", "median", "quartiles"):
        table.add_column(column, justify="left" if column == "threshold" else "right")
    crossed = set(times.loc[times["reached"] > 0, "threshold"])
    for row in times[times["threshold"].isin(crossed)].itertuples(index=False):
        row = row._asdict()
        quartiles = "-" if row["reached"] == 0 else f"{row['q25']:g} to {row['q75']:g}"
        median = "-" if row["reached"] == 0 else f"{row['median']:g}"
        table.add_row(
            *(str(row[k]) for k in keys),
            PASSAGE_LABELS[row["threshold"]],
            f"{row['reached']:,} ({_pct(row['share'])})",
            median,
            quartiles,
        )
    return table


def _events_table(events, keys: list[str]) -> Table | str:
    """Counted events (rows) by group (columns): mean per run and share of runs with one."""
    groups = events.groupby(keys, sort=False)
    if groups.ngroups > EVENT_GROUPS:
        return f"events per run: {groups.ngroups} groups; see --csv or --json"
    table = Table(title="Events per run: mean, and share of runs with at least one")
    table.add_column("event")
    columns = []
    for group, part in groups:
        group = group if isinstance(group, tuple) else (group,)
        table.add_column(" ".join(map(str, group)), justify="right")
        columns.append(part.set_index("event"))
    for event in dict.fromkeys(events["event"]):
        cells = [f"{c.loc[event, 'mean']:.2f} ({_pct(c.loc[event, 'share'])})" for c in columns]
        table.add_row(event.replace("_", " "), *cells)
    return table


@app.command()
def summary(
    folder: Annotated[Path, typer.Argument(help="Results folder of escsim sweep.")],
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the tables as CSV.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tables as JSON.")] = False,
    by_point: Annotated[
        bool, typer.Option("--by-point/--by-scenario", help="Group by design point too.")
    ] = True,
) -> None:
    """Outcome shares (95% Wilson intervals), times to thresholds, event counts, failed runs."""
    from sim.analysis.distributions import summary as summarise
    from sim.store.results import load_results

    if as_csv and as_json:
        raise EscsimError("--csv and --json: choose one")
    results = load_results(folder).require_runs()
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
    title = f"Outcome shares, {folder} (95% Wilson intervals)"
    values, legend = _point_values(results) if "point" in keys else ({}, "")
    console.print(_outcomes_table(tables["outcomes"], keys, title, values))
    if legend:
        console.print(legend, highlight=False)
    console.print(_thresholds_table(tables["thresholds"], keys))
    console.print(_events_table(tables["events"], keys), highlight=False)
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
    from sim.commands.branch import paired_records, print_paired_comparison
    from sim.outcomes import OUTCOME_BY_NAME

    comparison = run_compare([str(f) for f in folders], by=by)
    spreads = _spreads(folders, sources)
    if out is not None:
        written = save(compare_figure(comparison), out)
        table_path = Path(out).with_suffix(".csv")
        comparison.differences.to_csv(table_path, index=False)
    if as_json:
        payload = {
            "reference": comparison.reference,
            "shares": _records(comparison.shares),
            "differences": _records(comparison.differences),
            "overall": _records(comparison.overall),
            "sources": {name: _records(frame) for name, frame in spreads.items()},
        }
        paired = paired_records(folders)  # paired sweeps (--paired): sim.analysis.pairing
        typer.echo(json.dumps(payload | ({"paired": paired} if paired else {}), indent=2))
        return
    table = Table(
        title=f"Risk difference against {comparison.reference} (95% Newcombe; outcomes "
        "neither group reached are left out)"
    )
    for column in ("group", "outcome", "share", "reference", "difference [95% CI]", "test", "p"):
        table.add_column(
            column, justify="left" if column in ("group", "outcome", "test") else "right"
        )
    differences = comparison.differences
    seen = (differences["share"] > 0) | (differences["reference_share"] > 0)
    for row in differences[seen].itertuples(index=False):
        table.add_row(
            row.group,
            OUTCOME_BY_NAME[row.outcome].short,
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
    print_paired_comparison(folders)
    if out is not None:
        console.print(
            f"figure: {written[0]}, {written[1]}; table: {table_path}",
            highlight=False,
            soft_wrap=True,
        )


def _spreads(folders: list[Path], wanted: bool | None) -> dict:
    """Per folder, the split of each outcome share's spread into chance and parameters."""
    from sim.calibration.uncertainty import posterior_sweep, sweep_sources
    from sim.store.results import load_results

    out = {}
    for folder in folders:
        results = load_results(folder)
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
        str, typer.Option(help="Figure to draw (docs/analysis.md; a wrong kind lists them).")
    ],
    out: Annotated[
        Path | None,
        typer.Option(help="Figure file; PNG and SVG are written (default: DIR/figures/KIND)."),
    ] = None,
    scenario: Annotated[
        str | None, typer.Option(help="Scenario (default: the first; war: all).")
    ] = None,
    dyad: Annotated[str | None, typer.Option(help="Key dyad (default RUS-NATO).")] = None,
    threshold: Annotated[
        str | None,
        typer.Option(help="Threshold (survival: default direct_clash; indicators: article4)."),
    ] = None,
    outcome: Annotated[
        str | None, typer.Option(help="Outcome (sensitivity; default horizontal_escalation).")
    ] = None,
    window: Annotated[
        int | None, typer.Option(help="Early window in steps (indicators; default 13).")
    ] = None,
    measure: Annotated[str | None, typer.Option(help="War measure (war; default front).")] = None,
    by: Annotated[
        str | None,
        typer.Option(help="Group by this swept parameter, not by scenario (outcomes, survival)."),
    ] = None,
) -> None:
    """Draw a figure of a sweep (PNG and SVG) and write the table it shows (CSV)."""
    from sim.analysis.figures import save
    from sim.analysis.plots import KINDS
    from sim.analysis.plots import plot as make_plot
    from sim.store.results import load_results

    if kind not in KINDS:
        raise EscsimError(f"found {kind!r}; allowed: {', '.join(KINDS)}", parameter="kind")
    results = load_results(folder).require_runs()
    given = {
        "scenario": scenario,
        "dyad": dyad,
        "threshold": threshold,
        "outcome": outcome,
        "window": window,
        "measure": measure,
        "by": by,
    }
    figure, table = make_plot(results, kind, **{k: v for k, v in given.items() if v is not None})
    target = out if out is not None else folder / "figures" / kind
    written = save(figure, target)
    table_path = Path(target).with_suffix(".csv")
    table.to_csv(table_path, index=kind == "heatmap")
    console.print(
        f"{kind}: {written[0]}, {written[1]}; table: {table_path}", highlight=False, soft_wrap=True
    )

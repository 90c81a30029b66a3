"""escsim concept: run a teaching concept's scenario pair and test the guide's claims."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.commands.app import Table, app, console
from sim.errors import EscsimError
from sim.teaching.concepts import CONCEPTS


@app.command()
def concept(
    name: Annotated[str | None, typer.Argument(help="Concept key; omit to list them.")] = None,
    runs: Annotated[int, typer.Option(help="Seeded runs per scenario.")] = 200,
    out: Annotated[Path | None, typer.Option(help="Figure file (PNG and SVG are written).")] = None,
) -> None:
    """Run a concept's scenario pair with seeds 0..runs-1 and check each claim of the guide."""
    if name is None:
        table = Table(title="Teaching concepts (docs/teaching.md)")
        for column in ("concept", "title", "scenario pair"):
            table.add_column(column)
        for key, item in CONCEPTS.items():
            table.add_row(key, item.title, f"{item.first} vs {item.second}")
        console.print(table)
        return
    if name not in CONCEPTS:
        raise EscsimError(f"concept: found {name!r}; allowed: {', '.join(CONCEPTS)}")
    if runs < 2:
        raise EscsimError(f"--runs: found {runs}; allowed: 2 or more")
    from sim.teaching.evidence import gather
    from sim.teaching.figure import draw

    evidence = gather(CONCEPTS[name], runs=runs)
    table = Table(title=f"{CONCEPTS[name].title}: {runs} runs per scenario")
    for column in ("claim", "measure", "first", "second", "p", "holds"):
        table.add_column(column)
    for claim in evidence.concept.claims:
        values = evidence.values[claim.measure.name]
        table.add_row(
            claim.words,
            claim.measure.label,
            f"{values['first'].mean():.3f}",
            f"{values['second'].mean():.3f}",
            f"{evidence.p_value(claim):.2g}",
            "yes" if evidence.holds(claim) else "NO",
        )
    console.print(table)
    if out is not None:
        for path in draw(evidence, out):
            console.print(f"figure written to {path}")

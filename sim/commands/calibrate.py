"""calibrate and hindcast: fit rules to the 2022-24 facts (ABC-SMC) and check the fit."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sim.commands.app import app

console = Console()


@app.command()
def calibrate(
    spec: Annotated[Path, typer.Argument(help="Calibration spec (validation/calibration.yaml).")],
    out: Annotated[Path, typer.Option(help="Posterior folder to write (or to --resume).")],
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the calibration in --out.")
    ] = False,
    backend: Annotated[str, typer.Option(help="local (processes) or dask.")] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes (1: single core).")] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a running Dask scheduler (with --backend dask).")
    ] = None,
    population: Annotated[int | None, typer.Option(help="Particles per generation.")] = None,
    generations: Annotated[int | None, typer.Option(help="Most generations.")] = None,
    replicates: Annotated[int | None, typer.Option(help="Seeded runs per particle.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress lines.")] = False,
) -> None:
    """Fit the spec's parameters to its stylised facts by ABC-SMC (pyabc); resumable."""
    from sim.calibration.run import calibrate as run

    def progress(g) -> None:
        if not quiet:
            console.print(
                f"generation {g.t}: epsilon {g.epsilon:.3f}, {g.accepted} accepted of "
                f"{g.simulations} simulations ({100 * g.acceptance:.0f}%), {g.seconds:.0f} s",
                highlight=False,
            )

    result = run(
        spec,
        out,
        resume=resume,
        backend=backend,
        workers=workers,
        scheduler=scheduler,
        population=population,
        generations=generations,
        replicates=replicates,
        progress=progress,
        command="escsim " + shlex.join(sys.argv[1:]),
    )
    cost = result.manifest["cost"]
    console.print(
        f"{cost['simulations']} simulations, {cost['accepted']} accepted particles "
        f"({cost['simulations_per_accepted']:.2f} simulations per accepted particle), "
        f"{cost['seconds']:.0f} s; posterior: {result.folder}/",
        highlight=False,
    )


@app.command()
def hindcast(
    posterior: Annotated[Path, typer.Argument(help="Posterior folder of escsim calibrate.")],
    spec: Annotated[
        Path | None, typer.Option(help="Calibration spec (default: the one it was fitted with).")
    ] = None,
    draws: Annotated[int, typer.Option(help="Posterior draws for the predictive check.")] = 100,
    replicates: Annotated[int, typer.Option(help="Seeded runs per draw.")] = 2,
    seed: Annotated[int, typer.Option(help="Seed of the draws and runs.")] = 2025,
    docs: Annotated[
        Path | None, typer.Option(help="Markdown file whose hindcast section to rewrite.")
    ] = None,
    img: Annotated[Path, typer.Option(help="Folder for the figures.")] = Path("docs/img"),
    calibrated: Annotated[
        Path | None,
        typer.Option(help="Write posterior medians and the end-2024 war state here."),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="Scenario after 2024 whose outcome mixes to report.")
    ] = None,
    baseline_draws: Annotated[int, typer.Option(help="Posterior draws for the mixes.")] = 40,
    baseline_replicates: Annotated[int, typer.Option(help="Seeds per draw for the mixes.")] = 25,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    forecasts: Annotated[
        Path | None,
        typer.Option(help="Public forecasts to set the baseline's runs against (with --baseline)."),
    ] = None,
) -> None:
    """Posterior predictive check of the facts, parameter marginals, calibrated baseline file
    and outcome mixes; writes figures, the posterior's report.md and (--docs) the hindcast
    section of docs/validation.md."""
    from sim.calibration.hindcast import build
    from sim.calibration.report import replace_section
    from sim.errors import EscsimError

    for name, value in (("--draws", draws), ("--replicates", replicates), ("--workers", workers)):
        if value < 1:
            raise EscsimError(f"{name}: found {value}; allowed: an integer >= 1")
    if forecasts is not None and baseline is None:
        raise EscsimError("--forecasts: needs --baseline (the runs set against the forecasts)")
    result = build(
        posterior,
        spec=spec,
        draws=draws,
        replicates=replicates,
        seed=seed,
        img=img,
        calibrated=calibrated,
        baseline=baseline,
        baseline_draws=baseline_draws,
        baseline_replicates=baseline_replicates,
        workers=workers,
        forecasts=forecasts,
    )
    (posterior / "report.md").write_text(result.section + "\n")
    if docs is not None:
        text = docs.read_text() if docs.exists() else "# Validation\n"
        docs.write_text(replace_section(text, result.section))
    covered = int(result.check["covered"].sum())
    console.print(
        f"{covered} of {len(result.check)} facts covered by the 90% predictive interval; "
        f"report: {posterior / 'report.md'}" + (f"; section written to {docs}" if docs else ""),
        highlight=False,
    )
    for row in result.check[~result.check["covered"]].itertuples():
        console.print(f"  not covered: {row.fact} (observed {row.observed})", highlight=False)

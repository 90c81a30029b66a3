"""Regenerate the worked example of docs/analysis.md: its sweeps, and its figures
docs/img/analysis_*.{png,svg,csv}.

    python docs/make_analysis_figures.py                  # 1,000 runs per scenario, Sobol N=64
    python docs/make_analysis_figures.py --replicates 200 --samples 16   # a quicker look

The sweeps go to results/ (git-ignored): results/analysis-example and results/analysis-sobol,
made afresh each time (the model may have changed since the last run); ``--reuse`` keeps them
and only completes them (``escsim sweep --resume``). The commands are exactly those the worked
example lists, with ``--out docs/img/analysis_<kind>``; each runs as ``python -m sim ...`` from
the repository root, and the summaries print as they run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = [
    "scenarios/baseline.yaml",
    "scenarios/peace_plan_early.yaml",
    "scenarios/aid_surge_redline.yaml",
    "scenarios/intensified_drills.yaml",
    "scenarios/divided_alliance.yaml",
]
SOBOL_PARAMETERS = [
    "rules.diplomacy.cost_of_war=0.01:0.1",
    "rules.fatigue.rate=0.002:0.03",
    "rules.alliances.fracture_threshold=0.3:0.7",
]


def commands(example: str, sobol: str, img: str, replicates: int, samples: int) -> list[list]:
    """The worked example: its sweeps, summaries, comparison and figures (escsim arguments)."""
    params = [a for p in SOBOL_PARAMETERS for a in ("--param", p)]
    figure = [
        ("fan", ["--scenario", "baseline"]),
        ("heatmap", ["--scenario", "aid_surge_redline"]),
        ("transitions", ["--scenario", "aid_surge_redline"]),
        ("paths", ["--scenario", "aid_surge_redline"]),
        ("war", []),
        ("aid", ["--scenario", "aid_surge_redline"]),
    ]
    plot_sobol, by_cost = ["plot", sobol, "--kind"], ["--by", "rules.diplomacy.cost_of_war"]
    sobol_sweep = ["--design", "sobol", "--samples", str(samples), "--replicates", "4", *params]
    return [
        ["sweep", *SCENARIOS, "--replicates", str(replicates), "--out", example],
        ["summary", example, "--by-scenario"],
        ["compare", example, "--out", f"{img}/analysis_compare.png"],
        *(
            ["plot", example, "--kind", kind, *extra, "--out", f"{img}/analysis_{kind}.png"]
            for kind, extra in figure
        ),
        ["sweep", SCENARIOS[0], *sobol_sweep, "--out", sobol],
        ["summary", sobol, "--by-scenario"],
        *(
            [*argv, "--out", f"{img}/analysis_{name}.png"]
            for name, argv in (
                ("compare_fatigue", ["compare", sobol, "--by", "rules.fatigue.rate"]),
                (
                    "outcomes",
                    [*plot_sobol, "outcomes", "--by", "rules.alliances.fracture_threshold"],
                ),
                ("survival", [*plot_sobol, "survival", "--threshold", "ceasefire", *by_cost]),
                (
                    "sensitivity",
                    ["plot", sobol, "--kind", "sensitivity", "--outcome", "settlement"],
                ),
                (
                    "indicators",
                    ["plot", sobol, "--kind", "indicators", "--threshold", "settlement"],
                ),
            )
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=1000, help="runs per scenario")
    parser.add_argument("--samples", type=int, default=64, help="Sobol base samples N")
    parser.add_argument("--results", default="results", help="folder for the sweeps")
    parser.add_argument("--img", default="docs/img", help="folder for the figures")
    parser.add_argument("--reuse", action="store_true", help="complete existing sweeps")
    args = parser.parse_args()
    example, sobol = f"{args.results}/analysis-example", f"{args.results}/analysis-sobol"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "160"}
    for argv in commands(example, sobol, args.img, args.replicates, args.samples):
        out = ROOT / argv[argv.index("--out") + 1] if argv[0] == "sweep" else None
        if out is not None and out.exists():
            if args.reuse:
                argv = [*argv, "--resume"]
            else:
                shutil.rmtree(out)
        print("$ escsim " + " ".join(argv), flush=True)
        subprocess.run([sys.executable, "-m", "sim", *argv], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()

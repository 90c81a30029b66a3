#!/usr/bin/env bash
# Refresh the tracked figures under docs/img/ (maintainers only: this overwrites tracked files).
# The guides' own commands write under results/ instead. Takes several minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
img=docs/img

# docs/analysis.md: the worked example and the Sobol sweep
escsim sweep scenarios/baseline.yaml scenarios/peace_plan_early.yaml \
    scenarios/aid_surge_redline.yaml scenarios/intensified_drills.yaml \
    scenarios/divided_alliance.yaml --replicates 1000 --out results/example --quiet
escsim compare results/example --out "$img/analysis_compare.png"
escsim plot results/example --kind fan --scenario baseline --out "$img/analysis_fan.png"
escsim plot results/example --kind survival --threshold direct_clash --out "$img/analysis_survival.png"
escsim plot results/example --kind heatmap --scenario aid_surge_redline --out "$img/analysis_heatmap.png"
escsim plot results/example --kind transitions --scenario aid_surge_redline --out "$img/analysis_transitions.png"
escsim plot results/example --kind paths --scenario baseline --out "$img/analysis_paths.png"
escsim plot results/example --kind indicators --scenario baseline --out "$img/analysis_indicators.png"
escsim sweep scenarios/baseline.yaml --design sobol --samples 64 --replicates 4 \
    --param rules.signalling.misperception=0:0.3 \
    --param actors.RUS.attributes.risk_tolerance=0.2:0.9 \
    --param rules.fatigue.rate=0.002:0.02 --record summary --out results/sobol --quiet
escsim plot results/sobol --kind sensitivity --outcome settlement --out "$img/analysis_sensitivity.png"

# docs/teaching.md: the guide, generated from the lesson registry, and one figure per lesson
escsim concept --all --runs 500 --out "$img" --guide docs/teaching.md

# docs/dashboard.md: the screenshot (needs the viz extra and /usr/bin/chromium)
ESCSIM_UPDATE_DOCS=1 python -m pytest tests/test_viz_browser.py -m slow

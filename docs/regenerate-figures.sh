#!/usr/bin/env bash
# Refresh the tracked figures under docs/img/ (maintainers only: this overwrites tracked files).
# The guides' own commands write under results/ instead. Takes several minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
img=docs/img

# docs/analysis.md: the worked example's two sweeps (under results/) and its figures
python docs/make_analysis_figures.py

# docs/analysis.md: the escsim branch worked example (tables under results/branch)
escsim branch scenarios/aid_surge_redline.yaml 3 --at 9 --change "events.aid_surge.probability=0" \
    --runs 200 --measure "reputation:USA>RUS" --path "reputation:USA>RUS" --out results/branch
cp results/branch/branch.png "$img/branch_surge.png"

# docs/teaching.md: the guide, generated from the lesson registry, and one figure per lesson
escsim concept --all --runs 500 --out "$img" --guide docs/teaching.md

# docs/dashboard.md: the screenshots (needs the viz extra and /usr/bin/chromium)
python docs/dashboard_screenshots.py

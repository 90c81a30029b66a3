#!/usr/bin/env bash
# Refresh the tracked figures under docs/img/ (maintainers only: this overwrites tracked files).
# The guides' own commands write under results/ instead. Takes several minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
img=docs/img

# docs/analysis.md: the worked example's two sweeps (under results/) and its figures
python docs/make_analysis_figures.py

# docs/teaching.md: the guide, generated from the lesson registry, and one figure per lesson
escsim concept --all --runs 500 --out "$img" --guide docs/teaching.md

# docs/dashboard.md: the screenshot (needs the viz extra and /usr/bin/chromium)
ESCSIM_UPDATE_DOCS=1 python -m pytest tests/test_viz_browser.py -m slow

"""Vega-Lite specs of the dashboard's charts, as plain dicts. Data is not in the spec: each
chart names its datasets (``paths``, ``reference``, ``markers``, ...) and the page sends them
separately on every step (``sim.viz.vega``). Solara-free."""

from __future__ import annotations

from sim.ladder import Ladder
from sim.outcomes import OUTCOMES

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.2.0.json"
WIDTH, HEIGHT = 760, 330
#: Width of a chart beside another (measures beside monitors, a lesson's arms side by side).
SIDE_WIDTH = 470
#: Colour-blind-safe qualitative palette (Okabe and Ito) for series.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Shaded bands behind the ladder: (first category of the band, colour, words).
BANDS = (
    ("conventional", "#FFF4E0", "war"),
    ("nato_incident", "#FDE3E1", "NATO-Russia"),
    ("nuclear_signal", "#EFE2F3", "nuclear"),
)
#: strokeDash of the two arms of a lesson (the first solid, the second dashed).
ARM_DASHES = ([1, 0], [6, 3])


def _rung_axis(ladder: Ladder) -> dict:
    return _names_axis([f"{rung.level} {rung.name}" for rung in ladder.rungs])


def _names_axis(names: list[str]) -> dict:
    """A y axis whose ticks 0, 1, 2 ... carry ``names``."""
    labels = "[" + ",".join(repr(n) for n in names) + "]"
    return {
        "title": None,
        "values": list(range(len(names))),
        "labelExpr": f"{labels}[round(datum.value)]",
        "labelLimit": 210,
        "labelOverlap": False,
        "tickCount": len(names),
        "labelFontSize": 10,
        "grid": True,
        "gridOpacity": 0.4,
    }


def _bands(ladder: Ladder) -> dict:
    """Shaded bands behind the ladder; this first layer also carries the rung axis."""
    categories = [rung.category for rung in ladder.rungs]
    values = []
    for category, colour, words in BANDS:
        if category in categories:
            values.append(
                {"low": categories.index(category) - 0.5, "colour": colour, "band": words}
            )
    for k, value in enumerate(values):
        value["high"] = values[k + 1]["low"] if k + 1 < len(values) else ladder.top + 0.5
    return {
        "data": {"values": values},
        "mark": {"type": "rect", "tooltip": False},
        "encoding": {
            "y": {
                "field": "low",
                "type": "quantitative",
                "scale": {"domain": [-0.5, ladder.top + 0.5]},
                "axis": _rung_axis(ladder),
            },
            "y2": {"field": "high"},
            "color": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
        },
    }


def _week_axis(steps: int, unit: str) -> dict:
    return {
        "field": "week",
        "type": "quantitative",
        "title": unit,
        "scale": {"domain": [0, steps], "nice": False},
    }


def _markers(top: int) -> list[dict]:
    """Vertical rules with words at the top: red lines, Article 4/5, the outcome week."""
    return [
        {
            "data": {"name": "markers"},
            "mark": {"type": "rule", "strokeWidth": 1.5, "opacity": 0.8},
            "encoding": {
                "x": {"field": "week", "type": "quantitative"},
                "color": {"field": "colour", "type": "nominal", "scale": None},
                "tooltip": [{"field": "week"}, {"field": "full", "title": "events"}],
            },
        },
        {
            "data": {"name": "markers"},
            "mark": {
                "type": "text",
                "angle": 270,
                "align": "right",
                "baseline": "bottom",
                "dx": -4,
                "dy": -2,
                "fontSize": 10,
                "limit": 140,
            },
            "encoding": {
                "x": {"field": "week", "type": "quantitative"},
                "y": {"datum": top + 0.4},
                "text": {"field": "text"},
                "color": {"field": "colour", "type": "nominal", "scale": None},
            },
        },
    ]


def ladder_spec(
    ladder: Ladder,
    steps: int,
    unit: str,
    series: list[str],
    arms: list[str] | None = None,
    title: str = "",
    width: int = WIDTH,
) -> dict:
    """Paths on the escalation ladder (dataset ``paths``), the previous run faded and dashed
    (``reference``), markers (``markers``). With ``arms``, the arms of a lesson are told
    apart by dashes (``arm`` field)."""
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": series, "range": list(PALETTE[: len(series)])},
        "legend": {"orient": "top"},
    }
    y = {
        "field": "y",
        "type": "quantitative",
        "scale": {"domain": [-0.5, ladder.top + 0.5]},
        "axis": _rung_axis(ladder),
    }
    tooltip = [
        {"field": "week"},
        {"field": "series"},
        {"field": "name", "title": "rung"},
        *([{"field": "arm"}] if arms else []),
    ]
    line = {"type": "line", "interpolate": "step-after", "strokeWidth": 2.4}
    paths = {
        "data": {"name": "paths"},
        "mark": line,
        "encoding": {
            "x": _week_axis(steps, unit),
            "y": y,
            "color": colour,
            "detail": {"field": "arm"},
            "tooltip": tooltip,
        },
    }
    if arms:
        paths["encoding"]["strokeDash"] = {
            "field": "arm",
            "type": "nominal",
            "title": None,
            "scale": {"domain": arms, "range": list(ARM_DASHES[: len(arms)])},
            "legend": {"orient": "top", "symbolType": "stroke", "symbolStrokeWidth": 2.4},
        }
    reference = {
        "data": {"name": "reference"},
        "mark": {**line, "strokeDash": [4, 2], "opacity": 0.35},
        "encoding": {
            "x": {"field": "week", "type": "quantitative"},
            "y": y,
            "color": {**colour, "legend": None},
            "tooltip": tooltip,
        },
    }
    return {
        "$schema": SCHEMA,
        "title": title or None,
        "width": width,
        "height": HEIGHT,
        "layer": [_bands(ladder), reference, paths, *_markers(ladder.top)],
        "resolve": {"scale": {"color": "independent"}, "legend": {"color": "independent"}},
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 11}},
    }


def measures_spec(steps: int, unit: str, arms: list[str] | None = None, width: int = WIDTH) -> dict:
    """Measures on 0-1 over time (dataset ``measures``: week, measure, value, arm)."""
    encoding = {
        "x": _week_axis(steps, unit),
        "y": {"field": "value", "type": "quantitative", "title": None, "scale": {"domain": [0, 1]}},
        "color": {
            "field": "measure",
            "type": "nominal",
            "title": None,
            "legend": {"orient": "bottom", "columns": 3, "labelLimit": 200},
        },
        "detail": {"field": "arm"},
        "tooltip": [{"field": "week"}, {"field": "measure"}, {"field": "value"}],
    }
    if arms:
        encoding["strokeDash"] = {
            "field": "arm",
            "type": "nominal",
            "title": None,
            "scale": {"domain": arms, "range": list(ARM_DASHES[: len(arms)])},
            "legend": {"orient": "bottom", "labelLimit": 200},
        }
        encoding["tooltip"].append({"field": "arm"})
    return {
        "$schema": SCHEMA,
        "width": width,
        "height": 170,
        "data": {"name": "measures"},
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": encoding,
        "config": {"view": {"stroke": None}},
    }


def shares_spec(arms: list[str]) -> dict:
    """Outcome shares per arm (dataset ``shares``: arm, outcome, share, runs), coloured and
    ordered by severity."""
    ordered = sorted(OUTCOMES, key=lambda o: -o.severity)
    return {
        "$schema": SCHEMA,
        "width": WIDTH - 120,
        "height": 28 * max(len(arms), 1) + 20,
        "data": {"name": "shares"},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "arm", "type": "nominal", "title": None, "sort": arms},
            "x": {
                "field": "share",
                "type": "quantitative",
                "stack": "normalize",
                "title": "share of runs",
                "axis": {"format": "%"},
            },
            "color": {
                "field": "outcome",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [o.label for o in ordered],
                    "range": [o.colour for o in ordered],
                },
                "legend": {"orient": "bottom", "columns": 2, "labelLimit": 260},
            },
            "order": {"field": "severity", "type": "quantitative", "sort": "descending"},
            "tooltip": [
                {"field": "arm"},
                {"field": "outcome"},
                {"field": "share", "format": ".0%"},
                {"field": "runs"},
            ],
        },
    }


def bands_spec(title: str, names: list[str] | None, steps: int, unit: str, arms: list[str]) -> dict:
    """A weekly measure per arm with its band (dataset ``bands``: week, arm, center, low,
    high); ``names`` label the levels of an ordinal measure (conduct rungs), else it is 0-1."""
    colour = {
        "field": "arm",
        "type": "nominal",
        "title": None,
        "scale": {"domain": arms, "range": list(PALETTE[: len(arms)])},
        "legend": {"orient": "top", "labelLimit": 220},
    }
    if names:
        y_scale, axis = {"domain": [-0.5, len(names) - 0.5]}, _names_axis(names)
    else:
        y_scale, axis = {"domain": [0, 1]}, {"title": None}
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "fontSize": 13, "anchor": "start"},
        "width": WIDTH,
        "height": HEIGHT - 60,
        "data": {"name": "bands"},
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.2, "interpolate": "step-after"},
                "encoding": {
                    "x": _week_axis(steps, unit),
                    "y": {"field": "low", "type": "quantitative", "scale": y_scale, "axis": axis},
                    "y2": {"field": "high"},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "line", "strokeWidth": 2.4, "interpolate": "step-after"},
                "encoding": {
                    "x": {"field": "week", "type": "quantitative"},
                    "y": {
                        "field": "center",
                        "type": "quantitative",
                        "scale": y_scale,
                        "axis": axis,
                    },
                    "color": colour,
                    "tooltip": [
                        {"field": "arm"},
                        {"field": "week"},
                        {"field": "center", "title": "middle"},
                        {"field": "low"},
                        {"field": "high"},
                    ],
                },
            },
        ],
        "config": {"view": {"stroke": None}},
    }

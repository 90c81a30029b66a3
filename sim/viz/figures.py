"""What the dashboard draws, as plain matplotlib figures and text: the key dyads on the ladder,
the actors as a network, the event log and the status line. Solara-free, so it is tested
without a browser; ``sim.viz.components`` puts these on the page."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sim.model import EscalationModel
from sim.narrative import sentence
from sim.outcomes import OUTCOME_LABELS

#: Colours of the key dyads (a colour-blind-safe qualitative palette).
DYAD_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
ROLE_COLOURS = {
    "russia": "#B2182B",
    "ukraine": "#E6B800",
    "nato_member": "#2166AC",
    "eu_state": "#4D9221",
}
ROLE_NAMES = {
    "russia": "Russia",
    "ukraine": "Ukraine",
    "nato_member": "NATO member",
    "eu_state": "EU state (not NATO)",
}
#: Bands behind the ladder chart: (first category of the band, colour, what it stands for).
BANDS = (
    ("conventional", "#FFF4E0", "war in Ukraine"),
    ("nato_incident", "#FDE3E1", "NATO-Russia"),
    ("nuclear_signal", "#EFE2F3", "nuclear"),
)
RED_LINE_KINDS = ("red_line_crossed", "red_line_enforced", "red_line_bluff")


def _unit(model: EscalationModel) -> str:
    return model.scenario.run.step_unit


def ladder_figure(model: EscalationModel, reference: dict[str, np.ndarray] | None = None) -> Figure:
    """Each key dyad's rung (the higher of its two directions) per step, rung names on the y
    axis; ``reference`` paths (an earlier run) are drawn faded and dashed underneath."""
    ladder = model.ladder
    fig = Figure(figsize=(11.0, 4.4), dpi=100, layout="constrained")
    ax = fig.subplots()
    top = ladder.top
    categories = [r.category for r in ladder.rungs]
    for category, colour, _label in BANDS:
        if category in categories:
            ax.axhspan(categories.index(category) - 0.5, top + 0.5, color=colour, zorder=0, lw=0)
    levels = model.recorder.key_levels()
    names = list(levels)
    offsets = (np.arange(len(names)) - (len(names) - 1) / 2) * 0.09
    for k, name in enumerate(names):
        colour = DYAD_COLOURS[k % len(DYAD_COLOURS)]
        if reference and name in reference:
            old = reference[name]
            ax.step(
                np.arange(old.size),
                old + offsets[k],
                where="post",
                color=colour,
                alpha=0.35,
                lw=2.2,
                ls=(0, (4, 2)),
                zorder=2,
            )
        path = levels[name]
        ax.step(
            np.arange(path.size),
            path + offsets[k],
            where="post",
            color=colour,
            lw=2.4,
            label=name,
            zorder=3,
        )
        ax.plot(path.size - 1, path[-1] + offsets[k], "o", color=colour, ms=5, zorder=4)
    ax.set_yticks(range(top + 1))
    ax.set_yticklabels([f"{r.level}  {r.name}" for r in ladder.rungs], fontsize=10)
    ax.set_ylim(-0.5, top + 0.5)
    ax.set_xlim(0, max(model.max_steps, 1))
    ax.set_xlabel(_unit(model), fontsize=11)
    ax.grid(axis="y", color="#dddddd", lw=0.6, zorder=0)
    ax.grid(axis="x", color="#eeeeee", lw=0.5, zorder=0)
    fig.suptitle("Key dyads on the escalation ladder", fontsize=13, x=0.01, ha="left")
    handles, labels = ax.get_legend_handles_labels()
    if reference:
        handles.append(Line2D([], [], color="#777777", alpha=0.5, lw=2.2, ls=(0, (4, 2))))
        labels.append("previous run (faded)")
    fig.legend(handles, labels, loc="outside upper right", ncol=len(handles), fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def _layout(model: EscalationModel) -> np.ndarray:
    """Russia in the middle, the others on a circle: Ukraine first, then NATO, then EU."""
    order = sorted(
        (i for i in range(len(model.actors)) if i != model.russia),
        key=lambda i: (
            ("ukraine", "nato_member", "eu_state", "russia").index(model.actors[i].role),
            i,
        ),
    )
    xy = np.zeros((len(model.actors), 2))
    angles = np.pi - 2 * np.pi * np.arange(len(order)) / max(len(order), 1)
    for i, angle in zip(order, angles, strict=True):
        xy[i] = np.cos(angle), np.sin(angle)
    return xy


def rung_colours(n_rungs: int) -> ListedColormap:
    """One colour per rung, pale yellow (normal relations) to dark purple (nuclear)."""
    return ListedColormap(colormaps["magma_r"](np.linspace(0.05, 0.92, n_rungs)))


def network_figure(model: EscalationModel) -> Figure:
    """The actors as nodes; each rival pair an edge whose colour is the current rung (higher
    of the two directions) and whose width is their mutual hostility."""
    ladder = model.ladder
    xy = _layout(model)
    # A fixed layout: constrained layout would double the drawing time of every step.
    fig = Figure(figsize=(6.2, 5.2), dpi=100)
    ax = fig.add_axes((0.0, 0.1, 0.86, 0.8))
    colorbar_axes = fig.add_axes((0.88, 0.1, 0.025, 0.8))
    cmap = rung_colours(len(ladder))
    norm = BoundaryNorm(np.arange(len(ladder) + 1) - 0.5, cmap.N)
    seen = set()
    for d in range(model.n_dyads):
        i, j = int(model.src[d]), int(model.dst[d])
        pair = (min(i, j), max(i, j))
        if pair in seen:
            continue
        seen.add(pair)
        back = model.rev[d]
        level = int(max(model.level[d], model.level[back]))
        hostility = float((model.hostility[d] + model.hostility[back]) / 2)
        ax.plot(
            xy[[i, j], 0],
            xy[[i, j], 1],
            color=cmap(norm(level)),
            lw=1.0 + 7.0 * hostility,
            solid_capstyle="round",
            zorder=1,
        )
        mid = 0.62 * xy[j] + 0.38 * xy[i] if i == model.russia else 0.62 * xy[i] + 0.38 * xy[j]
        ax.text(
            *mid,
            str(level),
            fontsize=8.5,
            ha="center",
            va="center",
            zorder=2,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    for i, actor in enumerate(model.actors):
        colour = ROLE_COLOURS.get(actor.role, "#777777")
        edge = "black" if bool(model.article5[i]) else "white"
        ax.scatter(*xy[i], s=1100, color=colour, edgecolors=edge, linewidths=2.5, zorder=3)
        ax.text(
            *xy[i],
            model.ids[i],
            ha="center",
            va="center",
            fontsize=8.5 if len(model.ids[i]) > 3 else 10,
            color="white" if actor.role != "ukraine" else "black",
            fontweight="bold",
            zorder=4,
        )
    roles = [r for r in ROLE_COLOURS if any(a.role == r for a in model.actors)]
    ax.legend(
        [Line2D([], [], marker="o", ls="", ms=9, color=ROLE_COLOURS[r]) for r in roles],
        [ROLE_NAMES[r] for r in roles],
        loc="lower center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=2,
        fontsize=9,
        frameon=False,
        handletextpad=0.2,
        columnspacing=0.8,
    )
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=colorbar_axes)
    bar.set_ticks(range(len(ladder)))
    bar.ax.tick_params(labelsize=9)
    bar.set_label("current rung (names on the ladder chart)", fontsize=9)
    bar.outline.set_visible(False)
    fig.suptitle(
        "Actors: edge colour = current rung, width = hostility", fontsize=12, x=0.01, ha="left"
    )
    return fig


@dataclass(frozen=True)
class LogRow:
    step: int
    text: str
    kind: str
    misread: bool = False

    @property
    def css(self) -> str:
        if self.kind in RED_LINE_KINDS:
            return "redline"
        if self.kind in ("alliance_decision", "peace_offer"):
            return "alliance"
        if self.kind == "misread" or self.misread:
            return "misread"
        return ""


def log_rows(model: EscalationModel, limit: int = 200) -> list[LogRow]:
    """The run's events in plain words, latest first (at most ``limit``)."""
    rows = []
    for event in reversed(model.recorder.events):
        if event["kind"] == "misread" and not event.get("label"):
            continue
        misread = bool(event.get("misread"))
        rows.append(LogRow(int(event["step"]), sentence(event), event["kind"], misread))
        if len(rows) >= limit:
            break
    return rows


def log_html(model: EscalationModel, limit: int = 200) -> str:
    """The event log as HTML: one line per event, red lines highlighted."""
    rows = log_rows(model, limit)
    if not rows:
        return '<div class="escsim-log-empty">No events yet: press Step or Play.</div>'
    unit = _unit(model).capitalize()
    lines = []
    for row in rows:
        css = f"escsim-event {row.css}".strip()
        icon = "&#9888; " if row.kind in RED_LINE_KINDS else ""
        lines.append(
            f'<div class="{css}"><span class="escsim-when">{unit} {row.step}</span>'
            f"{icon}{html.escape(row.text)}</div>"
        )
    return "\n".join(lines)


def status_text(model: EscalationModel) -> tuple[str, str | None]:
    """Where the run is, and its outcome once it has ended (None while it runs)."""
    unit = _unit(model)
    where = f"{unit.capitalize()} {model.steps} of {model.max_steps}"
    cohesion = ", ".join(
        f"{name} cohesion {model.cohesion[name]:.2f}"
        for name in ("NATO", "EU")
        if model.members[name].size
    )
    crossed = model.counts["red_lines_crossed"]
    where = f"{where} · {cohesion} · red lines crossed: {crossed}"
    if model.running:
        return where, None
    outcome, step = model.outcome()
    when = f" (decided in {unit} {step})" if step is not None else ""
    return where, f"Outcome: {OUTCOME_LABELS[outcome]}{when}"

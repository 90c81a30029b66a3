"""The deterrence calculus: the expected utility of each move toward each target.

For a move that takes actor i's conduct toward j from rung L to rung n (Δ rungs):

    U = gain - [risk(n) - risk(L)] - domestic + signal + reaction

* gain = gain_weight * stakes * (1 - denial_weight * denial) * Δ: what escalating buys, cut by
  the target's defence (deterrence by denial);
* risk(n) = P(retaliation) * C(max(n, L')), with P = credibility + (1 - credibility) (r/top)^3
  (near the top of the ladder retaliation is all but certain) and L' j's level toward i
  (retaliation is feared for where the dyad stands, so climbing down alone below the rival
  saves nothing), with
  C(r) = cost_weight * (1 - risk_tolerance) * (cost_growth^r - 1) / 100, times the nuclear
  multiplier on rungs at or above a direct clash with a nuclear-armed target; plus, for every
  red line of j that the move crosses, believed commitment * C(promised response)
  (deterrence by punishment);
* inertia (for any move): moving at all costs something (bureaucratic and political inertia);
* domestic = domestic_weight * war fatigue * Δ, plus an audience cost for backing down that
  grows with hawkishness;
* signal = signal_weight * (hawkishness - 0.5) * Δ: hawks value showing resolve;
* reaction = reaction_weight * hostility * clip(seen - L, 0, 2) * Δ: the pull to catch up with
  a rival believed hostile, at the level i believes it stands (action-reaction, the spiral);
  being ahead is no reason to climb down.

With ``anchor_status_quo`` (the default) each dyad's per-rung term gets a constant, fixed at
the start of the run, that makes the scenario's starting level the actor's preferred one
(escalating one rung and climbing down one rung are equally unattractive): a calibration that
lets the scenario say where things stand, so that the mechanisms (beliefs, red lines, fatigue,
events, misperception) are what move them.

A "signal" move (a warning; cheap talk) is worth signal_weight * hawkishness * hostility -
WARNING_COST more than holding: hawks who feel threatened talk tough. Moves are then drawn by
softmax with the actor's temperature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.rules.moves import DEESCALATE, DELTAS, ESCALATE, SIGNAL
from sim.scenario.schema import DeterrenceRules

AUDIENCE_COST_OF_BACKING_DOWN = 0.3
#: What a formal warning puts at stake, in utility: talk is cheap, not free.
WARNING_COST = 0.5


@dataclass
class DecisionInputs:
    """Per-dyad arrays (one entry per directed dyad i -> j) the calculus needs."""

    level: np.ndarray
    rival_level: np.ndarray  # j's true level toward i
    targets: np.ndarray  # (D, 5) rung each move leads to
    stakes: np.ndarray
    denial: np.ndarray
    credibility: np.ndarray
    hostility: np.ndarray
    seen: np.ndarray
    fatigue: np.ndarray
    hawkishness: np.ndarray
    cost_table: np.ndarray  # (D, rungs) C(r) for each dyad's source, see ``cost_table``
    redline_risk: np.ndarray  # (D, 5) expected cost of red lines each move crosses
    anchor: np.ndarray | None = None  # per-rung calibration constant (see module doc)


def cost_table(
    risk_tolerance: np.ndarray,
    target_nuclear: np.ndarray,
    rules: DeterrenceRules,
    clash: int,
    n_rungs: int,
) -> np.ndarray:
    """C(r) per dyad and rung, with the nuclear multiplier: fixed for a run, so built once."""
    rungs = np.arange(n_rungs, dtype=float)
    nuclear = np.where(
        target_nuclear[:, None] & (rungs >= clash), rules.nuclear_cost_multiplier, 1.0
    )
    return punishment_cost(rungs[None, :], risk_tolerance, rules) * nuclear


def retaliation_cost(rungs: np.ndarray, inputs: DecisionInputs) -> np.ndarray:
    """Credibility-weighted cost of retaliation at each dyad level (rows: dyads)."""
    top = inputs.cost_table.shape[1] - 1
    credibility = inputs.credibility[:, None]
    certainty = credibility + (1.0 - credibility) * (rungs / top) ** 3
    return certainty * np.take_along_axis(inputs.cost_table, rungs, axis=1)


def punishment_cost(
    rungs: np.ndarray, risk_tolerance: np.ndarray, rules: DeterrenceRules
) -> np.ndarray:
    """C(r): what retaliation at rung r costs an actor, growing geometrically up the ladder."""
    scale = rules.cost_weight * (1.0 - risk_tolerance)
    return scale.reshape(-1, *([1] * (np.ndim(rungs) - 1))) * (rules.cost_growth**rungs - 1) / 100


def move_utilities(inputs: DecisionInputs, rules: DeterrenceRules, clash: int) -> np.ndarray:
    """U[d, move] for every directed dyad and move; impossible moves are -inf."""
    per_rung, delta, risk, backing_down = _components(inputs, rules, clash)
    if inputs.anchor is not None:
        per_rung = per_rung + inputs.anchor
    utility = (
        per_rung[:, None] * delta
        - risk
        - inputs.redline_risk
        - backing_down[:, None] * np.maximum(-delta, 0.0)
        - rules.inertia * (delta != 0)
    )
    utility[:, SIGNAL] += rules.signal_weight * inputs.hawkishness * inputs.hostility - WARNING_COST
    blocked = (delta == 0) & (DELTAS[None, :] != 0)
    utility[blocked] = -np.inf
    return utility


def status_quo_anchor(inputs: DecisionInputs, rules: DeterrenceRules, clash: int) -> np.ndarray:
    """The per-rung constant that balances one rung up against one rung down at the start."""
    per_rung, delta, risk, backing_down = _components(inputs, rules, clash)
    up, down = delta[:, ESCALATE], -delta[:, DEESCALATE]
    risk_up = np.divide(risk[:, ESCALATE], up, out=np.zeros_like(up), where=up > 0)
    saved = np.divide(-risk[:, DEESCALATE], down, out=np.zeros_like(down), where=down > 0)
    balance = np.where(
        (up > 0) & (down > 0),
        (risk_up + saved - backing_down) / 2,
        np.where(up > 0, risk_up, saved - backing_down),
    )
    return balance - per_rung


def _components(
    inputs: DecisionInputs, rules: DeterrenceRules, clash: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-rung pull, rung change per move, change in retaliation risk, audience cost."""
    level = inputs.level[:, None]
    delta = (inputs.targets - level).astype(float)
    gain = rules.gain_weight * (inputs.stakes * (1.0 - rules.denial_weight * inputs.denial))
    rival = inputs.rival_level[:, None]
    stands = np.concatenate([np.maximum(level, rival), np.maximum(inputs.targets, rival)], axis=1)
    risk = retaliation_cost(stands, inputs)
    risk_now, risk_new = risk[:, :1], risk[:, 1:]
    backing_down = AUDIENCE_COST_OF_BACKING_DOWN * inputs.hawkishness
    gap = np.clip(inputs.seen - inputs.level, 0, 2)
    per_rung = (
        gain
        - rules.domestic_weight * inputs.fatigue
        + rules.signal_weight * (inputs.hawkishness - 0.5)
        + rules.reaction_weight * inputs.hostility * gap
    )
    return per_rung, delta, risk_new - risk_now, backing_down


def softmax_choice(
    utility: np.ndarray, temperature: np.ndarray, uniforms: np.ndarray
) -> np.ndarray:
    """Draw one move per row with probabilities softmax(U / temperature)."""
    scaled = utility / temperature[:, None]
    scaled -= scaled.max(axis=1, keepdims=True)
    weights = np.exp(scaled)
    cumulative = np.cumsum(weights, axis=1)
    threshold = uniforms * cumulative[:, -1]
    return (cumulative < threshold[:, None]).sum(axis=1)

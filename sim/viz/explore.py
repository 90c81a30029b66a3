"""Explore mode: one visitor's scenario, knob values and seed, the current run and the run
before it (drawn faded, its monitors shown beside the current ones). Solara-free."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.viz.catalog import Catalog
from sim.viz.parameters import apply_knobs, changed_knobs, knob_values
from sim.viz.run import Run


@dataclass(frozen=True)
class Settings:
    """What the next new run builds: a scenario key, the knob values and the seed as typed."""

    scenario: str
    values: dict[str, float]
    seed: str


def parse_seed(text: object, default: int) -> tuple[int, str]:
    """The seed typed by the user, or ``default`` and a notice when it is not usable."""
    if text is None or str(text).strip() == "":
        return default, ""
    try:
        seed = int(str(text).strip())
    except ValueError:
        return default, f"Seed {text!r} is not a whole number; used {default}."
    if not 0 <= seed < 2**63:
        return default, f"Seed {seed} is outside 0 to 2^63-1; used {default}."
    return seed, ""


@dataclass
class Explorer:
    catalog: Catalog
    wanted: Settings = field(init=False)
    run: Run = field(init=False)
    made: Settings = field(init=False)
    previous: Run | None = None
    change: str = ""
    notice: str = ""

    def __post_init__(self) -> None:
        self.wanted = self.default_settings(self.catalog.initial)
        self.run = self._build(self.wanted)
        self.made = self.wanted

    def default_settings(self, key: str, seed: str | None = None) -> Settings:
        scenario = self.catalog.entries[key].scenario
        return Settings(
            key, knob_values(scenario), str(scenario.run.seed) if seed is None else seed
        )

    def _build(self, settings: Settings) -> Run:
        scenario = apply_knobs(self.catalog.entries[settings.scenario].scenario, settings.values)
        seed, self.notice = parse_seed(settings.seed, scenario.run.seed)
        return Run(scenario, seed, settings.scenario)

    @property
    def pending(self) -> bool:
        """Settings were changed since the current run was made (they apply at New run)."""
        return self.wanted != self.made

    def new_run(self) -> None:
        """A run of the wanted settings; the current run, if it took a step, becomes the
        previous one."""
        run = self._build(self.wanted)
        if self.run.week > 0:
            if self.previous is not None:
                self.previous.close()
            self.change = describe_change(self.made, self.wanted, self.run.seed, run.seed)
            self.previous = self.run
        else:
            self.run.close()
        self.run, self.made = run, self.wanted

    @property
    def week(self) -> int:
        return self.run.week

    @property
    def steps(self) -> int:
        return self.run.steps

    @property
    def done(self) -> bool:
        return self.run.done

    def step(self) -> bool:
        return self.run.step()

    def back(self) -> None:
        self.run.back()

    def forget_previous(self) -> None:
        if self.previous is not None:
            self.previous.close()
        self.previous, self.change = None, ""

    def close(self) -> None:
        self.run.close()
        self.forget_previous()


def describe_change(before: Settings, after: Settings, old_seed: int, new_seed: int) -> str:
    """Words for what differs between two runs, for the previous run's legend."""
    parts = []
    if before.scenario != after.scenario:
        parts.append(f"scenario {before.scenario} -> {after.scenario}")
    parts.extend(changed_knobs(before.values, after.values))
    if old_seed != new_seed:
        parts.append(f"seed {old_seed} -> {new_seed}")
    if not parts:
        return "same settings and seed"
    return "since then: " + ", ".join(parts)

"""The scenarios the dashboard offers: every shipped file, found when the dashboard starts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.errors import EscsimError
from sim.paths import shipped_scenarios
from sim.scenario import Scenario, load_scenario

#: The shipped scenario folder (``scenarios/`` of a checkout, or the installed package's copy).
SCENARIO_ROOT = shipped_scenarios()


@dataclass(frozen=True)
class Entry:
    """One scenario on offer: the key shown in the list, its file and its content."""

    key: str
    path: Path
    scenario: Scenario


@dataclass(frozen=True)
class Catalog:
    entries: dict[str, Entry]
    initial: str
    problems: tuple[str, ...] = ()

    @property
    def keys(self) -> list[str]:
        return list(self.entries)


def _key(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).with_suffix("").as_posix()
    except ValueError:
        return str(path)


def scenario_files(root: Path = SCENARIO_ROOT) -> list[Path]:
    """``root/*.yaml`` then ``root/teaching/*.yaml`` (and any other sub-folder), sorted;
    files whose name starts with ``_`` are bases for ``extends``, not offered."""
    if not root.is_dir():
        return []
    top = sorted(root.glob("*.yaml")) + sorted(root.glob("*.yml"))
    nested = sorted(p for p in root.glob("*/**/*.y*ml") if p.suffix in (".yaml", ".yml"))
    return [p for p in top + nested if not p.name.startswith("_")]


def load_catalog(file: Path | None = None, root: Path = SCENARIO_ROOT) -> Catalog:
    """Every scenario under ``root`` that loads, plus ``file`` (shown first when given).

    ``file`` must load (a bad file is the user's error); shipped files that fail to load are
    left out and listed in ``problems``.
    """
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    initial = None
    if file is not None:
        key = _key(file, root)
        entries[key] = Entry(key, file, load_scenario(file))
        initial = key
    for path in scenario_files(root):
        key = _key(path, root)
        if key in entries:
            continue
        try:
            scenario = load_scenario(path)
        except EscsimError as error:
            problems.append(str(error))
            continue
        if not any(actor.role == "russia" for actor in scenario.actors):
            problems.append(f"{path}: no actor with role russia; left out")
            continue
        entries[key] = Entry(key, path, scenario)
    if not entries:
        raise EscsimError(f"no scenario files found under {root}; give a FILE")
    if initial is None:
        initial = "baseline" if "baseline" in entries else next(iter(entries))
    return Catalog(entries, initial, tuple(problems))

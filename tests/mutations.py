"""The mutation check: plant one single-point mutation at a time and show the suite kills it.

    python tests/mutations.py                  # every mutation, then the table
    python tests/mutations.py --list           # names and what each breaks
    python tests/mutations.py denial_removed   # some of them
    python tests/mutations.py --only tests/test_rules_deterrence.py   # judged by some tests
    python tests/mutations.py --write docs/testing.md   # also put the table in the docs

Each mutation is a text substitution in one source file of a temporary copy of the working
tree (tracked and untracked files, as they are now), so the repository is never touched. In
the copy the suite runs as ``pytest -x -q -m "not slow"`` (the rules' unit tests first, then
the doctrine, outcome and component tests, then the rest, so that the first failure names the
closest check) and then the slow mechanism tests (``tests/test_mechanisms.py``); the mutation
is killed when either run fails. The unmutated copy runs first: tests that fail there cannot
kill anything, so they are deselected (and listed) for the mutated runs. A mutation whose text
is not found is reported as stale: the source moved on and the mutation must be updated.

The mutations are the v2 form of the ones issue 13 found surviving the v1 suite and the ones
issue 8 asks the suite to catch. This file is a script, not a test module (pytest collects
only ``test_*.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-x", "-q", "-m", "not slow"]
MECHANISMS = "tests/test_mechanisms.py"
CLOSE = ("tests/test_doctrines.py", "tests/test_outcomes.py", "tests/test_components.py")
TABLE_START = "<!-- mutations:start -->"
TABLE_END = "<!-- mutations:end -->"


@dataclass(frozen=True)
class Mutation:
    name: str
    breaks: str  # what the mutation does to the model, in words
    path: str
    edits: tuple[tuple[str, str], ...]  # (text, replacement): each text must occur once
    origin: str  # the issue that asked for it


MUTATIONS: tuple[Mutation, ...] = (
    Mutation(
        "spiral_threat_removed",
        "a perceived escalation is never read as a threat (spiral model gone)",
        "sim/rules/signalling.py",
        (
            (
                "np.where(rising, np.where(uniforms[..., 1] < hostility, THREAT, DETERRENT), "
                "reading)",
                "np.where(rising, DETERRENT, reading)",
            ),
        ),
        "13",
    ),
    Mutation(
        "fatigue_out_of_bargain",
        "war fatigue no longer adds to either side's cost of fighting on",
        "sim/model/diplomacy.py",
        (
            (
                "d.cost_of_war\n        + d.fatigue_weight * fatigue[:, world.rus]\n",
                "d.cost_of_war\n",
            ),
            ("d.cost_of_war + d.fatigue_weight * fatigue[:, world.ukr],", "d.cost_of_war,"),
        ),
        "13",
    ),
    Mutation(
        "article5_never_voted",
        "an attributed armed attack on a member never brings an Article 5 vote",
        "sim/model/incidents.py",
        (("    if armed.any():\n", "    if False:\n"),),
        "13",
    ),
    Mutation(
        "aid_not_counted",
        "Western materiel does not add to Ukraine's strength",
        "sim/rules/war.py",
        (
            (
                "out[:, 1] = forces[:, 1] * (1.0 + rules.materiel_effect * materiel)",
                "out[:, 1] = forces[:, 1]",
            ),
        ),
        "13",
    ),
    Mutation(
        "posture_not_in_denial",
        "force posture does not feed the defence share (denial)",
        "sim/model/context.py",
        (
            (
                "target * (1 + weight * posture[:, world.rev]), source * (1 + weight * posture)",
                "target, source",
            ),
        ),
        "13",
    ),
    Mutation(
        "sanctions_strengthen_russia",
        "the sign of the sanctions drag on Russia's replacements is flipped",
        "sim/model/war.py",
        (
            (
                "drag = np.maximum(0.0, 1.0 - rules.sanctions_drag * state.alliances.packages)",
                "drag = 1.0 + rules.sanctions_drag * state.alliances.packages",
            ),
        ),
        "13",
    ),
    Mutation(
        "agreement_keeps_fighting",
        "an accepted plan leaves the war's status unchanged (the fighting goes on)",
        "sim/model/diplomacy.py",
        (
            (
                "state.war.status = np.where(mask, AGREEMENTS[kind], state.war.status)",
                "state.war.status = state.war.status",
            ),
        ),
        "13",
    ),
    Mutation(
        "slips_only_upward",
        "fog-of-war slips always overshoot, never undershoot",
        "sim/model/conduct.py",
        (
            (
                "over = np.where(way < 0.5, targets[:, :, 3], targets[:, :, 0])",
                "over = targets[:, :, 3]",
            ),
        ),
        "13",
    ),
    Mutation(
        "nato_incident_passage_lost",
        "the first incident on NATO territory is never recorded as a passage",
        "sim/model/incidents.py",
        (
            ('    ctx.passage("nato_incident", (happens & nato).any(axis=1))\n', ""),
            ('            ctx.passage("nato_incident", mask & ctx.nato()[:, victim])\n', ""),
        ),
        "13",
    ),
    Mutation(
        "outcome_precedence_swapped",
        "horizontal escalation takes precedence over nuclear use",
        "sim/outcomes.py",
        (
            (
                "    for outcome in OUTCOMES:\n",
                "    for outcome in (OUTCOMES[1], OUTCOMES[0], *OUTCOMES[2:]):\n",
            ),
        ),
        "13",
    ),
    Mutation(
        "retaliation_cost_sign_flipped",
        "a credible retaliation adds to the value of climbing instead of subtracting",
        "sim/rules/deterrence.py",
        (
            (
                "        - credible[..., None] * punishment\n",
                "        + credible[..., None] * punishment\n",
            ),
        ),
        "8",
    ),
    Mutation(
        "red_lines_never_enforced",
        "a crossed red line is never enforced (every owner backs down)",
        "sim/model/red_lines.py",
        (("enforce = crossed & (draw < p)", "enforce = crossed & (draw < 0.0)"),),
        "8",
    ),
    Mutation(
        "tit_for_tat_always_holds",
        "tit-for-tat holds whatever the opponent did",
        "sim/rules/doctrines.py",
        (
            (
                "        return _reciprocate(memory.last)\n",
                "        return np.zeros(memory.last.shape, dtype=np.int64)\n",
            ),
        ),
        "8",
    ),
    Mutation(
        "denial_removed",
        "the target's defence no longer cuts what pressing it buys (deterrence by denial)",
        "sim/rules/deterrence.py",
        (
            (
                "rules.gain_weight * stakes * (1.0 - rules.denial_weight * denial)",
                "rules.gain_weight * stakes",
            ),
        ),
        "8",
    ),
)
BY_NAME = {m.name: m for m in MUTATIONS}


@dataclass
class Result:
    mutation: Mutation
    verdict: str  # killed, survived, stale
    killer: str  # the first failing test, or why not
    seconds: float


# ----------------------------------------------------------------------------- copies
def working_tree_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [p for p in listed.split("\0") if p and (root / p).is_file()]


def copy_tree(root: Path, files: list[str], into: Path) -> None:
    for name in files:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)


def mutated(source: str, mutation: Mutation) -> str:
    """The source with the mutation's edits; ValueError when a text is not found once."""
    for old, new in mutation.edits:
        found = source.count(old)
        if found != 1:
            raise ValueError(f"text found {found} times, not once: {old.strip()[:60]!r}")
        source = source.replace(old, new)
    return source


# ----------------------------------------------------------------------------- pytest
#: A pytest plugin put into the copy: it lists the node ids that failed (tests, and test files
#: that failed to collect), one a line, in the file named by $ESCSIM_FAILED. Exact ids, where
#: parsing pytest's summary lines would trip over ids that hold " - ".
REPORTER = "_mutation_failures"
REPORTER_SOURCE = """import os


def _note(report):
    if report.failed and report.nodeid:
        with open(os.environ["ESCSIM_FAILED"], "a") as out:
            out.write(report.nodeid + "\\n")


pytest_runtest_logreport = _note
pytest_collectreport = _note
"""


def pytest(copy: Path, args: list[str], timeout: float) -> tuple[int, list[str]]:
    """Run pytest in the copy: (exit status, failed node ids in order)."""
    (copy / f"{REPORTER}.py").write_text(REPORTER_SOURCE)
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as failed:
        env = {
            **os.environ,
            "PYTHONPATH": str(copy),
            "PYTHONDONTWRITEBYTECODE": "1",
            "ESCSIM_FAILED": failed.name,
        }
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", REPORTER]
        done = subprocess.run(
            [*command, *args], cwd=copy, env=env, capture_output=True, text=True, timeout=timeout
        )
        nodes = list(dict.fromkeys(line for line in failed.read().splitlines() if line))
    if done.returncode not in (0, 5) and not nodes:  # pytest itself failed: say how
        nodes = [(done.stdout + done.stderr).strip()[-300:]]
    return done.returncode, nodes


def exclusions(broken: list[str]) -> list[str]:
    """pytest options that leave out tests already failing on the unmutated code (a test
    file that does not even collect is left out whole)."""
    options = []
    for node in broken:
        options += ["--ignore", node] if "::" not in node else ["--deselect", node]
    return options


def closest_first(copy: Path) -> list[str]:
    """Every test file, the closest checks first: the unit tests of the rules, then the
    doctrines, outcomes and components, then the rest (files are named one by one: pytest
    collects a directory in its own order, whatever order the arguments come in)."""
    files = sorted(p.relative_to(copy).as_posix() for p in copy.glob("tests/**/test_*.py"))
    rules = [p for p in files if p.startswith("tests/test_rules_")]
    close = [p for p in CLOSE if p in files]
    return [*rules, *close, *(p for p in files if p not in rules and p not in close)]


def suites(copy: Path, broken: list[str], only: list[str]) -> list[list[str]]:
    """The pytest runs that judge a mutation: the fast suite, then the mechanism tests (or
    just the tests named in ``only``), without the tests in ``broken``."""
    excluded = exclusions(broken)
    # a path named on the command line is collected even when --ignore'd
    if only:
        return [["-x", "-q", *excluded, *(p for p in only if p not in broken)]]
    runs = [[*FAST, *excluded, *(p for p in closest_first(copy) if p not in broken)]]
    if (copy / MECHANISMS).exists() and MECHANISMS not in broken:  # fast ones ran already
        runs.append(["-x", "-q", "-m", "slow", *excluded, MECHANISMS])
    return runs


def run_suites(copy: Path, broken: list[str], only: list[str], timeout: float) -> tuple[bool, str]:
    """(passed, first failing test)."""
    for args in suites(copy, broken, only):
        status, failed = pytest(copy, args, timeout)
        if status not in (0, 5):  # 5: nothing collected
            return False, failed[0]
    return True, ""


def broken_on_unmutated(copy: Path, only: list[str], timeout: float) -> list[str]:
    broken: list[str] = []
    for args in suites(copy, [], only):
        args = [a for a in args if a != "-x"] + ["--continue-on-collection-errors"]
        broken += pytest(copy, args, timeout)[1]
    return sorted(set(broken))


def check(
    copy: Path, mutation: Mutation, broken: list[str], only: list[str], timeout: float
) -> Result:
    """Plant the mutation in the copy, run the suites, put the source back."""
    path = copy / mutation.path
    original = path.read_text()
    try:
        path.write_text(mutated(original, mutation))
    except ValueError as problem:
        return Result(mutation, "stale", str(problem), 0.0)
    started = time.monotonic()
    try:
        passed, killer = run_suites(copy, broken, only, timeout)
        verdict = "survived" if passed else "killed"
    except subprocess.TimeoutExpired:
        verdict, killer = "timeout", f"a pytest run took over {timeout:.0f} s"
    finally:
        path.write_text(original)
    return Result(mutation, verdict, killer, time.monotonic() - started)


# ----------------------------------------------------------------------------- report
def table(results: list[Result]) -> str:
    lines = [
        "| mutation | what it breaks | issue | verdict | first failing test | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r.mutation
        lines.append(
            f"| `{m.name}` | {m.breaks} (`{m.path}`) | #{m.origin} | {r.verdict} | "
            f"{f'`{r.killer}`' if r.killer else 'none'} | {r.seconds:.0f} |"
        )
    killed = sum(r.verdict == "killed" for r in results)
    lines.append("")
    lines.append(f"Killed {killed} of {len(results)}.")
    return "\n".join(lines)


def write_into(doc: Path, text: str) -> None:
    content = doc.read_text()
    start, end = content.index(TABLE_START), content.index(TABLE_END)
    doc.write_text(content[: start + len(TABLE_START)] + "\n" + text + "\n" + content[end:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutations to plant (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    parser.add_argument(
        "--only", nargs="+", default=[], help="judge by these test paths instead of the suite"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per pytest run")
    args = parser.parse_args(argv)
    if args.list:
        for m in MUTATIONS:
            print(f"{m.name:32} {m.breaks}")
        return 0
    unknown = [n for n in args.names if n not in BY_NAME]
    if unknown:
        print(f"unknown mutation(s): {', '.join(unknown)}; see --list", file=sys.stderr)
        return 2
    chosen = [BY_NAME[n] for n in args.names] or list(MUTATIONS)
    with tempfile.TemporaryDirectory(prefix="escsim-mutations-") as tmp:
        copy = Path(tmp)
        copy_tree(ROOT, working_tree_files(ROOT), copy)
        started = time.monotonic()
        broken = broken_on_unmutated(copy, args.only, args.timeout)
        print(
            f"unmutated suite: {len(broken)} failing test(s) left out "
            f"({time.monotonic() - started:.0f} s)"
        )
        for node in broken:
            print(f"  {node}")
        results = []
        for mutation in chosen:
            results.append(check(copy, mutation, broken, args.only, args.timeout))
            last = results[-1]
            print(f"{mutation.name:32} {last.verdict:9} {last.killer}", flush=True)
    report = table(results)
    print()
    print(report)
    if args.write:
        write_into(args.write, report)
    return 0 if all(r.verdict == "killed" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Mutation testing of the `quizzes` package's core with mutmut and the fast tests.

    .venv/bin/pip install -r benchmarks/requirements.txt     # mutmut, pinned (once)
    .venv/bin/python benchmarks/mutation.py                   # a fresh run, then the scores
    .venv/bin/python benchmarks/mutation.py --report          # the scores of the last run only
    .venv/bin/python benchmarks/mutation.py --survivors       # ... and its surviving mutants

mutmut (configured in pyproject.toml, [tool.mutmut]: the modules mutated, the files copied, the
fast tests `-m "not slow"`) copies the package into `mutants/` (git-ignored), changes one thing
at a time (an operator, a constant, a string, a call's argument) and runs the tests that reach
the changed function. A mutant is killed when a test fails, survives when none does, and has no
tests when no fast test calls its function. Prints, per module: killed, timeout, survived, no
tests, and the score, (killed + timeout) / all mutants, Stryker's definition, so the Python and
JavaScript figures compare. `mutmut show <name>` prints one mutant's diff; the survivors that
are equivalent to the original code are listed, with the reason, in benchmarks/mutation-notes.md.

A benchmark, not a test: it is not in CI. On the idle 2-core machine a fresh run of the ~4,150
mutants takes about 8 minutes (2026-11-26); a run with --resume retests only what changed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).with_name("mutmut")
LOG = ROOT / "benchmarks" / "results" / "mutmut.log"
# "    quizzes.export.gift.x_escape__mutmut_3: survived"; methods are "xǁClassǁmethod__mutmut_1"
RESULT = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+?)\.x\S*__mutmut_\d+): (?P<status>.+)$")
COLUMNS = ("killed", "timeout", "survived", "no tests")


def run(resume: bool) -> float:
    """`mutmut run` from the repository root; returns the wall time in seconds."""
    if not resume:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    LOG.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with LOG.open("w") as log:
        command = [str(MUTMUT), "run"]
        result = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"mutmut run failed (exit {result.returncode}); its output is in {LOG}")
    return elapsed


def results() -> list[tuple[str, str, str]]:
    """(module, mutant name, status) of every mutant of the last run."""
    out = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = [m for m in map(RESULT.match, out.splitlines()) if m]
    if not found:
        sys.exit("no mutmut results: run without --report first")
    return [(m["module"], m["name"], m["status"]) for m in found]


def score(counts: Counter) -> str:
    total = sum(counts.values())
    return f"{100 * (counts['killed'] + counts['timeout']) / total:5.1f}%" if total else "  -"


def table(rows: list[tuple[str, str, str]]) -> str:
    by_module: dict[str, Counter] = defaultdict(Counter)
    for module, _, status in rows:
        by_module[module][status] += 1
    others = {s for c in by_module.values() for s in c} - set(COLUMNS)
    columns = (*COLUMNS, *sorted(others))  # e.g. "suspicious", "segfault", should any occur
    width = max(map(len, by_module)) + 2
    lines = [f"{'module':<{width}}" + "".join(f"{c:>10}" for c in columns) + "     score"]
    total: Counter = Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total += counts
        cells = "".join(f"{counts[c]:>10}" for c in columns)
        lines.append(f"{module:<{width}}{cells}    {score(counts)}")
    lines.append(f"{'all':<{width}}" + "".join(f"{total[c]:>10}" for c in columns))
    lines[-1] += f"    {score(total)}"
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="only report the last run")
    parser.add_argument("--resume", action="store_true", help="keep mutants/ and its results")
    parser.add_argument(
        "--survivors", action="store_true", help="report the last run and list its survivors"
    )
    args = parser.parse_args()
    if not MUTMUT.exists():
        sys.exit(f"no {MUTMUT}: .venv/bin/pip install -r benchmarks/requirements.txt")
    # listing survivors never starts a run: a fresh run first deletes the last one's results
    elapsed = None if args.report or args.survivors else run(args.resume)
    rows = results()
    print(table(rows))
    if elapsed is not None:
        print(f"\nmutmut run: {elapsed / 60:.1f} min (log: {LOG.relative_to(ROOT)})")
    if args.survivors:
        print("\nsurvived (`.venv/bin/mutmut show NAME` for the diff):")
        print("\n".join(f"  {name}" for _, name, status in rows if status == "survived"))


if __name__ == "__main__":
    main()

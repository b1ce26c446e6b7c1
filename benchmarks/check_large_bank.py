"""How long `python -m quizzes check` takes on a large bank, and how much memory it uses.

    .venv/bin/python benchmarks/check_large_bank.py                 # 10,000 questions
    .venv/bin/python benchmarks/check_large_bank.py --questions 2000 --runs 3

Writes a generated book (a references.bib and one bank of N questions of every type, cycling
through the real banks' questions so the text is realistic) into a temporary folder, then times
the command in a fresh process, as a contributor or pre-commit runs it. Prints the bank size,
the wall time (median of --runs) and the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizzes import load_banks  # noqa: E402


def generate(n: int) -> str:
    """A valid bank of n questions, made by renaming the real ones."""
    real = [q for bank in load_banks().values() for q in bank.questions]
    questions = []
    for i in range(n):
        q = real[i % len(real)].model_dump(mode="json", exclude_none=True)
        q["id"] = f"bench-{i:05d}"
        q["objectives"] = [f"bench-{i % 20}"]
        q["sources"] = ["bench2020"]
        questions.append(q)
    bank = {
        "chapter": "bench",
        "title": "Benchmark",
        "objectives": [{"id": f"bench-{k}", "text": f"Objective {k}."} for k in range(20)],
        "questions": questions,
    }
    return yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=100)


BIB = "@article{bench2020,\n  author = {Able, Ann},\n  title = {T},\n  year = {2020},\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="check-bench-"))
    try:
        (tmp / "book").mkdir()
        (tmp / "book" / "references.bib").write_text(BIB)
        banks = tmp / "bank"
        banks.mkdir()
        text = generate(args.questions)
        (banks / "bench.yml").write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "quizzes", "check", "--root", str(tmp), "--banks"]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run([*command, str(banks)], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                print(result.stderr[-2000:], file=sys.stderr)
                return 1
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"{args.questions} questions, {len(text.encode()) / 1e6:.1f} MB of YAML: "
            f"check took {statistics.median(times):.1f} s (median of {args.runs}), "
            f"peak memory {peak_mb:.0f} MB"
        )
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

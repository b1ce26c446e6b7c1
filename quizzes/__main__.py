"""Command line: `python -m quizzes check` (and the educators' commands)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _check(args: argparse.Namespace) -> int:
    from .checks import check

    problems = check(args.root, args.banks)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("all question banks are valid")
    return 0


def _frontend(args: argparse.Namespace) -> int:
    from . import frontend

    try:
        built = frontend.build()
    except frontend.FrontendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"bundled {len(built)} front-end modules into {frontend.DIST}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .banks import BANK_DIR
    from .export import add_commands

    parser = argparse.ArgumentParser(prog="python -m quizzes", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate every bank, source key and chapter quiz")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="the book root (default: .)")
    p.add_argument("--banks", type=Path, default=BANK_DIR, help="the folder of bank YAML files")
    p.set_defaults(func=_check)
    p = sub.add_parser("frontend", help="bundle the quiz, review and figure modules with esbuild")
    p.set_defaults(func=_frontend)
    # educators' commands: export (Moodle XML, GIFT, Canvas QTI, JSON, Markdown) and assemble
    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "?").split(".")[0]
        if missing == "quizzes":
            raise  # our own module missing is a bug, not a setup problem
        # e.g. a system `python` with PyYAML but not the rest of requirements.txt
        print(
            f"error: {missing} is not installed for {sys.executable}: this interpreter lacks "
            "the quizzes package's dependencies. Run .venv/bin/python -m quizzes (scripts/test.sh "
            "sets .venv up), or `pip install -e .` into this environment",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())

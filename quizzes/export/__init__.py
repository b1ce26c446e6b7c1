"""Exports of the question banks for educators: Moodle XML, GIFT, Canvas QTI, JSON, Markdown,
and assembled quizzes (a MyST page, a printable worksheet and its answer key).

Command line (registered by `add_commands` in `quizzes/__main__.py`):

    python -m quizzes export --format moodle|gift|qti|json|markdown [--chapter C] [--tag T]...
                             [--out PATH] [--banks DIR]
    python -m quizzes assemble [--tag T]... --count N --seed S --title "..." --out DIR
                               [--chapter C] [--banks DIR] [--pdf]

Bad arguments print one line on stderr and exit with code 2, writing nothing. A question a
format cannot express is named on stderr (`skipped <id>: <reason>`), never dropped silently.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..banks import BANK_DIR
from . import gift, jsonfmt, markdown, moodle, qti
from ._common import Item, Skipped, UsageError, load_all, matches, report, select, write_file
from .assemble import assemble, write_assignment

__all__ = [
    "FORMATS",
    "Item",
    "Skipped",
    "UsageError",
    "add_commands",
    "assemble",
    "export",
    "matches",
    "render",
    "select",
    "write_assignment",
]

# format name -> (renderer, binary output?)
FORMATS = {
    "moodle": moodle.render,
    "gift": gift.render,
    "qti": qti.render,
    "json": jsonfmt.render,
    "markdown": markdown.render,
}
BINARY = {"qti"}


def render(fmt: str, items: Sequence[Item]) -> tuple[bytes, list[Skipped]]:
    """The export of `items` in format `fmt` as bytes, and the questions it had to skip."""
    data, skipped = FORMATS[fmt](items)
    return (data if isinstance(data, bytes) else data.encode("utf-8")), skipped


def export(
    fmt: str,
    out: Path | None,
    chapter: str | None = None,
    tags: Sequence[str] = (),
    bank_dir: Path = BANK_DIR,
) -> list[Skipped]:
    """Export the selected questions to `out` (stdout when None, except for the QTI zip)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if out is None and fmt in BINARY:
        raise UsageError(f"--format {fmt} writes a zip file: give --out FILE.zip")
    items = select(load_all(bank_dir), chapter, tags)
    data, skipped = render(fmt, items)
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    else:
        write_file(Path(out), data)
    return skipped


def _run_export(args: argparse.Namespace) -> int:
    try:
        skipped = export(args.format, args.out, args.chapter, args.tag or (), args.banks)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report(skipped)
    return 0


def _run_assemble(args: argparse.Namespace) -> int:
    try:
        selection = assemble(
            load_all(args.banks), args.tag or (), args.count, args.seed, chapter=args.chapter
        )
        write_assignment(
            selection, args.title, args.seed, Path(args.out), args.tag or (), args.chapter, args.pdf
        )
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(selection)} questions to {args.out}")
    return 0


def _one_line_errors(parser: argparse.ArgumentParser) -> None:
    """argparse prints its usage before an error; educators get the one line that matters."""

    def error(message: str):
        parser.exit(2, f"error: {message} (see `{parser.prog} --help`)\n")

    parser.error = error


def add_commands(sub) -> None:
    """Add the `export` and `assemble` subcommands to the CLI's subparsers."""
    p = sub.add_parser(
        "export",
        help="export questions to Moodle XML, GIFT, Canvas QTI, JSON or a Markdown answer key",
    )
    p.add_argument("--format", required=True, choices=sorted(FORMATS))
    p.add_argument("--chapter", help="only this chapter's bank (default: every bank)")
    p.add_argument(
        "--tag",
        action="append",
        metavar="T",
        help="keep questions with this tag, objective or level (repeatable: any)",
    )
    p.add_argument("--out", type=Path, help="output file (default: stdout; required for qti)")
    p.add_argument("--banks", type=Path, default=BANK_DIR, help="the folder of bank YAML files")
    p.set_defaults(func=_run_export)
    _one_line_errors(p)

    p = sub.add_parser(
        "assemble",
        help="pick a reproducible, balanced quiz and write it as a "
        "MyST page, a printable worksheet and an answer key",
    )
    p.add_argument(
        "--tag",
        action="append",
        metavar="T",
        help="pool: questions with this tag, objective or level (repeatable: any; "
        "default: every question)",
    )
    p.add_argument("--count", type=int, required=True, help="how many questions")
    p.add_argument("--seed", type=int, required=True, help="same seed, same quiz")
    p.add_argument("--title", required=True, help="the quiz title")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--chapter", help="only this chapter's bank (default: every bank)")
    p.add_argument("--banks", type=Path, default=BANK_DIR, help="the folder of bank YAML files")
    p.add_argument(
        "--pdf", action="store_true", help="also worksheet.pdf and answer-key.pdf (needs Chromium)"
    )
    p.set_defaults(func=_run_assemble)
    _one_line_errors(p)

"""The book's PDF edition: `python -m quizzes.pdf` (or `scripts/site.sh --pdf`).

The PDF is made by sphinx-simplepdf (a Sphinx builder: the book as one HTML page, printed by
WeasyPrint) through Jupyter Book's custom builder, from the same sources and the same execution
cache as the site. What the edition adds lives in quizzes/sphinxext/pdf.py (the builder's
settings, the title page, the contents, the answer key) and in the theme beside this file.

Its contents list is not written by hand: it is `_toc.yml` with the pages that only work in a
browser left out (the review and progress pages and the educators' page), the title page as its
root instead of the site's Start here page, and the answer-key appendix after the chapters. It is
generated at every build and passed to `jupyter-book build --toc`, so a chapter added to the
site is in the next PDF too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ..banks import BANK_DIR, bank_files

BOOK = Path(__file__).resolve().parent.parent.parent  # the repository root is the book root
FILE_NAME = "benzodiazepines-and-sleep.pdf"
BUILDER = "simplepdf"  # sphinx-simplepdf's builder
ROOT = "book/title_page"  # the title page: root of the PDF's contents
APPENDIX = {"caption": "Appendix", "chapters": [{"file": "book/answer_key"}]}
# pages that need a browser: the spaced-repetition review, the progress page (both kept in the
# reader's browser) and the educators' how-to (exports, LMS imports, the command line)
WEB_ONLY = frozenset({"book/review", "book/progress", "book/educators"})
PAPERS = {"a4": "A4", "letter": "letter"}


def _name(entry: dict) -> str:
    return str(entry.get("file", "")).removesuffix(".md").removesuffix(".ipynb")


def pdf_toc(site_toc: dict, chapters: set[str] | None = None) -> dict:
    """The PDF's contents from the site's: web-only pages out, the title page as root, the
    answer key after the last part that holds a chapter with a quiz (a page with a bank)."""
    if chapters is None:
        chapters = {p.stem for p in bank_files(BANK_DIR)}
    parts, last_quiz_part = [], -1
    for part in site_toc.get("parts", []):
        kept = [c for c in part.get("chapters", []) if _name(c) not in WEB_ONLY]
        if not kept:
            continue
        if any(_name(c).rsplit("/", 1)[-1] in chapters for c in kept):
            last_quiz_part = len(parts)
        parts.append({**part, "chapters": kept})
    parts.insert(last_quiz_part + 1, APPENDIX)
    return {"format": site_toc.get("format", "jb-book"), "root": ROOT, "parts": parts}


def write_toc(book: Path, target: Path) -> Path:
    site = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "# Generated from _toc.yml by quizzes.pdf at every PDF build: do not edit\n"
        + yaml.safe_dump(pdf_toc(site), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return target


class PdfBuildError(RuntimeError):
    pass


def build(
    book: Path = BOOK,
    path_output: Path | None = None,
    paper: str = "a4",
    env: dict | None = None,
    quiet: bool = False,
) -> Path:
    """Build the PDF into <path_output>/_build/pdf/FILE_NAME (path_output: as for the site, by
    default the book root), working in <path_output>/_build/pdf-edition. Warnings are errors,
    as for the site. Returns the PDF's path."""
    if paper not in PAPERS:
        raise PdfBuildError(f"unknown paper {paper!r} (choose {', '.join(PAPERS)})")
    book = Path(book).resolve()
    build_dir = Path(path_output or book).resolve() / "_build"
    # the PDF's own build folder (doctrees, execution cache), so a PDF build never invalidates
    # the site's incremental build, nor the site's cache its widget state
    work = build_dir / "pdf-edition"
    toc = write_toc(book, work / "_toc.yml")
    bin_dir = Path(sys.executable).parent
    environ = {**os.environ, **(env or {}), "BOOK_PDF_PAPER": paper}
    # sphinx-simplepdf runs the `weasyprint` command: the one installed beside this Python
    environ["PATH"] = f"{bin_dir}{os.pathsep}{environ.get('PATH', '')}"
    jupyter_book = shutil.which("jupyter-book", path=str(bin_dir)) or "jupyter-book"
    command = [
        jupyter_book,
        "build",
        str(book),
        "--builder",
        "custom",
        "--custom-builder",
        BUILDER,
        "--toc",
        str(toc),
        "--path-output",
        str(work),
        "-W",
        "-n",
        "--keep-going",
    ]
    result = subprocess.run(
        command, cwd=book, env=environ, text=True, capture_output=quiet, check=False
    )
    made = work / "_build" / BUILDER / FILE_NAME
    if result.returncode != 0 or not made.exists():
        log = f"\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}" if quiet else ""
        raise PdfBuildError(f"the PDF edition did not build (exit {result.returncode}){log}")
    target = build_dir / "pdf" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(made, target)
    return target


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m quizzes.pdf",
        description="Build the book's PDF edition into _build/pdf/" + FILE_NAME,
    )
    parser.add_argument("--paper", choices=sorted(PAPERS), default="a4", help="default: a4")
    parser.add_argument(
        "--path-output", type=Path, default=None, help="as for jupyter-book (default: the book)"
    )
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        pdf = build(path_output=args.path_output, paper=args.paper)
    except PdfBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = pdf.stat().st_size / 1e6
    print(f"PDF edition: {pdf} ({size:.1f} MB, {time.monotonic() - start:.0f} s)")
    return 0

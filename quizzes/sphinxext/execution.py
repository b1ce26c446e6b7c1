"""What happens before chapters are executed: the quizzes they show are checked, and the
execution cache is dropped when the package it was made from has changed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from ..banks import BANK_DIR, BankError, bank_files, parse_bank
from ..checks import quiz_calls, unknown_quizzes

PACKAGE = Path(__file__).resolve().parent.parent


class QuizError(SphinxError):
    category = "Quiz error"


def check_quizzes(app: Sphinx, env, docnames: list[str]) -> None:
    """Before any chapter is executed: every quiz a chapter shows has a bank, and the banks it
    shows are valid. Otherwise stop with `file:line: field: message` lines, not with the
    tracebacks of a notebook cell that failed."""
    problems = []
    used = set()
    known = {p.stem for p in bank_files(BANK_DIR)}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix == ".md":
            problems += unknown_quizzes(path, known)
            used |= {name for name, _ in quiz_calls(path.read_text(encoding="utf-8"))}
    for name in sorted(used & known):
        try:
            parse_bank(BANK_DIR / f"{name}.yml")
        except BankError as exc:
            problems += exc.problems
    if problems:
        lines = "\n".join(str(p) for p in problems)
        raise QuizError(f"{lines}\n(run `python -m quizzes check` for every check of the banks)")


def fingerprint(banks: Path | None = None) -> str:
    """A hash of everything a saved widget state is made from: banks (the package's, and the
    book's own folder of banks if it has one), front end, Python."""
    digest = hashlib.sha256()
    if banks is not None and banks.is_dir():
        for path in sorted(banks.glob("*.yml")):
            digest.update(path.name.encode() + path.read_bytes())
    for path in sorted(PACKAGE.rglob("*")):
        if (
            path.suffix in {".py", ".js", ".css", ".yml", ".html"}
            and "__pycache__" not in path.parts
        ):
            digest.update(str(path.relative_to(PACKAGE)).encode() + path.read_bytes())
    bib = PACKAGE.parent / "book" / "references.bib"
    if bib.exists():
        digest.update(bib.read_bytes())
    return digest.hexdigest()


def _stamp_file(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".quizzes-fingerprint"


def invalidate_stale_widgets(app: Sphinx) -> None:
    # jupyter-cache keys a notebook by its code alone, and a chapter's code is one line,
    # quiz("gaba_receptor"): an edited bank or quiz.js would be served from the old cached
    # widget state. When the package changed, drop the cache and re-read every chapter.
    cache = Path(app.env.mystnb_config.execution_cache_path)
    stamp = _stamp_file(app)
    banks = Path(app.srcdir, app.config.quizzes_banks) if app.config.quizzes_banks else None
    app.quizzes_fingerprint = fingerprint(banks)
    app.quizzes_changed = not stamp.exists() or stamp.read_text() != app.quizzes_fingerprint
    if app.quizzes_changed and cache.exists():
        shutil.rmtree(cache)


def outdated(app: Sphinx, env, added, changed, removed):
    return sorted(env.found_docs - added) if getattr(app, "quizzes_changed", False) else []


def stamp(app: Sphinx, exception) -> None:
    if exception is None:
        _stamp_file(app).write_text(app.quizzes_fingerprint)

"""Sphinx extension of the book: the static-page widget loader and the directives that render
bank data into pages (learning objectives, the objectives index, the case-study claims table).

Listed in `_config.yml` under `sphinx: extra_extensions`.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import SphinxError

from ..banks import BANK_DIR, BankError, bank_files, parse_bank
from ..checks import quiz_calls, unknown_quizzes
from .directives import ClaimsTable, Objectives, ObjectivesTable

LOADER = Path(__file__).with_name("loader.js")
BOOK_CSS = Path(__file__).with_name("book.css")
VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def _asset_name(source: Path) -> str:
    # content hash in the name: a changed file is never served from a stale _static copy
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
    return f"quizzes/{source.stem}-{digest}{source.suffix}"


def _deferred(js: _JavaScript) -> _JavaScript:
    # Sphinx and its extensions load ten scripts in <head> without defer (doctools, search
    # index, copy button, ...): each blocks the first paint. None of them is needed before the
    # page is parsed, and deferred scripts still run in order, after any inline config script.
    attrs = js.attributes
    if not js.filename or "body" in attrs or "async" in attrs or "defer" in attrs:
        return js
    return _JavaScript(js.filename, priority=js.priority, **attrs, defer="defer")


def _page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # the loader only where a widget is shown, so plain pages stay plain
    if VIEW_MIME in context.get("body", ""):
        app.add_js_file(_asset_name(LOADER), defer="defer")
    # sphinx-thebe (always on in Jupyter Book 1) writes its config script twice, so every page
    # throws "THEBE_JS_URL has already been declared", and it points at a CDN: we don't use it
    context["script_files"] = [
        _deferred(js)
        for js in context.get("script_files", [])
        if "thebe" not in str(js) and "THEBE_JS_URL" not in js.attributes.get("body", "")
    ]
    context["css_files"] = [css for css in context.get("css_files", []) if "thebe" not in str(css)]
    # docutils marks the bibliography role="list" but puts anchors in it beside the entries,
    # which axe reports as critical (aria-required-children); doc-biblioentry is deprecated
    if "citation-list" in context.get("body", ""):
        context["body"] = (
            context["body"]
            .replace('<div role="list" class="citation-list">', '<div class="citation-list">')
            .replace(' role="doc-biblioentry"', "")
        )


def _escape_titles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # sphinx-book-theme writes page titles into its templates as raw text (`pagetitle` in the
    # print header, `root_title` in the sidebar, both `title.astext()`, unescaped): a title
    # holding "<svg onload=...>" would run. Runs after the theme's own handler.
    for name in ("pagetitle", "root_title"):
        if isinstance(context.get(name), str):
            context[name] = html.escape(context[name])


def _write_assets(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    folder = Path(app.outdir, "_static", "quizzes")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for source in (LOADER, BOOK_CSS):
        (Path(app.outdir, "_static") / _asset_name(source)).write_bytes(source.read_bytes())


def _theme_defaults(app: Sphinx, config) -> None:
    # pydata-sphinx-theme logs "Got invalid theme mode" in a fresh browser unless its template
    # gets a default mode; "auto" follows the reader's light/dark preference
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context
    # our template overrides (see templates/) are found before the theme's
    config.templates_path = [str(Path(__file__).with_name("templates")), *config.templates_path]


REPOSITORY_BUTTONS = ("use_repository_button", "use_edit_page_button", "use_issues_button")


def _repository(app: Sphinx, config) -> None:
    """The repository's address comes from one setting, $BOOK_REPOSITORY_URL (a CI workflow
    fills it from the repository it runs in). Set: repository, edit and launch buttons, and
    the `{{ repository }}` substitution is a link. Unset: no button, no launch link, plain text."""
    options = dict(config.html_theme_options or {})
    url = os.environ.get("BOOK_REPOSITORY_URL", "").strip().rstrip("/")
    if url:
        options["repository_url"] = url
        options["repository_branch"] = (
            os.environ.get("BOOK_REPOSITORY_BRANCH", "").strip() or "main"
        )
        options.setdefault("path_to_docs", "")
        options.update({"use_repository_button": True, "use_edit_page_button": True})
        repository = f"the [book's repository]({url})"
    else:
        options.pop("repository_url", None)
        options.update(dict.fromkeys(REPOSITORY_BUTTONS, False))
        options["launch_buttons"] = {}  # Binder needs a repository to launch
        repository = "the book's source repository"
    config.html_theme_options = options
    config.myst_substitutions = {**(config.myst_substitutions or {}), "repository": repository}


PACKAGE = Path(__file__).resolve().parent.parent


def _fingerprint() -> str:
    """A hash of everything a saved widget state is made from: banks, front end, Python."""
    digest = hashlib.sha256()
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


def _invalidate_stale_widgets(app: Sphinx) -> None:
    # jupyter-cache keys a notebook by its code alone, and a chapter's code is one line,
    # quiz("gaba_receptor"): an edited bank or quiz.js would be served from the old cached
    # widget state. When the package changed, drop the cache and re-read every chapter.
    cache = Path(app.env.mystnb_config.execution_cache_path)
    stamp = Path(app.outdir).parent / ".quizzes-fingerprint"
    app.quizzes_fingerprint = _fingerprint()
    app.quizzes_changed = not stamp.exists() or stamp.read_text() != app.quizzes_fingerprint
    if app.quizzes_changed and cache.exists():
        shutil.rmtree(cache)


class QuizError(SphinxError):
    category = "Quiz error"


def _check_quizzes(app: Sphinx, env, docnames: list[str]) -> None:
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


def _outdated(app: Sphinx, env, added, changed, removed):
    return sorted(env.found_docs - added) if getattr(app, "quizzes_changed", False) else []


def _stamp(app: Sphinx, exception) -> None:
    if exception is None:
        (Path(app.outdir).parent / ".quizzes-fingerprint").write_text(app.quizzes_fingerprint)


def setup(app: Sphinx) -> dict:
    # the folder of question banks the directives read, relative to the book (default: the
    # package's own quizzes/bank); a fixture book points it at its own banks
    app.add_config_value("quizzes_banks", "", "env", types=[str])
    app.connect("builder-inited", _invalidate_stale_widgets, priority=900)  # after myst-nb's
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _check_quizzes)
    app.connect("build-finished", _stamp)
    app.connect("config-inited", _theme_defaults)
    app.connect("config-inited", _repository)
    app.add_directive("objectives", Objectives)
    app.add_directive("objectives-table", ObjectivesTable)
    app.add_directive("claims-table", ClaimsTable)
    app.connect("html-page-context", _page_assets)
    app.connect("html-page-context", _escape_titles, priority=900)
    app.connect("build-finished", _write_assets)
    app.add_css_file(_asset_name(BOOK_CSS))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

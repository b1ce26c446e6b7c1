"""Our files in the built site and what each page loads.

Our scripts and styles are copied into _static/quizzes with a content hash in their names, so a
changed file is never served from a stale copy (Sphinx does not overwrite a changed file it has
already copied into _static on an incremental build, and browsers cache by name). A page loads
the widget loader only if it shows a widget, and the study script only on the review and
progress pages. The rest are small fixes to what the themes put on every page.
"""

from __future__ import annotations

import hashlib
import html
import shutil
from pathlib import Path

from sphinx.application import Sphinx

# Sphinx has no public constructor for a script entry: html-page-context hands us these objects
# in context["script_files"], and changing an attribute means making a new one of the same class
from sphinx.builders.html._assets import _JavaScript

from .. import frontend
from . import study

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "static"
LOADER = HERE / "loader.js"
BOOK_CSS = HERE / "book.css"
STUDY_SCRIPT = frontend.bundle("study")
OFFLINE_SCRIPT = frontend.bundle("offline")
# quiz.css (the review page shows questions) and study.css: part of every page's stylesheet
STYLES = (STATIC / "quiz.css", STATIC / "study.css")
LICENSES = frontend.DIST / "licenses"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def asset_name(source: Path) -> str:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
    return f"quizzes/{source.stem}-{digest}{source.suffix}"


def _deferred(js: _JavaScript) -> _JavaScript:
    # Sphinx and its extensions load ten scripts in <head> without defer (doctools, copy
    # button, ...): each blocks the first paint. None of them is needed before the page is
    # parsed, and deferred scripts still run in order, after any inline config script.
    attrs = js.attributes
    if not js.filename or "body" in attrs or "async" in attrs or "defer" in attrs:
        return js
    if attrs.get("type") == "module":  # modules are deferred already
        return js
    return _JavaScript(js.filename, priority=js.priority, **attrs, defer="defer")


def page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    # the loader only where a widget is shown, so plain pages stay plain
    if VIEW_MIME in body:
        app.add_js_file(asset_name(LOADER), defer="defer")
    if study.is_study_page(body):
        # deferred scripts run in order: the book's questions, then the page script
        app.add_js_file(study.questions_asset(app), defer="defer")
        app.add_js_file(asset_name(STUDY_SCRIPT), defer="defer")
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
    if "citation-list" in body:
        context["body"] = body.replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        ).replace(' role="doc-biblioentry"', "")


def escape_titles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # sphinx-book-theme writes page titles into its templates as raw text (`pagetitle` in the
    # print header, `root_title` in the sidebar, both `title.astext()`, unescaped): a title
    # holding "<svg onload=...>" would run. Runs after the theme's own handler.
    for name in ("pagetitle", "root_title"):
        if isinstance(context.get(name), str):
            context[name] = html.escape(context[name])


def write_assets(app: Sphinx, exception) -> None:
    if exception or app.builder.name != "html":  # the site, not the PDF's single page
        return
    static = Path(app.outdir, "_static")
    folder = static / "quizzes"
    folder.mkdir(parents=True, exist_ok=True)
    # replace our own files of earlier builds; the folder also holds the stylesheet and fonts
    # that styles.py made, which a build that rewrote no page does not make again
    sources = (LOADER, BOOK_CSS, STUDY_SCRIPT, OFFLINE_SCRIPT, *STYLES)
    for stem, suffix in [(p.stem, p.suffix) for p in sources] + [("questions", ".js")]:
        for old in folder.glob(f"{stem}-*{suffix}"):
            old.unlink()
    shutil.rmtree(folder / "licenses", ignore_errors=True)
    for source in sources:
        (static / asset_name(source)).write_bytes(source.read_bytes())
    # always, not only when a study page was written: an incremental build (the live preview)
    # rewrites changed pages only, and the review page it did not rewrite still loads this file
    (static / study.questions_asset(app)).write_bytes(study.book_questions(app))
    if LICENSES.is_dir():  # the licences of what the bundles include
        shutil.copytree(LICENSES, folder / "licenses")


def add_styles(app: Sphinx) -> None:
    for css in (BOOK_CSS, *STYLES):
        app.add_css_file(asset_name(css))

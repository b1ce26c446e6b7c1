"""Sphinx extension of the book, listed in `_config.yml` under `sphinx: extra_extensions`.

- execution.py: before chapters run, check the quizzes they show; drop a stale execution cache
- directives.py: bank data rendered into pages (objectives, objectives index, claims table)
- study.py: the review and progress pages and the book's questions they read
- assets.py: our scripts and styles in _static, what each page loads, fixes to the themes
- styles.py: one stylesheet for every page, trimmed, with its icon fonts subset
- offline.py: the web app manifest and the service worker (Workbox) that precaches the site
- repository.py: the repository's address, one setting
- pdf.py: the PDF edition (sphinx-simplepdf's builder): title page, contents, answer key
- figures.py: an interactive figure's static drawing on the page until the live one renders
- loader.js: renders anywidgets from the widget state saved in a page, with no kernel
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .. import frontend
from . import assets, execution, figures, offline, pdf, repository, study, styles
from .directives import ClaimsTable, Objectives, ObjectivesTable


def _theme_defaults(app: Sphinx, config) -> None:
    # pydata-sphinx-theme logs "Got invalid theme mode" in a fresh browser unless its template
    # gets a default mode; "auto" follows the reader's light/dark preference
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context
    # pydata-sphinx-theme 0.17 fills an unset navbar_persistent with a search field, which puts
    # an empty header band with a second search box above the book theme's sidebar
    config.html_theme_options = {**(config.html_theme_options or {}), "navbar_persistent": []}
    # our template overrides (see templates/) are found before the theme's
    config.templates_path = [str(Path(__file__).with_name("templates")), *config.templates_path]


def _bundles(app: Sphinx, config) -> None:
    # the widgets' modules are read when chapters execute, so they are bundled first
    frontend.ensure_built()


def setup(app: Sphinx) -> dict:
    # the folder of question banks the directives read, relative to the book (default: the
    # package's own quizzes/bank); a fixture book points it at its own banks
    app.add_config_value("quizzes_banks", "", "env", types=[str])
    # the installable site: the folder of its app icons (relative to the book; without it, no
    # manifest and no service worker) and the short name under an installed icon
    app.add_config_value("quizzes_app_icons", "", "html", types=[str])
    app.add_config_value("quizzes_app_short_name", "", "html", types=[str])
    app.connect("config-inited", _bundles)
    app.connect("config-inited", _theme_defaults)
    app.connect("config-inited", repository.configure)
    app.connect("builder-inited", execution.invalidate_stale_widgets, priority=900)  # after myst-nb
    app.connect("env-get-outdated", execution.outdated)
    app.connect("env-before-read-docs", execution.check_quizzes)
    app.connect("build-finished", execution.stamp)
    app.add_directive("objectives", Objectives)
    app.add_directive("objectives-table", ObjectivesTable)
    app.add_directive("claims-table", ClaimsTable)
    app.add_directive("review", study.Review)
    app.add_directive("progress", study.Progress)
    app.connect("html-page-context", assets.page_assets)
    app.connect("html-page-context", assets.escape_titles, priority=900)
    app.connect("html-page-context", styles.page_styles, priority=950)  # after the others
    app.connect("html-page-context", offline.head_links, priority=400)  # before page_assets
    app.connect("build-finished", assets.write_assets)
    app.connect("build-finished", styles.bundle_styles, priority=600)  # after our assets
    app.connect("build-finished", offline.write_offline, priority=700)  # after every file
    assets.add_styles(app)
    pdf.setup(app)
    figures.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

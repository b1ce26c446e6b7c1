"""The site offline and installable, in headless Chromium on loopback: after one visit every
page opens with no connection, quizzes answer and keep progress, search finds a term; Chromium
finds nothing missing to install it; a new build is picked up on the next visit online; the site
works from a sub-path and from files on disk.

These contexts allow the service worker (the other browser tests block it) and are not routed
(Playwright does not route requests a service worker answers); requests leaving loopback are
recorded from the context's own events instead.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from quizzes import load_bank
from quizzes.export.pdf import CHROMIUM_FLAGS, find_chromium

from conftest import ROOT, build_book

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TOC_PAGES = [
    f"{name}.html" for name in re.findall(r"file:\s*(\S+)", (ROOT / "_toc.yml").read_text())
]
GLOSSARY_TERM = "augmentation"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _SubPath(_Quiet):
    """The site served under /benzo-sleep-book/, as a GitHub Pages project site is."""

    prefix = "/benzo-sleep-book"

    def translate_path(self, path):
        if not path.startswith(self.prefix + "/"):
            return str(Path(self.directory) / "__not_here__")
        return super().translate_path(path[len(self.prefix) :])


def serve(directory: Path, handler=_Quiet):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class Browsing:
    """A context that allows the service worker, with its errors and off-site requests."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(service_workers="allow", **options)
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on(
            "console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}")
        )

    def _request(self, request):
        parsed = urlparse(request.url)
        if parsed.scheme in {"http", "https"} and parsed.hostname not in {"127.0.0.1", "localhost"}:
            self.offsite.append(request.url)

    def controlled(self):
        self.page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)

    def assert_clean(self):
        assert self.offsite == [] and self.errors == [], (self.offsite, self.errors)

    def close(self):
        self.context.close()


@pytest.fixture
def browsing(browser):
    opened = []

    def make(**options) -> Browsing:
        b = Browsing(browser, **options)
        opened.append(b)
        return b

    yield make
    for b in opened:
        b.close()


def test_every_page_works_offline_after_one_visit(site_url, browsing, built_site):
    b = browsing()
    page = b.page
    page.goto(f"{site_url}/book/intro.html")
    b.controlled()
    b.context.set_offline(True)
    for rel in TOC_PAGES:
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("load")
        assert page.locator("article h1").count() == 1, rel
        if "widget-view" in (built_site / rel).read_text():
            page.locator("[data-quiz], [data-figure]").first.wait_for()
        chapter = Path(rel).stem
        if (ROOT / "quizzes" / "bank" / f"{chapter}.yml").exists():
            assert page.locator("[data-quiz-question]").count() == len(
                load_bank(chapter).questions
            ), rel
    # the root forwards to the start page
    page.goto(f"{site_url}/")
    page.wait_for_url("**/book/intro.html")
    b.assert_clean()


def test_offline_a_quiz_answers_and_keeps_progress_and_search_finds_a_term(site_url, browsing):
    q = next(q for q in load_bank("safe_use").questions if q.type == "single")
    right = next(i for i, o in enumerate(q.options) if o.correct)
    b = browsing()
    page = b.page
    page.goto(f"{site_url}/book/glossary.html")
    b.controlled()
    b.context.set_offline(True)
    page.goto(f"{site_url}/book/safe_use.html")
    root = page.locator(f'[data-quiz-question="{q.id}"]')
    root.locator(f'input[value="{right}"]').check()
    root.locator('[data-quiz-action="check"]').click()
    assert root.get_attribute("data-quiz-state") == "correct"
    page.reload()
    root.wait_for()
    assert root.get_attribute("data-quiz-state") == "correct"
    page.goto(f"{site_url}/book/progress.html")
    row = page.locator('[data-progress-chapter="safe_use"]')
    row.wait_for()
    assert row.get_attribute("data-correct") == "1"
    page.goto(f"{site_url}/search.html?q={GLOSSARY_TERM}")
    page.wait_for_function(
        "() => /found/.test(document.querySelector('#search-results .search-summary')"
        "?.textContent || '')"
    )
    hrefs = page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any(h.startswith("book/glossary.html") for h in hrefs), hrefs
    b.assert_clean()


def installability_errors(browser, url, tmp_path) -> list:
    """Chromium's own installability check; it refuses incognito contexts, so a profile."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=find_chromium(), args=CHROMIUM_FLAGS
    )
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        cdp = context.new_cdp_session(page)
        return cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    finally:
        context.close()


def test_chromium_finds_the_site_installable(site_url, browsing, browser, tmp_path):
    assert installability_errors(browser, f"{site_url}/book/intro.html", tmp_path) == []
    b = browsing()
    page = b.page
    page.goto(f"{site_url}/book/intro.html")
    b.controlled()
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["start_url"] == "book/intro.html" and manifest["scope"] == "./"
    assert {(i["sizes"], i["purpose"]) for i in manifest["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    assert (
        page.locator('meta[name="theme-color"]').get_attribute("content") == manifest["theme_color"]
    )
    b.assert_clean()


def test_a_sub_path_site_works_and_installs(built_site, browsing, browser, tmp_path):
    server, base = serve(built_site, _SubPath)
    try:
        b = browsing()
        page = b.page
        page.goto(f"{base}/benzo-sleep-book/book/gaba_receptor.html")
        page.locator("[data-quiz-question]").first.wait_for()
        b.controlled()
        scope = page.evaluate("navigator.serviceWorker.controller.scriptURL")
        assert scope == f"{base}/benzo-sleep-book/sw.js"
        start = f"{base}/benzo-sleep-book/book/intro.html"
        assert installability_errors(browser, start, tmp_path) == []
        b.context.set_offline(True)
        page.goto(f"{base}/benzo-sleep-book/book/review.html")
        page.locator(".bzr-summary").wait_for()
        page.goto(f"{base}/benzo-sleep-book/")
        page.wait_for_url("**/benzo-sleep-book/book/intro.html")
        b.assert_clean()
    finally:
        server.shutdown()
        server.server_close()


def test_from_files_on_disk_nothing_breaks(built_site, browsing):
    b = browsing()
    page = b.page
    for rel in ["book/gaba_receptor.html", "book/review.html", "book/progress.html"]:
        page.goto((built_site / rel).as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
    page.goto((built_site / "book/gaba_receptor.html").as_uri())
    page.locator("[data-quiz-question]").first.wait_for()
    assert page.evaluate("navigator.serviceWorker?.controller ?? null") is None
    page.goto((built_site / "book/review.html").as_uri())
    assert "Nothing is due" in page.locator(".bzr-summary").inner_text()
    b.assert_clean()


def stylesheet(site: Path) -> str:
    (sheet,) = (site / "_static" / "quizzes").glob("site-*.css")
    return sheet.name


def test_a_new_build_is_served_after_a_reload_online(browsing, tmp_path):
    """Visit, rebuild with a changed chapter, reload: the page is the new build's, with the new
    build's files (never the old stylesheet beside the new page); offline afterwards, the book
    is still whole."""
    book = Path(shutil.copytree(ROOT / "tests" / "books" / "cached", tmp_path / "book"))
    config = book / "_config.yml"
    config.write_text(
        config.read_text().replace(
            "sphinx:\n  config:\n",
            "sphinx:\n  extra_extensions: [quizzes.sphinxext]\n  config:\n"
            f"    quizzes_app_icons: {ROOT / 'book' / '_static' / 'icons'}\n",
        )
        + f"html:\n  favicon: {ROOT / 'book' / '_static' / 'favicon.svg'}\n"
    )
    (book / "second.md").write_text("# Second page\n\nAnother page.\n")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: second\n")
    assert build_book(book, book).returncode == 0
    site = book / "_build" / "html"
    server, base = serve(site)
    try:
        b = browsing()
        page = b.page
        page.goto(f"{base}/intro.html")
        b.controlled()
        assert "executed 42" in page.locator("article").inner_text()
        intro = book / "intro.md"
        intro.write_text(intro.read_text().replace("# Cached", "# Cached, second edition"))
        # a change that changes the stylesheet too: the new page must not get the old one
        intro.write_text(
            intro.read_text() + "\n```{admonition} New box\n:class: seealso\nText.\n```\n"
        )
        rebuilt = build_book(book, book)
        assert rebuilt.returncode == 0, rebuilt.stdout[-2000:]
        page.reload()
        assert page.locator("h1").first.inner_text().startswith("Cached, second edition")
        linked = page.locator('link[rel="stylesheet"]').get_attribute("href")
        assert linked.endswith(stylesheet(site))
        assert page.evaluate("[...document.styleSheets].every(s => s.cssRules.length > 0)")
        page.goto(f"{base}/second.html")
        assert page.locator("h1").first.inner_text().startswith("Second page")
        # offline: one build, whole (the new one once its worker has taken over)
        b.context.set_offline(True)
        page.goto(f"{base}/intro.html")
        assert page.locator("h1").first.inner_text().startswith("Cached")
        assert page.evaluate("[...document.styleSheets].every(s => s.cssRules.length > 0)")
        b.assert_clean()
    finally:
        server.shutdown()
        server.server_close()

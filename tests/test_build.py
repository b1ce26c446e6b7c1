"""The book's build: strict, cached, offline, and light on every page."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizzes import load_banks

from conftest import ROOT, build_book

pytestmark = pytest.mark.slow

BOOKS = Path(__file__).parent / "books"
QUIZ_JS_BUDGET = 60 * 1024  # gzipped quiz + widget JavaScript on a page
PAGE_BUDGET = 250 * 1024  # everything a page loads from the site, gzipped as served
VIEW = "application/vnd.jupyter.widget-view+json"
STATE_RE = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.S
)


def copy_book(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(BOOKS / name, tmp_path / name))


def test_second_build_executes_nothing(tmp_path):
    book = copy_book("cached", tmp_path)
    first = build_book(book, book)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Executing notebook" in first.stdout + first.stderr
    second = build_book(book, book)
    assert second.returncode == 0, second.stdout + second.stderr
    log = second.stdout + second.stderr
    assert "Executing notebook" not in log
    assert "executed 42" in (book / "_build/html/intro.html").read_text()


def missing_assets(site: Path) -> list[str]:
    """Local files that some page of the site links or loads but that are not there."""
    missing = []
    for page in pages(site):
        for ref in re.findall(r'(?:src|href)="([^"#?]+)[^"]*"', page.read_text()):
            if ref.startswith(("http:", "https:", "//", "mailto:", "data:")):
                continue
            if not (page.parent / ref).resolve().exists():
                missing.append(f"{page.relative_to(site)}: {ref}")
    return missing


def test_rebuilding_without_changes_or_with_one_keeps_every_asset(tmp_path):
    """A second `jupyter-book build` that rewrites no page, and a third that rewrites one (as
    the live preview does on every save), leave every page's stylesheet, fonts and scripts."""
    book = copy_book("edits", tmp_path)
    site = book / "_build" / "html"
    for step in ("first", "unchanged", "one page edited"):
        if step == "one page edited":
            (book / "intro.md").write_text((book / "intro.md").read_text() + "\nOne more line.\n")
        result = build_book(book, book)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert missing_assets(site) == [], step
        assert list((site / "_static" / "quizzes").glob("site-*.css")), step
    assert "One more line." in (site / "intro.html").read_text()


def test_a_cell_that_raises_fails_the_build_naming_chapter_and_cell(tmp_path):
    book = copy_book("raises", tmp_path)
    result = build_book(book, book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{book}/intro.md" in log
    assert "numbers[10]" in log and "IndexError" in log


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_chapter_in_the_toc_is_built(built_site):
    toc = (ROOT / "_toc.yml").read_text()
    for name in re.findall(r"file:\s*(\S+)", toc):
        assert (built_site / f"{name}.html").exists(), name


def test_every_bank_is_shown_by_a_chapter(built_site):
    for chapter in load_banks():
        html = (built_site / "book" / f"{chapter}.html").read_text()
        assert VIEW in html, f"{chapter}.html shows no quiz"
        state = STATE_RE.search(html).group(1)
        assert f'"quiz_id": "{chapter}"' in state or f'"quiz_id":"{chapter}"' in state


# every attribute through which a page makes the browser fetch something (links a reader
# follows, <a href>, are not fetches; <link> is, whatever its rel, except these)
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href", "imagesrcset"),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
NOT_FETCHED_LINKS = {"canonical", "alternate", "author", "license", "help", "search"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)""", re.I)


class _Loads(HTMLParser):
    """Every URL a page would fetch: from loading attributes, inline styles and <style>."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        rel = set((values.get("rel") or "").lower().split())
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if tag == "link" and rel and rel <= NOT_FETCHED_LINKS:
                continue
            for url in re.split(r",\s*", values.get(name) or ""):
                if url.strip():
                    self.urls.append((f"<{tag} {name}>", url.strip().split()[0]))
        for url in CSS_URL.findall(values.get("style") or ""):
            self.urls.append((f"<{tag} style>", url))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += [("<style>", url) for url in CSS_URL.findall(data)]


def test_nothing_is_loaded_from_outside_the_site(built_site):
    """No page, and no stylesheet of the site, fetches anything from another host: the site
    works offline and tells no third party who reads it."""
    for page in pages(built_site):
        html = page.read_text()
        parser = _Loads()
        parser.feed(html)
        external = [(where, url) for where, url in parser.urls if EXTERNAL.match(url)]
        assert external == [], f"{page.relative_to(built_site)} loads {external}"
        assert "THEBE_JS_URL" not in html
        assert "require.min.js" not in html and "html-manager" not in html
    for sheet in built_site.rglob("*.css"):
        external = [u for u in CSS_URL.findall(sheet.read_text()) if EXTERNAL.match(u)]
        assert external == [], f"{sheet.relative_to(built_site)} loads {external}"


def test_the_load_check_sees_every_way_a_page_fetches():
    """The check above is only as good as its parser: each of these fetches must be caught."""
    fetches = [
        '<script src="https://cdn.example/x.js"></script>',
        '<link rel="stylesheet" href="//cdn.example/x.css">',
        '<link rel="preload" as="font" href="https://cdn.example/f.woff2">',
        '<link rel="icon" href="https://cdn.example/i.png">',
        '<img src="https://cdn.example/a.png">',
        '<img src="a.png" srcset="a2.png 2x, https://cdn.example/a3.png 3x">',
        '<picture><source srcset="https://cdn.example/a.webp"></picture>',
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        '<video poster="https://cdn.example/p.jpg"></video>',
        '<object data="https://cdn.example/o.svg"></object>',
        '<svg><image href="https://cdn.example/i.png"/></svg>',
        '<svg><use xlink:href="https://cdn.example/s.svg#a"/></svg>',
        '<div style="background: url(https://cdn.example/b.png)"></div>',
        "<style>@import 'https://fonts.example/css';</style>",
        '<style>.a { background: url("//cdn.example/b.png") }</style>',
    ]
    for snippet in fetches:
        parser = _Loads()
        parser.feed(snippet)
        assert any(EXTERNAL.match(url) for _, url in parser.urls), snippet
    harmless = '<a href="https://example.org">x</a><link rel="canonical" href="https://x.org/">'
    parser = _Loads()
    parser.feed(harmless)
    assert parser.urls == []


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def local_assets(page: Path, site: Path) -> list[Path]:
    """Every file of the site a page loads: scripts, stylesheets, icons and the files those
    stylesheets load (fonts), and the JSON the study pages fetch (data-questions)."""
    html = page.read_text()
    refs = re.findall(r'(?:src|href|data-questions)="([^"#?]+)(?:\?[^"]*)?"', html)
    out = []
    for ref in refs:
        if ref.startswith(("http:", "https:", "//", "mailto:", "data:")) or ref.endswith(".html"):
            continue
        path = (page.parent / ref).resolve()
        if path.is_file() and site.resolve() in path.parents:
            out.append(path)
            if path.suffix == ".css":
                for url in re.findall(r'url\("?([^")]+)"?\)', path.read_text()):
                    if not url.startswith("data:") and (path.parent / url).resolve().is_file():
                        out.append((path.parent / url).resolve())
    return out


def test_quiz_javascript_within_budget(built_site):
    """Our loader plus each widget module shipped in the page state, gzipped."""
    loader = next((built_site / "_static" / "quizzes").glob("loader-*.js"))
    for chapter in load_banks():
        html = (built_site / "book" / f"{chapter}.html").read_text()
        state = json.loads(STATE_RE.search(html).group(1))["state"]
        modules = {m["state"]["_esm"] for m in state.values() if "_esm" in m.get("state", {})}
        size = _gz(loader.read_bytes()) + sum(_gz(m.encode()) for m in modules)
        assert size <= QUIZ_JS_BUDGET, f"{chapter}: {size} bytes of quiz/widget JS gzipped"


def test_every_page_within_weight_budget(built_site):
    for page in pages(built_site):
        total = _gz(page.read_bytes()) + sum(
            _gz(a.read_bytes()) for a in set(local_assets(page, built_site))
        )
        assert total <= PAGE_BUDGET, f"{page.relative_to(built_site)}: {total} bytes"


def test_one_stylesheet_and_small_icon_fonts_on_every_page(built_site):
    """The theme's ten stylesheets and two icon fonts (157 KB and 118 KB) were render-blocking
    on every page: now one stylesheet, its fonts subset to the icons the book shows, and nothing
    preloaded."""
    for page in pages(built_site):
        html = page.read_text()
        if page.name == "index.html" and page.parent == built_site:
            continue  # the root is only a redirect to the start page
        sheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', html)
        assert len(sheets) == 1 and "_static/quizzes/site-" in sheets[0], (page, sheets)
        assert 'rel="preload"' not in html, page
        assert "fontawesome.js" not in html and "fa-solid-900.woff2" not in html
    (sheet,) = (built_site / "_static" / "quizzes").glob("site-*.css")
    fonts = re.findall(r'url\("?([^")]+\.woff2)"?\)', sheet.read_text())
    assert fonts
    for font in fonts:
        assert (sheet.parent / font).stat().st_size < 8 * 1024, font


def test_two_builds_give_identical_quiz_markup(built_site, tmp_path):
    again = build_book(ROOT, tmp_path)
    assert again.returncode == 0, again.stdout[-3000:]
    for chapter in load_banks():
        first = STATE_RE.search((built_site / "book" / f"{chapter}.html").read_text()).group(1)
        second = STATE_RE.search(
            (tmp_path / "_build/html/book" / f"{chapter}.html").read_text()
        ).group(1)
        # model ids are random per execution; everything a reader sees must not be
        strip = re.compile(r"[0-9a-f]{32}")
        assert strip.sub("ID", first) == strip.sub("ID", second), chapter


def test_a_chapter_showing_an_unknown_quiz_stops_with_one_clear_error(tmp_path):
    """A raw `jupyter-book build` stops before executing anything, naming file and line, with
    no notebook traceback and no "please report a bug"."""
    book = copy_book("cached", tmp_path)
    config = book / "_config.yml"
    config.write_text(
        config.read_text().replace(
            "sphinx:\n", "sphinx:\n  extra_extensions: [quizzes.sphinxext]\n"
        )
    )
    chapter = book / "intro.md"
    cell = '```{code-cell} ipython3\nfrom quizzes import quiz\n\nquiz("gaba_receptr")\n```\n'
    chapter.write_text(chapter.read_text() + "\n## Quiz\n\n" + cell)
    result = build_book(book, book)
    log = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # no terminal colours
    assert result.returncode != 0
    # the one useful line comes first (Jupyter Book's own wrapper prints its traceback after it)
    message = "Quiz error:\nintro.md:22: quiz: no question bank named 'gaba_receptr'"
    assert message in log
    assert "Traceback" not in log[: log.index(message)]
    for noise in ("FileNotFoundError", "report", "CellExecutionError", "Executing notebook"):
        assert noise not in log, noise


REPOSITORY_LINKS = re.compile(r'href="https://(github\.com|gitlab\.com|mybinder\.org)[^"]*"')


def test_without_a_repository_address_no_page_links_to_one(built_site):
    """A fork or a local build never shows a repository, edit or launch button to a wrong place."""
    for page in pages(built_site):
        html = page.read_text()
        assert not REPOSITORY_LINKS.search(html), page.relative_to(built_site)
        assert "edit this page" not in html.lower() and "launch-buttons" not in html
    educators = (built_site / "book" / "educators.html").read_text()
    assert "in the book’s source repository" in educators


def test_the_repository_address_is_one_setting(tmp_path):
    book = copy_book("cached", tmp_path)
    config = book / "_config.yml"
    config.write_text(
        config.read_text().replace(
            "sphinx:\n", "sphinx:\n  extra_extensions: [quizzes.sphinxext]\n"
        )
        + "launch_buttons:\n  notebook_interface: jupyterlab\n  binderhub_url: https://mybinder.org\n"
        + "parse:\n  myst_enable_extensions: [substitution]\n"
    )
    chapter = book / "intro.md"
    chapter.write_text(chapter.read_text() + "\nThe questions are in {{ repository }}.\n")
    url = "https://github.com/someone/their-fork"
    env = {"BOOK_REPOSITORY_URL": url, "BOOK_REPOSITORY_BRANCH": "trunk"}
    result = build_book(book, book, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (book / "_build/html/intro.html").read_text()
    assert f'href="{url}"' in html  # the repository button
    assert f"{url}/edit/trunk/intro.md" in html  # edit this page
    assert "https://mybinder.org/v2/gh/someone/their-fork/trunk?urlpath=lab/tree/intro.md" in html
    assert f'<a class="reference external" href="{url}">book’s repository</a>' in html
    assert {m.group(0) for m in REPOSITORY_LINKS.finditer(html)} == {
        f'href="{url}"',
        f'href="{url}/edit/trunk/intro.md"',
        'href="https://mybinder.org/v2/gh/someone/their-fork/trunk?urlpath=lab/tree/intro.md"',
    }

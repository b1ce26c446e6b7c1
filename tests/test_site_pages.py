"""Every page a reader can reach, in headless Chromium: it loads with no error, and search works.

A page that throws or a search that finds nothing is a broken book even when every chapter
passes, so the search page, the general index and the root redirect are tested like chapters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def reachable_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, the search page and the index pages included."""
    return sorted(
        str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts
    )


def test_the_site_has_the_pages_a_reader_reaches(built_site):
    pages = reachable_pages(built_site)
    for required in ("index.html", "search.html", "genindex.html", "book/intro.html"):
        assert required in pages


def test_the_root_page_names_the_sites_icon(built_site):
    """Without an icon of its own, a browser asks the server's root for /favicon.ico: outside a
    site served from a sub-path, and a failed request (a console error) once offline."""
    root = (built_site / "index.html").read_text(encoding="utf-8")
    (href,) = re.findall(r'<link rel="icon" href="([^"]+)"', root)
    assert (built_site / href).is_file(), href


def test_every_page_loads_with_no_error(built_site, site_url, watched):
    w = watched(width=1280, height=900)
    page = w.page
    seen = {}
    for rel in reachable_pages(built_site):
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("load")
        if "widget-view" in (built_site / rel).read_text():
            page.locator("[data-quiz], [data-figure]").first.wait_for()
        page.wait_for_timeout(100)  # late errors from deferred scripts
        seen[rel] = page.url
    # the root redirects to the start page
    assert seen["index.html"].endswith("/book/intro.html")
    w.assert_clean()


# Sphinx's search says "Search finished, found N page(s)" or "... did not match any documents"
FINISHED = """() => {
  const s = document.querySelector('#search-results .search-summary');
  return s && /found|did not match/.test(s.textContent);
}"""

# a term, a page whose text has it, and where it comes from
SEARCHES = [
    ("flumazenil", "book/gaba_receptor.html"),  # a chapter
    ("hypnogram", "book/sleep_architecture.html"),
    ("Beers", "book/safe_use.html"),
    ("augmentation", "book/glossary.html"),  # a glossary term
    ("tapering", "book/safe_use.html"),
]


@pytest.mark.parametrize("term, expected", SEARCHES, ids=[t for t, _ in SEARCHES])
def test_search_finds_terms_and_follows_a_result(term, expected, site_url, watched):
    w = watched()
    page = w.page
    page.goto(f"{site_url}/search.html?q={term}")
    summary = page.locator("#search-results .search-summary")
    summary.wait_for()
    page.wait_for_function(FINISHED)
    results = page.locator("#search-results ul.search li a")
    assert results.count() > 0, summary.inner_text()
    hrefs = [results.nth(k).get_attribute("href") for k in range(results.count())]
    assert any(h.split("?")[0].split("#")[0] == expected for h in hrefs), hrefs
    link = results.nth(next(k for k, h in enumerate(hrefs) if h.startswith(expected)))
    link.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0].endswith(expected)
    assert term.lower() in page.locator("article").inner_text().lower()
    w.assert_clean()


def test_search_from_the_keyboard_shortcut(site_url, watched):
    """Ctrl+K on a chapter opens the search dialog; Enter shows the results page."""
    w = watched(width=1280, height=900)
    page = w.page
    page.goto(f"{site_url}/book/benzodiazepines.html")
    page.wait_for_load_state("load")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    field.fill("spindles")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=spindles*")
    page.wait_for_function(FINISHED)
    assert page.locator("#search-results ul.search li").count() > 0
    w.assert_clean()

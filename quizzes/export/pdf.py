"""HTML worksheets to PDF through headless Chromium (the system's; never a downloaded one)."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ._common import UsageError

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """$CHROMIUM, else Debian's /usr/bin/chromium, else a chromium on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def html_to_pdf(pages: dict[str, str]) -> dict[str, bytes]:
    """{name.html: html} -> {name.pdf: pdf bytes}, A4, with the pages' own print CSS."""
    chromium = find_chromium()
    if chromium is None:
        raise UsageError("--pdf needs Chromium (apt-get install chromium, or set CHROMIUM=path)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise UsageError("--pdf needs the playwright package (pip install playwright)") from None
    # Playwright's sync API refuses to start inside a running event loop (a notebook, or a test
    # session that already drives a browser): a thread of its own has none
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_render, chromium, pages).result()


def _render(chromium: str, pages: dict[str, str]) -> dict[str, bytes]:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            for name, html in pages.items():
                page.set_content(html, wait_until="load")
                pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
                out[name.removesuffix(".html") + ".pdf"] = pdf
        finally:
            browser.close()
    return out

"""Shared fixtures: the book built once per session, a loopback server, headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from quizzes.export.pdf import CHROMIUM_FLAGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent


def build_book(source: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`jupyter-book build` with warnings as errors, into `out` (never the developer's _build).

    The environment is the test's own minus BOOK_REPOSITORY_URL (a setting of the deploy
    workflow), plus `env`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BOOK_REPOSITORY")}
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            str(source),
            "--path-output",
            str(out),
            "-W",
            "-n",
            "--keep-going",
        ],
        capture_output=True,
        text=True,
        cwd=source,
        env={**environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real book, built from clean once per test session; returns the HTML folder.

    Set BOOK_HTML to a folder built by the same sources to skip the build while iterating."""
    if os.environ.get("BOOK_HTML"):
        return Path(os.environ["BOOK_HTML"])
    out = tmp_path_factory.mktemp("book")
    result = build_book(ROOT, out)
    if result.returncode != 0:
        pytest.fail(f"the book does not build:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return out / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def require(found: object, reason: str) -> None:
    """Skip a test whose tool is missing, saying which and how to get it. Under CI=true fail
    instead: CI installs every tool, so a missing one there is a broken setup, not a pass."""
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} -- tests may not skip under CI=true")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    require(
        path,
        "no Chromium found (install Debian's chromium: apt-get install -y chromium, "
        "or set CHROMIUM=/path/to/chromium)",
    )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"blob", "data", "about"} or parsed.hostname in {
        "127.0.0.1",
        "localhost",
    }


class Watched:
    """A page whose traffic outside loopback is blocked and recorded, with its console errors."""

    def __init__(self, context):
        self.context = context
        self.blocked: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)

    def _route(self, route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def assert_clean(self):
        assert self.blocked == [], f"requests left the site: {self.blocked}"
        assert self.errors == [], f"errors on the page: {self.errors}"


@pytest.fixture
def watched(browser):
    """Yield a factory: watched(width=..., color_scheme=...) -> Watched (phone width by default)."""
    contexts = []

    def make(
        width: int = 390, height: int = 844, color_scheme: str = "light", **options
    ) -> Watched:
        # the site's service worker would serve later pages from its precache; tests of the
        # offline site (test_offline.py) allow it, the rest see the site as a plain site
        options.setdefault("service_workers", "block")
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme, **options
        )
        contexts.append(context)
        return Watched(context)

    yield make
    for context in contexts:
        context.close()

"""The site offline and installable: a web app manifest, app icons, and a service worker that
precaches every page and everything the pages load, written after the pages so that a build is
one command and a stale worker cannot ship.

The service worker (static/src/sw.js, bundled like the rest of the front end) gets its precache
list from Workbox (workbox-build's injectManifest, pinned in the repository's package-lock.json;
workbox.mjs calls it). The list is not written by hand: it is every built page and every file
those pages reference (scripts, the stylesheet and its fonts, icons, the review pages' data, the
search index), found by reading the built pages; a reference that carries a version (a hash in
the name, or ?v= and ?digest= in the query) is precached under that exact address. Each page
registers the worker with a small script (static/src/offline.js). Every address is relative, so
the site works from a sub-path (a GitHub Pages project site) as from a domain's root.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import frontend
from .assets import OFFLINE_SCRIPT, asset_name
from .pdf import title as book_title

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
WORKBOX = HERE / "workbox.mjs"
MANIFEST = "manifest.webmanifest"
ICON_DIR = "_static/quizzes/icons"
# the light theme's primary colour (sphinx-book-theme: --pst-color-primary)
THEME_COLOR = "#176de8"
BACKGROUND = "#ffffff"
ICONS = (
    ("icon-192.png", "192x192", "any"),
    ("icon-512.png", "512x512", "any"),
    ("icon-maskable-512.png", "512x512", "maskable"),
)
_REF = re.compile(r'(?:src|href)="([^"#]+)"')
# the same rule as the worker's (static/src/sw.js): the address names the content
VERSIONED = re.compile(r"[?&](v|digest)=|-[0-9a-f]{10}\.[a-z0-9]+$")
_CSS_URL = re.compile(r'url\("?([^")]+)"?\)')
# downloads are not reading: the chapters' sources and the PDF edition (1.2 MB) are left to
# the network
NOT_PRECACHED = ("_sources/",)
NOT_PRECACHED_KINDS = (".pdf",)


def icons_dir(app: Sphinx) -> Path | None:
    folder = app.config.quizzes_app_icons
    path = Path(app.srcdir, folder) if folder else None
    return path if path and path.is_dir() else None


def head_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Every page links the manifest and loads the script that registers the worker."""
    if icons_dir(app) is None:
        return
    manifest = html.escape(context["pathto"](MANIFEST, 1))
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="manifest" href="{manifest}" />'
        + f'\n<meta name="theme-color" content="{THEME_COLOR}" />'
    )
    app.add_js_file(asset_name(OFFLINE_SCRIPT), defer="defer")


def _manifest(app: Sphinx, start: str) -> dict:
    title = book_title(app)
    return {
        "name": title,
        "short_name": app.config.quizzes_app_short_name or title,
        "description": "An open textbook on benzodiazepines and sleep, with quizzes and review.",
        "lang": app.config.language or "en",
        "dir": "ltr",
        "id": "./",
        "start_url": start,
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": f"{ICON_DIR}/{name}", "sizes": sizes, "type": "image/png", "purpose": purpose}
            for name, sizes, purpose in ICONS
        ],
    }


def _root_page(out: Path, app: Sphinx) -> str:
    """The site's root: a real (small) page that forwards to the first page, not a bare
    refresh tag; returns the first page's address."""
    start = app.builder.get_target_uri(app.config.root_doc)
    title = html.escape(book_title(app))
    target = html.escape(start)
    # the pages' own icon (Sphinx copies it into _static); without one a browser asks the
    # server's root for /favicon.ico, outside the site and, offline, a failed request
    favicon = app.config.html_favicon
    icon = (
        f'<link rel="icon" href="_static/{html.escape(Path(favicon).name)}" />\n'
        if favicon and "://" not in favicon
        else ""
    )
    (out / "index.html").write_text(
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(app.config.language or "en")}">\n<head>\n'
        '<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}" />\n'
        f'<link rel="canonical" href="{target}" />\n'
        f'<link rel="manifest" href="{MANIFEST}" />\n'
        f"{icon}"
        f'</head>\n<body>\n<p><a href="{target}">{title}: start here</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    return start


def precache_list(out: Path) -> tuple[list[str], list[str]]:
    """What the worker precaches, relative to the site: unversioned files (every page among
    them), and the exact addresses of versioned ones."""
    files: set[Path] = set()
    versioned: set[str] = set()

    def add(base: Path, ref: str) -> None:
        if ref.startswith(("http:", "https:", "//", "mailto:", "data:")):
            return
        name, _, query = ref.partition("?")
        path = (base / name.replace("&amp;", "&")).resolve()
        if not path.is_file() or out not in path.parents or path.suffix == ".html":
            return
        address = str(path.relative_to(out)) + (f"?{query.replace('&amp;', '&')}" if query else "")
        if address.startswith(NOT_PRECACHED) or path.suffix in NOT_PRECACHED_KINDS:
            return
        if VERSIONED.search(address):
            versioned.add(address)
        else:
            files.add(path)
        if path.suffix == ".css":
            for url in _CSS_URL.findall(path.read_text(encoding="utf-8")):
                add(path.parent, url)

    for page in sorted(out.rglob("*.html")):
        if "_static" in page.relative_to(out).parts:
            continue
        files.add(page)
        for ref in _REF.findall(page.read_text(encoding="utf-8")):
            add(page.parent, ref)
    names = sorted(str(p.relative_to(out)) for p in files)
    unversioned = [n for n in names if not n.startswith(NOT_PRECACHED)] + [MANIFEST, *_icon_files()]
    return unversioned, sorted(versioned)


def _icon_files() -> list[str]:
    return [f"{ICON_DIR}/{name}" for name, _, _ in ICONS]


def write_offline(app: Sphinx, exception) -> None:
    if exception or app.builder.name != "html" or icons_dir(app) is None:
        return
    out = Path(app.outdir).resolve()
    (out / ICON_DIR).mkdir(parents=True, exist_ok=True)
    for name, _, _ in ICONS:
        shutil.copyfile(icons_dir(app) / name, out / ICON_DIR / name)
    start = _root_page(out, app)
    (out / MANIFEST).write_text(json.dumps(_manifest(app, start), indent=2), encoding="utf-8")
    unversioned, versioned = precache_list(out)
    request = {
        "dir": str(out),
        "src": str(frontend.bundle("sw")),
        "dest": str(out / "sw.js"),
        "files": unversioned,
        "versioned": versioned,
    }
    output = frontend.run_node(WORKBOX, request, "Workbox could not write the service worker")
    app._quizzes_precache = (unversioned, versioned)
    report = json.loads(output)
    for warning in report["warnings"]:
        logger.warning(f"service worker: {warning}")
    logger.info(f"service worker: precaches {report['count']} files, {report['size'] / 1e6:.1f} MB")

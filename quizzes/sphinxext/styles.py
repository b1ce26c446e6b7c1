"""One stylesheet for every page.

Sphinx, the themes and the extensions put ten stylesheets in each page's <head>, each a request
that blocks the first paint, and the theme draws a handful of icons from two icon fonts of 157 KB
and 118 KB. Here every page links one stylesheet instead. At the end of the build the same files,
in the same order, are joined into one, trimmed of the rules that no built page or script can use
(PurgeCSS), minified (esbuild), and its icon fonts are subset to the glyphs that remain
(fontTools). The file's name carries its content hash, and every page is pointed at it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from posixpath import normpath, relpath

from sphinx.application import Sphinx

from .. import frontend

HERE = Path(__file__).resolve().parent
PURGE = HERE / "purge.mjs"
# what pages link until the bundle exists (and what the last build's pages linked)
LINK = re.compile(r"_static/quizzes/site(?:-[0-9a-f]{10})?\.css")
PLACEHOLDER = "_static/quizzes/site.css"
BUNDLE_DIR = "_static/quizzes"
# the theme's own stylesheets come from a template macro, before Sphinx's list
THEME_STYLES = ["_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css"]
# scripts that mention every word of the book or every icon name would keep every rule
NOT_CONTENT = ["**/_static/scripts/fontawesome.js", "**/searchindex.js", "**/language_data.js"]
# classes made only at run time by scripts that build their names (none found so far beyond
# what the scripts' text names): kept whatever PurgeCSS sees
SAFELIST = {"greedy": [r"data-theme", r"data-mode"]}

_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;""")
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_ICON = re.compile(r"\\(f[0-9a-f]{3})|([\ue000-\uf8ff])", re.I)


def page_styles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Remember the stylesheets Sphinx would link (after every other handler changed the list)
    and link the one stylesheet instead."""
    names = list(THEME_STYLES)
    for css in context.get("css_files", []):
        name = str(getattr(css, "filename", css)).split("?")[0]
        if "://" in name or name.startswith("//"):
            continue
        names.append(name if name.startswith("_static/") else f"_static/{name}")
    if not hasattr(app, "_quizzes_styles"):
        app._quizzes_styles = []
    sources = app._quizzes_styles
    for name in names:
        if name not in sources:
            sources.append(name)
    context["css_files"] = []
    context["quizzes_stylesheet"] = PLACEHOLDER


def _join(out: Path, names: list[str]) -> str:
    """The stylesheets as one text, with @import inlined and url()s relative to the bundle."""
    seen: set[str] = set()

    def read(name: str) -> str:
        if name in seen or not (out / name).is_file():
            return ""
        seen.add(name)
        folder = str(Path(name).parent)
        text = (out / name).read_text(encoding="utf-8")
        text = _IMPORT.sub(lambda m: read(normpath(f"{folder}/{m.group(1)}")), text)

        def rebase(m: re.Match) -> str:
            target = m.group(2).strip()
            if target.startswith(("data:", "http:", "https:", "//", "#", "/")):
                return m.group(0)
            return f'url("{relpath(normpath(f"{folder}/{target}"), BUNDLE_DIR)}")'

        return f"/* {name} */\n" + _URL.sub(rebase, text) + "\n"

    return "".join(read(name) for name in names)


def _purge(css_file: Path, out: Path) -> str:
    request = {
        "css": str(css_file),
        "content": [str(out / "**" / "*.html"), str(out / "_static" / "**" / "*.js")],
        "skip": [str(out / pattern) for pattern in NOT_CONTENT],
        "safelist": SAFELIST,
    }
    return frontend.run_node(PURGE, request, "PurgeCSS failed")


def _minify(css: str) -> str:
    tool = frontend.esbuild()
    if tool is None:
        raise RuntimeError("esbuild is not installed: run `npm ci` (the setup script does)")
    result = subprocess.run(
        [str(tool), "--loader=css", "--minify", "--log-level=warning"],
        input=css,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"esbuild could not minify the stylesheet:\n{result.stderr}")
    return result.stdout


def _icons(css: str) -> set[int]:
    """Code points of the icons the stylesheet still draws (escaped or literal)."""
    return {int(esc, 16) if esc else ord(ch) for esc, ch in _ICON.findall(css)}


def _subset(source: Path, codepoints: set[int], target_dir: Path) -> str | None:
    """A woff2 of `source` with only `codepoints`; its file name, or None if none is in it."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    present = codepoints & set(font.getBestCmap())
    if not present:
        return None
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    tmp = target_dir / f"{source.stem}.tmp.woff2"
    subset.save_font(font, str(tmp), options)
    data = tmp.read_bytes()
    tmp.unlink()
    name = f"{source.stem}-{hashlib.sha256(data).hexdigest()[:10]}.woff2"
    (target_dir / name).write_bytes(data)
    return name


def _fonts(css: str, out: Path) -> str:
    """Every @font-face points at a subset woff2 of its font; a font with no icon left goes."""
    codepoints = _icons(css)
    target_dir = out / BUNDLE_DIR

    def replace(m: re.Match) -> str:
        rule = m.group(0)
        woff2 = next((u for _, u in _URL.findall(rule) if u.split("?")[0].endswith(".woff2")), None)
        if woff2 is None:
            return rule
        source = (target_dir / woff2.split("?")[0]).resolve()
        name = _subset(source, codepoints, target_dir) if source.is_file() else None
        if name is None:
            return ""
        return re.sub(r"src:[^;}]*", f'src:url("{name}") format("woff2")', rule)

    return _FONT_FACE.sub(replace, css)


def bundle_styles(app: Sphinx, exception) -> None:
    names = getattr(app, "_quizzes_styles", None)
    if exception or app.builder.name != "html" or not names:  # the site, not the PDF
        return
    out = Path(app.outdir)
    folder = out / BUNDLE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    joined = folder / "site.joined.css"
    joined.write_text(_join(out, names), encoding="utf-8")
    earlier_fonts = set(folder.glob("*.woff2"))
    try:
        css = _fonts(_minify(_purge(joined, out)), out)
    finally:
        joined.unlink()
    name = f"{BUNDLE_DIR}/site-{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    for old in folder.glob("site-*.css"):
        old.unlink()
    for old in earlier_fonts:  # subsets of earlier builds this stylesheet no longer names
        if old.name not in css:
            old.unlink()
    (out / name).write_text(css, encoding="utf-8")
    # every page, rewritten or not in this build, links this build's stylesheet
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = LINK.sub(name, html)
        if linked != html:
            page.write_text(linked, encoding="utf-8")

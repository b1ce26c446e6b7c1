"""Render the app icons of the installable site from book/_static/favicon.svg (run once when the
favicon changes; the PNGs are committed beside it):

    .venv/bin/python scripts/make_icons.py

icon-192.png and icon-512.png: the favicon on a transparent background ("any" purpose).
icon-maskable-512.png: the crescent on a full square of the favicon's blue, inside the central
80% circle that every launcher mask keeps ("maskable" purpose).
Rendered by headless Chromium (Debian's; see quizzes/export/pdf.py for how it is found).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from quizzes.export.pdf import CHROMIUM_FLAGS, find_chromium  # noqa: E402

STATIC = ROOT / "book" / "_static"
SVG = (STATIC / "favicon.svg").read_text()
BLUE = re.search(r'fill="(#[0-9a-fA-F]{6})"', SVG).group(1)


def maskable() -> str:
    # the circle becomes the whole square; the crescent shrinks into the safe zone (and moves
    # right a little: it sits left of the circle's centre)
    inner = SVG.split(">", 1)[1].rsplit("</svg>", 1)[0]
    inner = re.sub(r"<circle[^>]*/>", "", inner)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" fill="{BLUE}"/>'
        f'<g transform="translate(18 16) scale(0.62) translate(-16 -16)">{inner}</g></svg>'
    )


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        sys.exit("needs Chromium (apt-get install chromium)")
    icons = {"icon-192.png": (SVG, 192), "icon-512.png": (SVG, 512)}
    icons["icon-maskable-512.png"] = (maskable(), 512)
    (STATIC / "icons").mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for name, (svg, size) in icons.items():
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                '<html><body style="margin:0;background:transparent">'
                + svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
                + "</body></html>"
            )
            page.screenshot(path=str(STATIC / "icons" / name), omit_background=True)
            print(f"wrote book/_static/icons/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

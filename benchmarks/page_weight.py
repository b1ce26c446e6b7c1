"""What each page of a built site costs a reader, gzipped as a host serves it; optionally against
another build of the site (an earlier commit) to see what a change added to every page.

    .venv/bin/python benchmarks/page_weight.py --site _build/html
    .venv/bin/python benchmarks/page_weight.py --site _build/html --compare /tmp/old/_build/html

Per page: the HTML, and everything the page loads from the site on a first visit (scripts,
stylesheets, every font those name, icons, the study pages' questions file), each file gzipped
at level 6 (fonts and images as they are). An upper bound: a browser fetches only the fonts a
page draws with. With --compare, the difference per page. Files loaded by script at run time
(the service worker's precache) are not counted: a page does not wait for them.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

COMPRESSED = {".woff2", ".woff", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".zip"}
REF = re.compile(r'(?:src|href)="([^"#?]+)(?:\?[^"]*)?"')
CSS_URL = re.compile(r'url\("?([^")]+)"?\)')


def served(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if path.suffix in COMPRESSED else len(gzip.compress(data, compresslevel=6))


def loads(page: Path, site: Path) -> set[Path]:
    """Files of the site a page loads when it is opened: not the pages it links to."""
    html = page.read_text(encoding="utf-8")
    # only what <script>, <link> (not rel=canonical/alternate) and <img> load
    tags = re.findall(r"<(?:script|link|img|source)\b[^>]*>", html)
    out: set[Path] = set()
    for tag in tags:
        if re.search(r'rel="(canonical|alternate|prev|next|search|index)"', tag):
            continue
        for ref in REF.findall(tag):
            if ref.startswith(("http:", "https:", "//", "data:")):
                continue
            path = (page.parent / ref).resolve()
            if path.is_file() and site in path.parents:
                out.add(path)
                if path.suffix == ".css":
                    for url in CSS_URL.findall(path.read_text(encoding="utf-8")):
                        font = (path.parent / url.split("?")[0]).resolve()
                        if not url.startswith("data:") and font.is_file():
                            out.add(font)
    return out


def weigh(site: Path) -> dict[str, tuple[int, int]]:
    """page -> (HTML bytes, total bytes with what it loads), both as served."""
    site = site.resolve()
    result = {}
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.parts:
            continue
        rel = str(page.relative_to(site))
        html = served(page)
        result[rel] = (html, html + sum(served(p) for p in loads(page, site)))
    return result


def kib(n: int) -> str:
    return f"{n / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("_build/html"))
    parser.add_argument("--compare", type=Path, help="another build of the site, the baseline")
    args = parser.parse_args()
    now = weigh(args.site)
    before = weigh(args.compare) if args.compare else {}
    header = f"{'page':<34} {'HTML KiB':>9} {'total KiB':>10}"
    if before:
        header += f" {'HTML Δ B':>9} {'total Δ B':>10}"
    print(header)
    for rel, (html, total) in now.items():
        line = f"{rel:<34} {kib(html):>9} {kib(total):>10}"
        if before:
            old = before.get(rel)
            line += (
                f" {html - old[0]:>+9} {total - old[1]:>+10}" if old else f" {'new':>9} {'new':>10}"
            )
        print(line)
    totals = [t for _, t in now.values()]
    print(f"\n{len(now)} pages; total per page {kib(min(totals))}–{kib(max(totals))} KiB gzipped")


if __name__ == "__main__":
    main()

"""Build the book, serve it with gzip on loopback, run Lighthouse (mobile) on Debian's Chromium.

    .venv/bin/python benchmarks/lighthouse.py --runs 3        # every page, median of 3
    .venv/bin/python benchmarks/lighthouse.py --pages book/gaba_receptor.html search.html?q=sleep
    .venv/bin/python benchmarks/lighthouse.py --site _build/html   # an already built site
    .venv/bin/python benchmarks/lighthouse.py --timing        # also: clean build vs prose rebuild

The headline is Lighthouse's default mobile run, simulated throttling (slow 4G, 4x CPU), as
PageSpeed Insights runs it; devtools throttling (the page really run under a throttled network)
is reported beside it, never instead of it. Prints per page: performance, accessibility, best
practices, bytes transferred, first and largest contentful paint and total blocking time
(medians of --runs), then the range over all pages. Needs `npm ci` in benchmarks/ (lighthouse)
and /usr/bin/chromium (or CHROME_PATH).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
COMPRESSIBLE = {".html", ".js", ".css", ".svg", ".json", ".txt", ".map", ".xml"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with Content-Encoding: gzip, as any real host serves them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path):
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(source: Path, out: Path | None = None) -> float:
    """Seconds for a strict `jupyter-book build` of `source` (into `out`, else its own _build)."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source)]
    if out is not None:
        command += ["--path-output", str(out)]
    start = time.perf_counter()
    subprocess.run(
        [*command, "-W", "-n", "--keep-going", "-q"],
        check=True,
        cwd=source,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def lighthouse(url: str, throttling: str) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--throttling-method={throttling}",
                "--only-categories=performance,accessibility,best-practices",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        "performance": data["categories"]["performance"]["score"],
        "accessibility": data["categories"]["accessibility"]["score"],
        "best_practices": data["categories"]["best-practices"]["score"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
    }


def median_run(url: str, runs: int, throttling: str) -> dict:
    results = [lighthouse(url, throttling) for _ in range(runs)]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def timing(tmp: Path) -> None:
    """A clean build against a rebuild after a one-line prose edit (nothing to re-execute)."""
    source = tmp / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache"
        ),
    )
    clean = build(source)
    chapter = source / "book" / "gaba_receptor.md"
    text = chapter.read_text()
    edit = "A one-line prose edit for the benchmark.\n\n## Summary"
    chapter.write_text(text.replace("## Summary", edit, 1))
    rebuild = build(source)
    print(
        f"clean build: {clean:.1f} s; rebuild after a one-line prose edit: {rebuild:.1f} s; "
        f"ratio {clean / rebuild:.1f}x"
    )


def reachable_pages(site: Path) -> list[str]:
    """Every page a reader can reach (the root redirect aside), search with a query."""
    pages = sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if "_static" not in p.parts and p.name != "index.html"
    )
    return [f"{p}?q=flumazenil" if p == "search.html" else p for p in pages]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="pages relative to the site root")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--timing", action="store_true", help="also time clean vs prose rebuild")
    parser.add_argument(
        "--throttling",
        choices=["simulate", "devtools", "both"],
        default="both",
        help="simulate: Lighthouse's default (the headline); devtools: reported beside it",
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is not installed: run `npm ci` in benchmarks/")

    if args.site:
        site = args.site.resolve()
    else:
        out = HERE / "results" / "site"
        shutil.rmtree(out, ignore_errors=True)
        print(f"clean build of the book: {build(ROOT, out):.1f} s")
        site = out / "_build" / "html"
    pages = args.pages or reachable_pages(site)
    methods = ["simulate", "devtools"] if args.throttling == "both" else [args.throttling]
    server, base = serve(site)
    rows = []
    try:
        for page in pages:
            html = (site / page.split("?")[0]).read_text()
            has_widget = "application/vnd.jupyter.widget-view+json" in html
            result = {m: median_run(f"{base}/{page}", args.runs, m) for m in methods}
            rows.append((page, has_widget, result))
    finally:
        server.shutdown()

    for method in methods:
        print(f"\n{method} throttling (median of {args.runs})")
        print(
            f"{'page':38} {'quiz':>4} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'KiB':>6} "
            f"{'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7}"
        )
        for page, has_widget, result in rows:
            r = result[method]
            print(
                f"{page:38} {'yes' if has_widget else '':>4} {r['performance']:5.2f} "
                f"{r['accessibility']:5.2f} {r['best_practices']:5.2f} {r['bytes'] / 1024:6.1f} "
                f"{r['fcp_ms']:7.0f} {r['lcp_ms']:7.0f} {r['tbt_ms']:7.0f}"
            )
        perf = [result[method]["performance"] for _, _, result in rows]
        kib = [result[method]["bytes"] / 1024 for _, _, result in rows]
        print(
            f"all pages: performance {min(perf):.2f}-{max(perf):.2f}, "
            f"{min(kib):.0f}-{max(kib):.0f} KiB"
        )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "lighthouse.json").write_text(
        json.dumps([{"page": p, "quiz": w, **r} for p, w, r in rows], indent=2)
    )
    if args.timing:
        with tempfile.TemporaryDirectory() as tmp:
            timing(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

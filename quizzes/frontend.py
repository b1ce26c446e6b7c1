"""The front end's bundles: small ES modules, bundled with esbuild (npm, pinned in the repository's
package-lock.json) into one module per widget and page script.

anywidget loads a widget's module from a Blob URL, where it cannot import its siblings, so each
entry point below is bundled with what it imports (the progress store, the markup rule, ts-fsrs,
the figures' mount helper). Sources live in `static/src` and `figures/static/src`; bundles in
`static/dist` are built, never committed. `python -m quizzes frontend` builds them (the setup
script does), and the Sphinx extension and the widgets rebuild them when a source changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import warnings
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
DIST = PACKAGE / "static" / "dist"
SOURCES = (PACKAGE / "static" / "src", PACKAGE / "figures" / "static" / "src")
# widget modules (ES modules, imported by anywidget or by our loader from a Blob URL)
MODULES = {
    "quiz": PACKAGE / "static" / "src" / "quiz.js",  # the chapter quiz widget
    "dose": PACKAGE / "figures" / "static" / "src" / "dose.js",
    "hypnogram": PACKAGE / "figures" / "static" / "src" / "hypnogram.js",
    "response": PACKAGE / "figures" / "static" / "src" / "response.js",
}
# page scripts (classic scripts: they run from file:// too, where module scripts are blocked)
SCRIPTS = {
    "study": PACKAGE / "static" / "src" / "study.js",  # the review and progress pages
    "offline": PACKAGE / "static" / "src" / "offline.js",  # registers the service worker
    "sw": PACKAGE / "static" / "src" / "sw.js",  # the worker (Workbox adds its precache list)
}
ENTRIES = {**MODULES, **SCRIPTS}
# the licence texts of the libraries bundled in, shipped beside the bundles
LICENSES = {"ts-fsrs.txt": ROOT / "node_modules" / "ts-fsrs" / "LICENSE"}
# phones a few years old: esbuild lowers newer syntax for them
TARGET = "es2020,chrome90,firefox90,safari15"
STAMP = DIST / ".sources"


class FrontendError(RuntimeError):
    """The bundles are missing and cannot be built here."""


def bundle(name: str) -> Path:
    return DIST / f"{name}.js"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    lock = ROOT / "package-lock.json"  # a new ts-fsrs is a new bundle
    for path in sorted(p for folder in SOURCES for p in folder.glob("*.js")) + [lock]:
        if path.exists():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def stale() -> bool:
    missing = any(not bundle(name).exists() for name in ENTRIES)
    return missing or not STAMP.exists() or STAMP.read_text() != _fingerprint()


def esbuild() -> Path | None:
    local = ROOT / "node_modules" / ".bin" / "esbuild"
    return local if local.exists() else None


def run_node(script: Path, request: dict, failure: str) -> str:
    """Run one of our Node build scripts (PurgeCSS, Workbox) with `request` as JSON on stdin,
    from the repository root where node_modules is; returns its stdout."""
    result = subprocess.run(
        ["node", str(script)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{failure}:\n{result.stderr}")
    return result.stdout


def build() -> list[Path]:
    """Bundle every entry point into static/dist; returns the bundles."""
    tool = esbuild()
    if tool is None:
        raise FrontendError(
            "esbuild is not installed: run `npm ci` at the repository root "
            "(scripts/site.sh and scripts/test.sh do)"
        )
    DIST.mkdir(parents=True, exist_ok=True)
    for old in DIST.glob("*.js"):
        old.unlink()
    for entries, form in ((MODULES, "esm"), (SCRIPTS, "iife")):
        command = [
            str(tool),
            *(f"{name}={path}" for name, path in entries.items()),
            "--bundle",
            f"--format={form}",
            "--minify",
            f"--target={TARGET}",
            "--legal-comments=eof",  # ts-fsrs's licence notice stays in the bundle
            f"--outdir={DIST}",
            "--log-level=warning",
        ]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            raise FrontendError(f"esbuild failed:\n{result.stderr}")
    (DIST / "licenses").mkdir(exist_ok=True)
    for name, source in LICENSES.items():
        shutil.copyfile(source, DIST / "licenses" / name)
    STAMP.write_text(_fingerprint())
    return [bundle(name) for name in ENTRIES]


def ensure_built() -> None:
    """Build the bundles when a source changed; only a missing bundle with no way to build it
    is an error (an installed package ships its bundles)."""
    if not stale():
        return
    if esbuild() is not None:
        build()
    elif any(not bundle(name).exists() for name in ENTRIES):
        raise FrontendError(
            f"the front-end bundles are missing from {DIST} and esbuild is not installed: "
            "run `npm ci` at the repository root, then `python -m quizzes frontend`"
        )
    else:
        warnings.warn(
            "the front-end sources changed but esbuild is not installed to rebundle them",
            stacklevel=2,
        )

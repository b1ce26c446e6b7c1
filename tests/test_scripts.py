"""The README's commands, run as a reader runs them, in a copy of the repository: the site script
serves a working site, the live preview serves the book and shows an edit without a restart."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

CHAPTER = "book/gaba_receptor"


def copy_working_tree(copy: Path) -> Path:
    """The working tree as git sees it (tracked and new files, nothing ignored) copied to `copy`."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory, built_site) -> Path:
    """The working tree as git sees it (tracked and new files, nothing ignored), sharing the
    developer's installed .venv and node_modules, and the execution cache of the session's
    build so the chapters are not executed again."""
    copy = copy_working_tree(tmp_path_factory.mktemp("repo") / "repo")
    # The copy shares the developer's .venv: it must find that .venv up to date, or its
    # scripts/_setup.sh would re-install the package from the copy (a folder deleted after the
    # tests). Bring the .venv up to date from the real tree first, then check the stamp.
    subprocess.run(["bash", "-c", "source scripts/_setup.sh"], cwd=ROOT, check=True)
    pinned = (copy / "requirements.txt").read_bytes() + (copy / "pyproject.toml").read_bytes()
    stamp = ROOT / ".venv" / f".requirements-{hashlib.sha256(pinned).hexdigest()[:16]}"
    assert stamp.exists(), f"{stamp} missing: the copy would re-install the shared .venv"
    for shared in (".venv", "node_modules"):
        (copy / shared).symlink_to(ROOT / shared)
    built = built_site.parent  # <out>/_build
    for build in (copy / "_build", copy / "_build" / "preview"):
        build.mkdir(parents=True, exist_ok=True)
        if (built / ".jupyter_cache").is_dir():
            shutil.copytree(built / ".jupyter_cache", build / ".jupyter_cache")
        if (built / ".quizzes-fingerprint").is_file():
            shutil.copy2(built / ".quizzes-fingerprint", build / ".quizzes-fingerprint")
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None


class Script:
    """A long-running script in its own process group, with its output kept for failures."""

    def __init__(self, copy: Path, command: list[str], port: int):
        self.log = copy.parent / f"{Path(command[0]).stem}-{port}.log"  # outside the watched tree
        self.output = self.log.open("w")
        self.proc = subprocess.Popen(
            ["bash", *command],
            cwd=copy,
            env={**os.environ, "PORT": str(port)},
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{port}"

    def wait_for(self, path: str, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"the script stopped:\n{self.log.read_text()[-4000:]}")
            body = fetch(f"{self.base}/{path}")
            if body is not None and text in body:
                return body
            time.sleep(1)
        pytest.fail(f"{path} never showed {text!r}:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.output.close()


def test_site_script_builds_and_serves_a_working_site(repo_copy, watched):
    port = free_port()
    script = Script(repo_copy, ["scripts/site.sh", "--serve"], port)
    try:
        script.wait_for("index.html", "Benzodiazepines", timeout=900)
        assert f"Serving on http://127.0.0.1:{port}" in script.log.read_text()
        w = watched()
        w.page.goto(f"{script.base}/{CHAPTER}.html")
        w.page.locator("[data-quiz-question]").first.wait_for()
        assert w.page.locator("[data-quiz-question]").count() >= 10
        w.assert_clean()
    finally:
        script.stop()


def test_preview_script_serves_the_book_and_shows_an_edit(repo_copy):
    port = free_port()
    script = Script(repo_copy, ["scripts/preview.sh"], port)
    try:
        script.wait_for(f"{CHAPTER}.html", "widget-state+json", timeout=900)
        chapter = repo_copy / f"{CHAPTER}.md"
        marker = "A sentence the live preview must show without a restart."
        chapter.write_text(chapter.read_text() + f"\n{marker}\n")
        script.wait_for(f"{CHAPTER}.html", marker, timeout=300)
    finally:
        script.stop()


def test_binder_post_build_installs_a_working_quiz(tmp_path):
    """What repo2docker does for the Launch button: a fresh Python environment, then
    binder/postBuild from the repository root. Afterwards a notebook can show a quiz, whose
    front-end bundle postBuild made."""
    copy = copy_working_tree(tmp_path / "repo")
    env_dir = tmp_path / "env"
    subprocess.run([shutil.which("python3") or "python3", "-m", "venv", env_dir], check=True)
    path = f"{env_dir / 'bin'}:{os.environ['PATH']}"
    built = subprocess.run(
        ["bash", "binder/postBuild"],
        cwd=copy,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    shown = subprocess.run(
        [
            env_dir / "bin" / "python",
            "-c",
            "from quizzes import quiz; q = quiz('gaba_receptor'); "
            "print(len(q.questions), 'export default' in q._esm or 'export{' in q._esm)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr[-3000:]
    count, has_module = shown.stdout.split()
    assert int(count) >= 10 and has_module == "True"
    for tool in ("jupyter-lab", "jupytext"):
        assert (env_dir / "bin" / tool).exists(), tool

"""Live in JupyterLab: the chapter as a notebook, its quiz answered in the page, read in Python."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from quizzes import load_bank

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "gaba_receptor"
TOKEN = "bzsleep-test-token"
READ_BACK = (
    "import gc\n"
    "from quizzes.widget import Quiz\n"
    "w = [o for o in gc.get_objects() if isinstance(o, Quiz)][-1]\n"
    "print('SCORE', w.score, 'ANSWERS', sorted(w.answers.items()))"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def notebook(tmp_path) -> Path:
    """The chapter converted to .ipynb (jupytext), with a last cell that reads the quiz back."""
    import jupytext
    import nbformat

    nb = jupytext.read(ROOT / "book" / f"{CHAPTER}.md")
    nb.cells.append(nbformat.v4.new_code_cell(READ_BACK))
    path = tmp_path / f"{CHAPTER}.ipynb"
    jupytext.write(nb, path, fmt="ipynb")
    return path


@pytest.fixture
def lab(notebook, chromium_path):
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(notebook.parent / "cfg"),
        "JUPYTER_RUNTIME_DIR": str(notebook.parent / "rt"),
    }
    log = (notebook.parent / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--ServerApp.root_dir={notebook.parent}",
            f"--IdentityProvider.token={TOKEN}",
            "--LabApp.news_url=",
            "--ServerApp.disable_check_xsrf=False",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited: {(notebook.parent / 'lab.log').read_text()[-3000:]}"
                )
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("JupyterLab did not start within 90 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


def kernel_ready(lab: str, page, timeout: float = 90) -> None:
    """Wait until the notebook's kernel is started and idle, as the server reports it (the
    page's own indicator can read idle before a kernel exists). When JupyterLab opens the
    notebook before it has loaded the kernel specs, it asks which kernel to start instead of
    starting one: accept its proposal (Python 3), as a person would."""
    deadline = time.monotonic() + timeout
    sessions: list = []
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{lab}/api/sessions?token={TOKEN}", timeout=5) as r:
            sessions = json.load(r)
        if sessions and all(s["kernel"]["execution_state"] == "idle" for s in sessions):
            return
        accept = page.locator(".jp-Dialog .jp-mod-accept")
        if not sessions and accept.count() and accept.first.is_visible():
            accept.first.click()
        # not time.sleep: the page's requests pass through our route handler, which only
        # runs while Playwright has control
        page.wait_for_timeout(500)
    shot = Path(os.environ.get("PYTEST_TMP", "/tmp")) / "jupyterlab-no-kernel.png"
    page.screenshot(path=str(shot))
    pytest.fail(f"the notebook's kernel did not become idle: {sessions}; {shot}")


def run_cell_containing(page, text: str):
    """Select the code cell whose source contains `text`, run it with Shift+Enter, and wait
    until the kernel has run it (its prompt shows an execution count). A keystroke that lands
    while JupyterLab is still settling is lost, so try up to three times."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=text)).last
    prompt = cell.locator(".jp-InputArea-prompt")
    for _ in range(3):
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputPrompt").click()  # selects the cell in command mode
        page.keyboard.press("Escape")
        page.keyboard.press("Shift+Enter")
        try:
            page.wait_for_function(
                "el => /\\[\\d+\\]/.test(el.textContent)",
                arg=prompt.element_handle(),
                timeout=30_000,
            )
            return cell
        except PlaywrightTimeout:
            continue
    shot = Path(os.environ.get("PYTEST_TMP", "/tmp")) / "jupyterlab-not-run.png"
    page.screenshot(path=str(shot))
    pytest.fail(f"the cell with {text!r} never ran (prompt {prompt.inner_text()!r}); {shot}")


def test_quiz_answers_reach_python_in_jupyterlab(lab, notebook, watched):
    bank = load_bank(CHAPTER)
    q = next(q for q in bank.questions if q.type == "single")
    right = next(o.text for o in q.options if o.correct)

    w = watched(width=1280, height=900)
    page = w.page
    page.goto(f"{lab}/lab/tree/{notebook.name}?token={TOKEN}")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=60_000)
    kernel_ready(lab, page)

    cell = run_cell_containing(page, f'quiz("{CHAPTER}")')
    root = page.locator(f'[data-quiz-question="{q.id}"]')
    try:
        root.wait_for(timeout=60_000)
    except Exception:
        shot = notebook.parent / "jupyterlab-failure.png"
        page.screenshot(path=str(shot), full_page=True)
        output = cell.locator(".jp-OutputArea").inner_text()
        pytest.fail(
            f"the quiz did not render; cell output: {output!r}; screenshot: {shot}; "
            f"console errors: {w.errors}"
        )
    root.scroll_into_view_if_needed()
    root.locator("label", has_text=right).first.click()
    root.locator('[data-quiz-action="check"]').click()
    assert root.get_attribute("data-quiz-state") == "correct"

    run_cell_containing(page, "print('SCORE'")
    out = page.locator(".jp-OutputArea-output", has_text="SCORE")
    out.wait_for(timeout=30_000)
    text = out.inner_text()
    assert text.startswith("SCORE 1 ANSWERS")
    index = next(i for i, o in enumerate(q.options) if o.correct)
    assert f"('{q.id}', {index})" in text
    # JupyterLab itself reaches only loopback; no console errors from our widget
    assert w.blocked == [], w.blocked
    assert not [e for e in w.errors if "bzq" in e or "quiz" in e.lower()], w.errors

"""Live in JupyterLab: the chapter as a notebook, its quiz answered in the page, read in Python."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


def run_cell_containing(page, text: str):
    """Select the code cell whose source contains `text`, run it with Shift+Enter, and wait
    until the kernel has run it (its prompt shows an execution count)."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=text)).last
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").click()  # selects the cell in command mode
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Enter")
    prompt = cell.locator(".jp-InputArea-prompt")
    page.wait_for_function(
        "el => /\\[\\d+\\]/.test(el.textContent)", arg=prompt.element_handle(), timeout=90_000
    )
    return cell


def test_quiz_answers_reach_python_in_jupyterlab(lab, notebook, watched):
    bank = load_bank(CHAPTER)
    q = next(q for q in bank.questions if q.type == "single")
    right = next(o.text for o in q.options if o.correct)

    w = watched(width=1280, height=900)
    page = w.page
    page.goto(f"{lab}/lab/tree/{notebook.name}?token={TOKEN}")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)

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

"""Bad input in the page: hostile question text, and browser storage that is missing or broken."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from quizzes.__main__ import main

from conftest import build_book

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BOOKS = Path(__file__).parent / "books"


HOSTILE_TITLE = "<svg onload=\"window.__pwned='title'\"></svg> {{ 7*7 }}"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    book = Path(shutil.copytree(BOOKS / "hostile", tmp_path_factory.mktemp("b") / "hostile"))
    # an educator's assembled page, from the hostile bank, built into the book
    assembled = main(
        ["assemble", "--banks", str(book / "bank"), "--count", "2", "--seed", "3"]
        + ["--title", HOSTILE_TITLE, "--out", str(book / "assembled")]
    )
    assert assembled == 0
    result = build_book(book, book)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(book / "_build" / "html")
    )
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/intro.html"
    server.shutdown()
    server.server_close()


def test_question_text_is_never_html(hostile_url, watched):
    w = watched()
    page = w.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url)
    q = page.locator('[data-quiz-question="hostile-single"]')
    q.wait_for()
    q.locator('[data-quiz-action="hint"]').click()
    q.locator("input").nth(0).check()
    q.locator('[data-quiz-action="check"]').click()
    q.locator("input").nth(1).check()
    q.locator('[data-quiz-action="check"]').click()
    q.locator("label").nth(0).hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    quiz = page.locator(".bzq")
    for tag in ("script", "img", "svg", "iframe", "b"):
        assert quiz.locator(tag).count() == 0, f"a <{tag}> element was created from bank text"
    assert "<script>" in q.locator("legend").inner_text()  # shown as text, not swallowed
    assert q.locator(".bzq-explanation strong", has_text="Bold").count() == 1  # Markdown kept
    # the failed image loads would be requests to x and y: none happened
    w.assert_clean()


HOSTILE_TEXT = [
    "{{ 7*7 }}",
    "<img src=x onerror=",
    "<svg onload=",
    "$x^2$",
    "[link](javascript:alert(1))",
    "{cite}nothing",  # the backticks mark `nothing` as code (the bank's markup)
]


@pytest.mark.parametrize(
    "page, expected",
    [
        ("objectives.html", HOSTILE_TEXT),
        ("claims.html", ["{{ 7*7 }}", "<img src=x onerror=", "<script>", "{cite}x"]),
        (
            "assembled/quiz.html",
            ["{{ 7*7 }}", "<svg onload=", "# Not a heading", "% not a comment", "{{ 6*7 }} | pipe"],
        ),
    ],
)
def test_bank_text_is_text_on_generated_pages(hostile_url, watched, page, expected):
    """Objectives, the objectives index, the claims table and an assembled page: bank text is
    shown as written, never run as HTML or evaluated as MyST (`{{ 7*7 }}` is not 49)."""
    w = watched()
    dialogs = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    w.page.goto(hostile_url.replace("intro.html", page))
    w.page.wait_for_load_state("load")
    w.page.wait_for_timeout(300)
    article = w.page.locator("article")
    text = " ".join(article.inner_text().split())
    for literal in expected:
        assert literal in text, (page, literal)
    assert "49" not in text and "42" not in text
    assert w.page.evaluate("window.__pwned") is None
    assert dialogs == []
    for tag in ("img", "iframe"):
        assert article.locator(tag).count() == 0, f"{page}: a <{tag}> was made from bank text"
    # the theme puts its own scripts and icons (the toggle's <svg>) in the article; none may
    # come from bank text
    assert article.locator("script", has_text="__pwned").count() == 0
    assert article.locator("[onload], [onerror], [onmouseover]").count() == 0
    assert article.locator('a[href^="javascript:"]').count() == 0
    w.assert_clean()


NO_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException('Quota exceeded', 'QuotaExceededError');
};
"""


@pytest.mark.parametrize("script", [NO_STORAGE, FULL_STORAGE], ids=["unavailable", "full"])
def test_quiz_works_when_storage_is_unavailable_or_full(script, site_url, watched):
    from quizzes import load_bank

    bank = load_bank("gaba_receptor")
    q = next(q for q in bank.questions if q.type == "single")
    right = next(i for i, o in enumerate(q.options) if o.correct)
    w = watched()
    w.context.add_init_script(script)
    page = w.page
    page.goto(f"{site_url}/book/gaba_receptor.html")
    root = page.locator(f'[data-quiz-question="{q.id}"]')
    root.wait_for()
    root.locator(f'input[value="{right}"]').check()
    root.locator('[data-quiz-action="check"]').click()
    assert root.get_attribute("data-quiz-state") == "correct"
    assert page.locator(".bzq-score").inner_text().startswith("1 of ")
    # nothing on the page throws: not the quiz, not the theme (see the layout template)
    w.assert_clean()

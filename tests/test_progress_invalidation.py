"""An edited question starts fresh for every reader; an untouched one keeps its answer.

A reader's saved answer is keyed by the question's id and a hash of what the reader saw. Editing
the stem, an option, which options are correct, a numeric answer or its tolerance must each clear
that question's saved answer on the next build, and nothing else's."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from quizzes import load_bank

from conftest import _QuietHandler, build_book

BOOKS = Path(__file__).parent / "books"

# one edit per question, each of a different part (the fixture's bank says which is which)
EDITS = {
    "e-stem": (
        "stem: Which colour is the sky on a clear day?",
        "stem: What colour is a clear sky?",
    ),
    "e-option": ("      - text: Nine\n", "      - text: Fifteen\n"),
    "e-correct": (
        "      - text: Four\n        correct: true\n",
        "      - text: Four\n",
    ),
    "e-answer": ("    answer: 7\n", "    answer: 8\n"),
    "e-tolerance": ("    answer: 24\n    tolerance: 0\n", "    answer: 24\n    tolerance: 1\n"),
}
KEPT = "e-kept"


def edit_bank(book: Path) -> None:
    path = book / "bank" / "edits.yml"
    text = path.read_text()
    for qid, (old, new) in EDITS.items():
        assert text.count(old) == 1, (qid, old)
        text = text.replace(old, new)
    path.write_text(text)


def hashes(book: Path) -> dict[str, str]:
    return {q.id: q.content_hash() for q in load_bank("edits", book / "bank").questions}


def test_each_kind_of_edit_changes_the_question_hash_and_only_that(tmp_path):
    book = Path(shutil.copytree(BOOKS / "edits", tmp_path / "edits"))
    before = hashes(book)
    edit_bank(book)
    after = hashes(book)
    assert set(before) == set(EDITS) | {KEPT}
    for qid in EDITS:
        assert before[qid] != after[qid], qid
    assert before[KEPT] == after[KEPT]


def answer(root, kind: str) -> None:
    """Answer a question of the fixture correctly, as a reader does."""
    if kind == "numeric":
        stem = root.locator(".bzq-stem").inner_text()
        root.locator("input.bzq-number").fill("7" if "week" in stem else "24")
    else:
        for label in root.locator("label").all():
            if label.inner_text().strip() in {"Blue", "Seven", "Two", "Four", "Apple"}:
                label.locator("input").check()
    root.locator('[data-quiz-action="check"]').click()
    assert root.get_attribute("data-quiz-state") == "correct", root.inner_text()


@pytest.mark.slow
@pytest.mark.browser
def test_after_a_rebuild_edited_questions_are_unanswered_and_the_rest_kept(tmp_path, watched):
    book = Path(shutil.copytree(BOOKS / "edits", tmp_path / "edits"))
    first = build_book(book, book)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    site = book / "_build" / "html"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/intro.html"
        w = watched()
        page = w.page
        page.goto(url)
        kinds = {q.id: q.type for q in load_bank("edits", book / "bank").questions}
        for qid, kind in kinds.items():
            root = page.locator(f'[data-quiz-question="{qid}"]')
            root.wait_for()
            answer(root, kind)
        assert page.locator(".bzq-score").inner_text() == "6 of 6 correct"

        edit_bank(book)
        second = build_book(book, book)
        assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
        # the build re-ran the chapter (a stale cache would serve the old questions)
        assert "What colour is a clear sky?" in (site / "intro.html").read_text()

        page.reload()
        page.locator(f'[data-quiz-question="{KEPT}"]').wait_for()
        for qid in EDITS:
            root = page.locator(f'[data-quiz-question="{qid}"]')
            assert root.get_attribute("data-quiz-state") == "unanswered", qid
            assert root.locator("input:checked").count() == 0, qid
        assert (
            page.locator(f'[data-quiz-question="{KEPT}"]').get_attribute("data-quiz-state")
            == "correct"
        )
        stem = page.locator('[data-quiz-question="e-stem"] .bzq-stem').inner_text()
        assert stem == "What colour is a clear sky?"
        assert "Fifteen" in page.locator('[data-quiz-question="e-option"]').inner_text()
        assert page.locator(".bzq-score").inner_text() == "1 of 6 correct (1 answered)"
        w.assert_clean()
    finally:
        server.shutdown()
        server.server_close()

"""End to end in the built static site: headless Chromium, no kernel, no network, keyboard only."""

from __future__ import annotations

import pytest

from quizzes import load_bank

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHAPTER = "gaba_receptor"


def first_single_choice():
    bank = load_bank(CHAPTER)
    q = next(q for q in bank.questions if q.type == "single")
    right = next(o.text for o in q.options if o.correct)
    wrong = next(o for o in q.options if not o.correct)
    return q, right, wrong


def tab_into(page, selector: str, limit: int = 400) -> None:
    """Press Tab from the top of the page until focus lands inside `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"!!document.activeElement.closest({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_by_arrows(page, label_text: str) -> None:
    """In a focused radio group, arrow keys move and select; stop at the option wanted."""
    for _ in range(12):
        focused = page.evaluate("document.activeElement.closest('label').innerText.trim()")
        if focused == label_text:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label_text!r}")


def test_answer_wrong_then_right_by_keyboard_and_progress_survives_reload(site_url, watched):
    q, right, wrong = first_single_choice()
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    root = page.locator(f'[data-quiz-question="{q.id}"]')
    root.wait_for()
    status = root.locator('[role="status"]')
    assert root.get_attribute("data-quiz-state") == "unanswered"
    total = len(load_bank(CHAPTER).questions)
    assert page.locator(".bzq-score").inner_text() == f"0 of {total} correct (0 answered)"

    tab_into(page, f'[data-quiz-question="{q.id}"] input')
    choose_by_arrows(page, wrong.text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.quizAction") == "check"
    page.keyboard.press("Enter")
    assert root.get_attribute("data-quiz-state") == "incorrect"
    assert status.inner_text().startswith("✗ Not quite.")
    if wrong.feedback:
        assert " ".join(wrong.feedback.split())[:40] in " ".join(status.inner_text().split())

    page.keyboard.press("Shift+Tab")  # back into the radio group, on the chosen option
    choose_by_arrows(page, right)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert root.get_attribute("data-quiz-state") == "correct"
    assert status.inner_text().startswith("✓ Correct.")
    assert root.locator(".bzq-explanation").is_visible()
    assert page.locator(".bzq-score").inner_text() == f"1 of {total} correct (1 answered)"

    page.reload()
    root.wait_for()
    assert root.get_attribute("data-quiz-state") == "correct"
    assert (
        root.locator("input:checked").evaluate("el => el.closest('label').innerText.trim()")
        == right
    )
    assert page.locator(".bzq-score").inner_text() == f"1 of {total} correct (1 answered)"
    w.assert_clean()


@pytest.mark.parametrize(
    "key, junk",
    [
        ("bzsleep-progress", "{broken"),
        ("bzsleep-progress", "[1, 2]"),
        ("bzsleep-quiz:v1", "{broken"),
    ],
    ids=["corrupt", "wrong-shape", "corrupt-v1"],
)
def test_corrupt_store_is_reset_quietly(site_url, watched, key, junk):
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, junk])
    page.reload()
    page.locator("[data-quiz-question]").first.wait_for()
    assert page.locator('[data-quiz-state="unanswered"]').count() == len(
        load_bank(CHAPTER).questions
    )
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    w.assert_clean()


def test_plain_pages_load_no_widget_code(site_url, watched):
    w = watched()
    w.page.goto(f"{site_url}/book/references.html")
    assert w.page.locator('script[src*="quizzes/loader"]').count() == 0
    w.assert_clean()


def test_quiz_prints_as_worksheet_and_as_answer_key(site_url, watched):
    bank = load_bank(CHAPTER)
    w = watched(width=1280)
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    first = page.locator("[data-quiz-question]").first
    first.wait_for()
    page.emulate_media(media="print")
    assert page.locator("[data-quiz-question]").count() == len(bank.questions)
    for selector in ('[data-quiz-action="check"]', ".bzq-footer", ".bzq-score", ".bzq-key"):
        assert not page.locator(selector).first.is_visible(), f"{selector} printed"
    assert first.locator("legend").is_visible()
    assert first.evaluate("el => getComputedStyle(el).breakInside") == "avoid"

    page.evaluate("document.body.classList.add('bzq-answer-key')")  # what the button sets
    key = first.locator(".bzq-key")
    assert key.is_visible()
    q = bank.questions[0]
    assert key.inner_text().startswith("Answer:")
    assert " ".join(q.explanation.split())[:30] in " ".join(key.inner_text().split())
    assert len(page.pdf()) > 10_000  # Chromium lays the key out for paper
    w.assert_clean()

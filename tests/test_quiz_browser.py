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


# "Print with answers" prints: record the view at that moment instead of opening a dialog
PRINT_PROBE = """
window.__printed = [];
window.print = () => {
  window.__printed.push(document.body.classList.contains("bzq-answer-key"));
};
"""


def test_quiz_prints_as_worksheet_and_as_answer_key(site_url, watched):
    bank = load_bank(CHAPTER)
    w = watched(width=1280)
    w.context.add_init_script(PRINT_PROBE)
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

    # the reader presses the button: the answer-key view is on while printing
    page.emulate_media(media="screen")
    page.locator('[data-quiz-action="print-key"]').click()
    assert page.evaluate("window.__printed") == [True]
    page.emulate_media(media="print")
    key = first.locator(".bzq-key")
    assert key.is_visible()
    q = bank.questions[0]
    assert key.inner_text().startswith("Answer:")
    assert " ".join(q.explanation.split())[:30] in " ".join(key.inner_text().split())
    assert len(page.pdf()) > 10_000  # Chromium lays the key out for paper
    # and off again once printing is over: a plain print is a blank worksheet again
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert not key.is_visible()
    w.assert_clean()


def question(page, qid):
    root = page.locator(f'[data-quiz-question="{qid}"]')
    root.wait_for()
    return root


def choose(select, value: int) -> None:
    """Pick the option whose value is `value`, by its visible label, as a reader does (Playwright
    matches value= against labels too, and ordering labels are positions counted from 1)."""
    label = select.locator(f'option[value="{value}"]').inner_text()
    select.select_option(label=label)


def choose_by_row(selects, shift: int = 0) -> None:
    """Give the item on row r the answer r + shift (mod the count). data-row is the item's place
    in the bank, whose items are in the keyed order and whose pairs line up, so shift 0 is the
    key and any other shift is wrong for every item."""
    n = selects.count()
    for k in range(n):
        choose(selects.nth(k), (int(selects.nth(k).get_attribute("data-row")) + shift) % n)


def check(root):
    root.locator('[data-quiz-action="check"]').click()
    return root.locator('[role="status"]').inner_text()


def test_hint_try_again_and_reset_the_whole_quiz(site_url, watched):
    bank = load_bank(CHAPTER)
    q = next(q for q in bank.questions if q.type == "single" and q.hint)
    right = next(i for i, o in enumerate(q.options) if o.correct)
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    root = question(page, q.id)
    hint_button = root.locator('[data-quiz-action="hint"]')
    hint = root.locator(".bzq-hint")
    assert hint_button.get_attribute("aria-expanded") == "false" and not hint.is_visible()
    hint_button.click()
    assert hint_button.get_attribute("aria-expanded") == "true" and hint.is_visible()
    assert " ".join(q.hint.split())[:30] in " ".join(hint.inner_text().split())
    assert hint_button.get_attribute("aria-controls") == hint.get_attribute("id")
    hint_button.click()
    assert hint_button.get_attribute("aria-expanded") == "false" and not hint.is_visible()

    root.locator(f'input[value="{right}"]').check()
    check(root)
    assert root.get_attribute("data-quiz-state") == "correct"
    # Try again: the question is blank and unanswered again, focus on its first choice
    root.locator('[data-quiz-action="reset"]').click()
    assert root.get_attribute("data-quiz-state") == "unanswered"
    assert root.locator("input:checked").count() == 0
    assert root.locator('[role="status"]').inner_text() == ""
    assert not root.locator(".bzq-explanation").is_visible()
    assert (
        page.evaluate("document.activeElement.closest('[data-quiz-question]').dataset.quizQuestion")
        == q.id
    )
    total = len(bank.questions)
    assert page.locator(".bzq-score").inner_text() == f"0 of {total} correct (0 answered)"

    # answer two, then reset the whole quiz: all blank, the score says so, also after a reload
    root.locator(f'input[value="{right}"]').check()
    check(root)
    other = next(x for x in bank.questions if x.type == "single" and x.id != q.id)
    other_root = question(page, other.id)
    other_root.locator('input[value="0"]').check()
    check(other_root)
    assert page.locator(".bzq-score").inner_text().endswith("(2 answered)")
    page.locator('[data-quiz-action="reset-all"]').click()
    assert page.locator('[data-quiz-state="unanswered"]').count() == total
    assert page.locator(".bzq-score").inner_text() == f"0 of {total} correct (0 answered)"
    assert page.evaluate("document.activeElement.classList.contains('bzq-score')")
    page.reload()
    question(page, q.id)
    assert page.locator('[data-quiz-state="unanswered"]').count() == total
    w.assert_clean()


def test_validation_messages_and_wrong_or_incomplete_answers(site_url, watched):
    bank = load_bank(CHAPTER)
    by_type = {}
    for q in bank.questions:
        by_type.setdefault(q.type, q)
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")

    # numeric: empty, not a number, then a wrong number with the accepted answer in the feedback
    num = by_type["numeric"]
    root = question(page, num.id)
    assert check(root) == "Enter a number first."
    assert root.get_attribute("data-quiz-state") == "unanswered"
    root.locator("input.bzq-number").fill("about five")
    assert check(root) == "That is not a number: use digits, e.g. 4.5."
    assert root.get_attribute("data-quiz-state") == "unanswered"
    root.locator("input.bzq-number").fill(f"{num.answer + num.tolerance + 1:g}")
    status = check(root)
    assert root.get_attribute("data-quiz-state") == "incorrect"
    assert status.startswith("✗ Not quite.") and "The accepted answer is" in status

    # single: nothing chosen
    single = by_type["single"]
    assert check(question(page, single.id)) == "Choose an answer first."
    multiple = by_type["multiple"]
    assert check(question(page, multiple.id)) == "Choose at least one answer first."

    # ordering: incomplete, then the same position twice, then a complete wrong order
    order = by_type["ordering"]
    root = question(page, order.id)
    selects = root.locator("select")
    n = selects.count()
    choose(selects.nth(0), 0)
    assert check(root) == "Give every item a different position first."
    for k in range(n):
        choose(selects.nth(k), 0)  # every item in position 1
    assert check(root) == "Give every item a different position first."
    assert root.get_attribute("data-quiz-state") == "unanswered"
    # a complete order that is wrong: item row r gets position r + 1, shifted by one
    choose_by_row(selects, shift=1)
    assert check(root).startswith("✗ Not quite.")
    assert root.get_attribute("data-quiz-state") == "incorrect"
    choose_by_row(selects)  # the right order
    assert check(root).startswith("✓ Correct.")

    # matching: incomplete, then complete but wrong, then right
    match = by_type["matching"]
    root = question(page, match.id)
    selects = root.locator("select")
    choose(selects.nth(0), 0)
    assert check(root) == "Choose a match for every item first."
    choose_by_row(selects, shift=1)
    assert check(root).startswith("✗ Not quite.")
    assert root.get_attribute("data-quiz-state") == "incorrect"
    choose_by_row(selects)
    assert check(root).startswith("✓ Correct.")
    w.assert_clean()

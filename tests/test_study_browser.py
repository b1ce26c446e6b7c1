"""The review and progress pages in the built static site (headless Chromium, no kernel, no
network): a wrong chapter answer comes back for review, progress is counted, carried to another
browser in a file, migrated from the old store, and survives blocked or full storage."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from quizzes import load_bank, load_banks

pytestmark = [pytest.mark.slow, pytest.mark.browser]

STORE = "bzsleep-progress"
CHAPTER = "gaba_receptor"


def singles(chapter=CHAPTER):
    """(question, index of a right option, index of a wrong option) of a chapter's single-choice
    questions."""
    out = []
    for q in load_bank(chapter).questions:
        if q.type == "single":
            right = next(i for i, o in enumerate(q.options) if o.correct)
            wrong = next(i for i, o in enumerate(q.options) if not o.correct)
            out.append((q, right, wrong))
    return out


def answer(root, option: int) -> None:
    root.locator(f'input[value="{option}"]').check()
    root.locator('[data-quiz-action="check"]').click()


def stored(page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}') || 'null')")


def open_review(page, site_url):
    page.goto(f"{site_url}/book/review.html")
    root = page.locator("[data-review]")
    page.locator(".bzr-summary").wait_for()
    return root


def open_progress(page, site_url):
    page.goto(f"{site_url}/book/progress.html")
    page.locator("[data-progress-chapter]").first.wait_for()
    return page.locator("[data-progress]")


def counts(page, chapter) -> dict:
    row = page.locator(f'[data-progress-chapter="{chapter}"]')
    return {k: int(row.get_attribute(f"data-{k}")) for k in ("total", "answered", "correct", "due")}


def test_nothing_answered_nothing_due(site_url, watched):
    w = watched()
    root = open_review(w.page, site_url)
    assert root.get_attribute("data-review-due") == "0"
    assert w.page.locator("[data-review-item]").count() == 0
    assert (
        "Nothing is due: answer questions in the chapters"
        in w.page.locator(".bzr-summary").inner_text()
    )
    assert w.page.locator('[data-review-action="new"]').is_hidden()  # no chapter started yet
    w.assert_clean()


def test_wrong_in_a_chapter_is_due_then_right_in_review_leaves_the_list(site_url, watched):
    (q, right, wrong), (q2, right2, _) = singles()[:2]
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    chapter_q = page.locator(f'[data-quiz-question="{q.id}"]')
    chapter_q.wait_for()
    answer(chapter_q, wrong)
    assert chapter_q.get_attribute("data-quiz-state") == "incorrect"
    answer(page.locator(f'[data-quiz-question="{q2.id}"]'), right2)  # right: not due yet

    root = open_review(page, site_url)
    assert root.get_attribute("data-review-due") == "1"
    items = page.locator("[data-review-item]")
    assert items.count() == 1
    item = page.locator(f'[data-review-item="{q.id}"]')
    assert item.get_attribute("data-review-next") is None
    assert "1 question is due for review now." in page.locator(".bzr-summary").inner_text()
    # the same question, blank, graded the same way, with the same feedback and explanation
    review_q = item.locator(f'[data-quiz-question="{q.id}"]')
    assert review_q.get_attribute("data-quiz-state") == "unanswered"
    before = datetime.now(UTC)
    answer(review_q, right)
    assert review_q.get_attribute("data-quiz-state") == "correct"
    assert review_q.locator('[role="status"]').inner_text().startswith("✓ Correct.")
    assert review_q.locator(".bzq-explanation").is_visible()
    next_due = datetime.fromisoformat(item.get_attribute("data-review-next").replace("Z", "+00:00"))
    assert next_due > before
    assert root.get_attribute("data-review-due") == "0"
    assert "Next review in" in item.locator(".bzr-next").inner_text()

    # one history: the chapter page shows the review's answer, and the store has both attempts
    entry = stored(page)["questions"][q.id]
    assert [a["correct"] for a in entry["attempts"]] == [False, True]
    assert entry["card"]["due"] == item.get_attribute("data-review-next")
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    chapter_q.wait_for()
    assert chapter_q.get_attribute("data-quiz-state") == "correct"
    # and the review page, reloaded, has nothing due
    root = open_review(page, site_url)
    assert root.get_attribute("data-review-due") == "0"
    assert "The next question is due in" in page.locator(".bzr-summary").inner_text()
    w.assert_clean()


def test_a_wrong_review_answer_stays_due(site_url, watched):
    (q, _, wrong), *_ = singles()
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    answer(page.locator(f'[data-quiz-question="{q.id}"]'), wrong)
    root = open_review(page, site_url)
    item = page.locator(f'[data-review-item="{q.id}"]')
    answer(item, wrong)
    assert root.get_attribute("data-review-due") == "1"
    assert "Due again now" in item.locator(".bzr-next").inner_text()
    due = datetime.fromisoformat(item.get_attribute("data-review-next").replace("Z", "+00:00"))
    assert due <= datetime.now(UTC)
    w.assert_clean()


def test_due_questions_interleave_chapters_and_new_ones_can_be_added(site_url, watched):
    w = watched(width=1280, height=900)
    page = w.page
    wrong_ids = []
    for chapter in ("gaba_receptor", "safe_use"):
        page.goto(f"{site_url}/book/{chapter}.html")
        for q, _, wrong in singles(chapter)[:2]:
            answer(page.locator(f'[data-quiz-question="{q.id}"]'), wrong)
            wrong_ids.append((chapter, q.id))
    open_review(page, site_url)
    order = [
        page.locator("[data-review-item]").nth(k).get_attribute("data-review-item")
        for k in range(4)
    ]
    chapter_of = {qid: c for c, qid in wrong_ids}
    assert sorted(order) == sorted(qid for _, qid in wrong_ids)
    assert [chapter_of[x] for x in order] in (
        ["gaba_receptor", "safe_use"] * 2,
        ["safe_use", "gaba_receptor"] * 2,
    )
    # new questions come only from the two chapters started, and were never answered
    page.locator('[data-review-action="new"]').click()
    items = page.locator("[data-review-item]")
    assert items.count() == 9
    added = [items.nth(k).get_attribute("data-review-item") for k in range(4, 9)]
    started = {q.id for c in ("gaba_receptor", "safe_use") for q in load_bank(c).questions}
    assert set(added) <= started - {qid for _, qid in wrong_ids}
    # focus moves to the first new question's first control
    assert (
        page.evaluate("document.activeElement.closest('[data-review-item]').dataset.reviewItem")
        == added[0]
    )
    w.assert_clean()


def test_progress_counts_chapters_and_objectives(site_url, watched):
    (q, right, _), (q2, _, wrong2) = singles()[:2]
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    answer(page.locator(f'[data-quiz-question="{q.id}"]'), right)
    answer(page.locator(f'[data-quiz-question="{q2.id}"]'), wrong2)
    open_progress(page, site_url)
    banks = load_banks()
    assert counts(page, CHAPTER) == {
        "total": len(banks[CHAPTER].questions),
        "answered": 2,
        "correct": 1,
        "due": 1,
    }
    for chapter, bank in banks.items():
        if chapter != CHAPTER:
            assert counts(page, chapter) == {
                "total": len(bank.questions),
                "answered": 0,
                "correct": 0,
                "due": 0,
            }
    objective = q.objectives[0]
    assessed = [x for x in banks[CHAPTER].questions if objective in x.objectives]
    right_share = sum(x.id == q.id for x in assessed) / len(assessed)  # q2 may share it
    item = page.locator(f'[data-progress-objective="{objective}"]')
    if q2.id not in {x.id for x in assessed}:
        assert int(item.get_attribute("data-share")) == round(100 * right_share)
    link = item.locator("a").get_attribute("href")
    assert link.endswith(f"book/objectives.html#objective-{objective}")
    page.goto(link)
    assert page.locator(f"#objective-{objective}").is_visible()
    w.assert_clean()


def test_reset_all_asks_first(site_url, watched):
    (q, right, _), *_ = singles()
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    answer(page.locator(f'[data-quiz-question="{q.id}"]'), right)
    open_progress(page, site_url)
    status = page.locator('.bzp-status[role="status"]')
    page.once("dialog", lambda d: d.dismiss())
    page.locator('[data-progress-action="clear"]').click()
    assert status.inner_text() == "Nothing was reset."
    assert q.id in stored(page)["questions"]
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    page.locator('[data-progress-action="clear"]').click()
    assert "cannot be undone" in messages[0]
    assert status.inner_text() == "All your progress in this browser was reset."
    assert stored(page) is None
    assert counts(page, CHAPTER)["answered"] == 0
    w.assert_clean()


def test_export_clear_import_restores_every_attempt(site_url, watched, tmp_path):
    picks = singles()[:3]
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    for q, right, wrong in picks:
        root = page.locator(f'[data-quiz-question="{q.id}"]')
        answer(root, wrong)
        answer(root, right)
    before = stored(page)["questions"]
    open_progress(page, site_url)
    with page.expect_download() as download:
        page.locator('[data-progress-action="export"]').click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("benzodiazepines-and-sleep-progress-") and path.suffix == ".json"
    exported = json.loads(path.read_text())
    assert exported["format"] == "bzsleep-progress" and exported["version"] == 2
    assert exported["questions"] == before

    # another browser: a fresh context with nothing stored
    other = watched()
    open_progress(other.page, site_url)
    other.page.locator('[data-progress-action="import"]').set_input_files(str(path))
    status = other.page.locator('.bzp-status[role="status"]')
    status.filter(has_text="Imported").wait_for()
    assert status.inner_text() == f"Imported {path.name}: 3 questions added, 0 updated."
    assert stored(other.page)["questions"] == before
    assert counts(other.page, CHAPTER)["answered"] == 3
    # importing the same file again changes nothing
    other.page.locator('[data-progress-action="import"]').set_input_files(str(path))
    status.filter(has_text="0 questions added, 0 updated").wait_for()
    assert stored(other.page)["questions"] == before
    w.assert_clean()
    other.assert_clean()


@pytest.mark.parametrize(
    "content, message",
    [
        (
            '{"format": "bzsleep-progress", "version": 2, "questions": {"x": {"chapt',
            "incomplete or damaged",
        ),
        ('{"name": "something else"}', "not a progress file from this book"),
        (
            '{"format": "bzsleep-progress", "version": 9, "questions": {}}',
            "newer version of the book",
        ),
        ("not json at all", "incomplete or damaged"),
    ],
    ids=["truncated", "foreign", "future", "garbage"],
)
def test_a_bad_import_changes_nothing_and_says_why(site_url, watched, tmp_path, content, message):
    (q, right, _), *_ = singles()
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    answer(page.locator(f'[data-quiz-question="{q.id}"]'), right)
    before = stored(page)
    open_progress(page, site_url)
    bad = tmp_path / "progress.json"
    bad.write_text(content)
    page.locator('[data-progress-action="import"]').set_input_files(str(bad))
    status = page.locator('.bzp-status[role="status"]')
    status.filter(has_text="Nothing was imported").wait_for()
    assert message in status.inner_text()
    assert stored(page) == before
    w.assert_clean()


def test_the_old_store_is_migrated_without_losing_an_answer(site_url, watched):
    """A v1 store as the first edition wrote it: the chapter restores the answers, the new store
    holds them as attempts, and the old key goes once every answer has moved."""
    (q, right, _), (q2, _, wrong2) = singles()[:2]
    v1 = {
        f"{CHAPTER}/{q.id}#{q.content_hash()}": {"response": right},
        f"{CHAPTER}/{q2.id}#{q2.content_hash()}": {"response": wrong2},
        f"{CHAPTER}/removed-question#0123456789ab": {"response": 0},
    }
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/intro.html")
    page.evaluate("v => localStorage.setItem('bzsleep-quiz:v1', JSON.stringify(v))", v1)
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    first = page.locator(f'[data-quiz-question="{q.id}"]')
    first.wait_for()
    assert first.get_attribute("data-quiz-state") == "correct"
    assert (
        page.locator(f'[data-quiz-question="{q2.id}"]').get_attribute("data-quiz-state")
        == "incorrect"
    )
    questions = stored(page)["questions"]
    assert (
        questions[q.id]["response"] == right and questions[q.id]["attempts"][0]["correct"] is True
    )
    assert questions[q2.id]["attempts"][0]["correct"] is False
    # a question no longer in the chapter's bank is dropped from the old store
    assert page.evaluate("localStorage.getItem('bzsleep-quiz:v1')") is None
    root = open_review(page, site_url)
    assert root.get_attribute("data-review-due") == "1"  # the wrong answer
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


@pytest.mark.parametrize("script", [NO_STORAGE, FULL_STORAGE], ids=["blocked", "full"])
def test_review_and_progress_work_when_storage_is_blocked_or_full(script, site_url, watched):
    w = watched()
    w.context.add_init_script(script)
    page = w.page
    open_progress(page, site_url)
    assert counts(page, CHAPTER)["answered"] == 0
    if script is NO_STORAGE:
        assert (
            "progress lasts only while this page is open"
            in page.locator(".bzp-warning").inner_text()
        )
    root = open_review(page, site_url)
    assert root.get_attribute("data-review-due") == "0"
    w.assert_clean()


def test_review_by_keyboard_alone(site_url, watched):
    (q, right, wrong), *_ = singles()
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/{CHAPTER}.html")
    answer(page.locator(f'[data-quiz-question="{q.id}"]'), wrong)
    open_review(page, site_url)
    item = page.locator(f'[data-review-item="{q.id}"]')
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"!!document.activeElement.closest('[data-review-item=\"{q.id}\"] input')"
        ):
            break
    want = q.options[right].text
    for _ in range(len(q.options) + 1):
        if page.evaluate("document.activeElement.closest('label').innerText.trim()") == want:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.quizAction") == "check"
    page.keyboard.press("Enter")
    assert item.get_attribute("data-review-next") is not None
    assert item.locator("[data-quiz-question]").get_attribute("data-quiz-state") == "correct"
    w.assert_clean()

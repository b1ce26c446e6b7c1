"""Accessibility of every built page (axe-core, light and dark) and a whole quiz by keyboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizzes import load_bank, load_banks

from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_pages(site: Path) -> list[str]:
    """Every page a reader can reach: the chapters and back matter, the index, and the search
    page showing results. (The root index.html forwards at once to book/intro.html.)"""
    pages = sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if "_static" not in p.parts and str(p.relative_to(site)) != "index.html"
    )
    return [f"{p}?q=benzodiazepine" if p == "search.html" else p for p in pages]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `npm ci` at the repository root (scripts/test.sh does)")
    return AXE.read_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(scheme, built_site, site_url, watched, axe_source):
    w = watched(width=1280, height=900, color_scheme=scheme)
    page = w.page
    found = []
    for rel in site_pages(built_site):
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        if (
            page.locator("[data-quiz], [data-figure]").count() == 0
            and "widget-view" in (built_site / rel.split("?")[0]).read_text()
        ):
            page.locator("[data-quiz], [data-figure]").first.wait_for()
        if rel.startswith("search.html"):
            page.locator("#search-results li").first.wait_for()
        answer_one_right_one_wrong(page, Path(rel).stem)
        found += axe_violations(page, axe_source, rel)
    assert found == []
    w.assert_clean()


def answer_one_right_one_wrong(page, chapter: str) -> None:
    """On a chapter page, show both verdicts, the feedback, the explanation and its sources."""
    if not (ROOT / "quizzes" / "bank" / f"{chapter}.yml").exists():
        return
    singles = [q for q in load_bank(chapter).questions if q.type == "single"][:2]
    for q, want in zip(singles, (True, False), strict=True):
        pick = next(i for i, o in enumerate(q.options) if o.correct is want)
        root = page.locator(f'[data-quiz-question="{q.id}"]')
        root.locator(f'input[value="{pick}"]').check()
        root.locator('[data-quiz-action="check"]').click()
        state = "correct" if want else "incorrect"
        page.locator(f'[data-quiz-question="{q.id}"][data-quiz-state="{state}"]').wait_for()


def axe_violations(page, axe_source: str, where: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{where}: {v['impact']} {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def due_store() -> dict:
    """A progress store with one question of each type answered wrong an hour ago: all due."""
    at = (datetime.now(UTC) - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    questions = {}
    for bank in load_banks().values():
        for q in bank.questions:
            if q.type not in {e["type"] for e in questions.values()}:
                questions[q.id] = {
                    "chapter": bank.chapter,
                    "hash": q.content_hash(),
                    "response": None,
                    "attempts": [{"at": at, "correct": False, "hint": False, "retry": False}],
                    "type": q.type,
                }
    for entry in questions.values():
        del entry["type"]
    return {"format": "bzsleep-progress", "version": 2, "questions": questions}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_review_and_progress_pages_with_progress_have_no_axe_violations(
    scheme, site_url, watched, axe_source
):
    """The study pages as a reader who has been answering sees them: a question of every type
    due, one answered wrong with its feedback showing, then the progress tables."""
    store = due_store()
    w = watched(width=1280, height=900, color_scheme=scheme)
    page = w.page
    page.goto(f"{site_url}/book/review.html")
    page.evaluate("doc => localStorage.setItem('bzsleep-progress', JSON.stringify(doc))", store)
    page.reload()
    page.locator("[data-review-item]").first.wait_for()
    assert page.locator("[data-review-item]").count() == len(store["questions"]) == 5
    found = axe_violations(page, axe_source, "review (due)")
    single = page.locator('[data-review-item] [data-quiz-question]:has(input[type="radio"])')
    single.locator("input").first.check()
    single.locator('[data-quiz-action="check"]').click()
    single.locator('[role="status"]').filter(has_text="✓").or_(
        single.locator('[role="status"]').filter(has_text="✗")
    ).wait_for()
    found += axe_violations(page, axe_source, "review (answered)")
    page.goto(f"{site_url}/book/progress.html")
    page.locator("[data-progress-chapter]").first.wait_for()
    found += axe_violations(page, axe_source, "progress")
    assert found == []
    w.assert_clean()


def _answer(page, q, root) -> None:
    """Operate one question with the keyboard only; focus starts on its first control."""
    kind = q.type
    if kind == "single":
        want = next(o.text for o in q.options if o.correct)
        for _ in range(len(q.options) + 1):
            if page.evaluate("document.activeElement.closest('label').innerText.trim()") == want:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")  # Tab lands on the first radio without choosing it
        page.keyboard.press("Tab")
    elif kind == "multiple":
        for _ in range(len(q.options)):
            text = page.evaluate("document.activeElement.closest('label').innerText.trim()")
            if next(o.correct for o in q.options if o.text == text):
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    elif kind == "numeric":
        page.keyboard.type(f"{q.answer:g}")
        page.keyboard.press("Tab")
    else:
        for _ in range(len(q.items if kind == "ordering" else q.pairs)):
            row = int(page.evaluate("document.activeElement.dataset.row"))
            page.keyboard.type(str(row + 1) if kind == "ordering" else q.pairs[row].right)
            page.wait_for_timeout(1100)  # let the select's type-ahead buffer expire
            page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.quizAction") == "check"
    page.keyboard.press("Enter")


def test_whole_chapter_quiz_by_keyboard_alone(site_url, watched):
    bank = load_bank("gaba_receptor")
    w = watched()
    page = w.page
    page.goto(f"{site_url}/book/gaba_receptor.html")
    page.locator("[data-quiz-question]").first.wait_for()
    for q in bank.questions:
        root = page.locator(f'[data-quiz-question="{q.id}"]')
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate(
                f"!!document.activeElement.closest('[data-quiz-question=\"{q.id}\"] fieldset')"
            ):
                break
        else:
            raise AssertionError(f"Tab never reached {q.id}")
        _answer(page, q, root)
        assert root.get_attribute("data-quiz-state") == "correct", (
            q.id,
            root.locator('[role="status"]').inner_text(),
        )
        assert root.locator('[role="status"]').inner_text().startswith("✓ Correct.")
    n = len(bank.questions)
    assert page.locator(".bzq-score").inner_text() == f"{n} of {n} correct"
    w.assert_clean()


def test_no_page_scrolls_sideways_on_a_phone(built_site, site_url, watched):
    """Reflow (WCAG 1.4.10): at 360 px nothing but a table's own scroller is wider than the
    screen, quizzes and figures included."""
    w = watched(width=360, height=800)
    page = w.page
    wide = {}
    for rel in site_pages(built_site):
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("load")
        if "widget-view" in (built_site / rel.split("?")[0]).read_text():
            page.locator("[data-quiz], [data-figure]").first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 361:
            wide[rel] = width
    assert wide == {}
    w.assert_clean()

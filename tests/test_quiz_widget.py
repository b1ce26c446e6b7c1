"""The Quiz widget headlessly: what it sends to the page and what it accepts back from it."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import traitlets

from quizzes.widget import Quiz

from conftest import ROOT, require
from test_banks import VALID, make_book


@pytest.fixture
def demo_quiz(tmp_path):
    return Quiz("demo", bank_dir=make_book(tmp_path, {"demo": VALID}))


def test_page_gets_questions_with_hashes_and_labels(demo_quiz):
    first = demo_quiz.questions[0]
    assert demo_quiz.quiz_id == "demo"
    assert [q["id"] for q in demo_quiz.questions] == ["demo-single", "demo-numeric"]
    assert len(first["hash"]) == 12
    assert first["options"][1] == {"text": "Wrong", "correct": False, "feedback": "Not this one."}
    assert first["source_labels"] == ["known2020"]  # not in the book's bib: the key itself
    # stable: every reader sees the same order (CRC-32 of "demo", worked out once)
    assert demo_quiz.seed == 3594706848


def test_answers_and_score_are_read_only_in_python(demo_quiz):
    with pytest.raises(traitlets.TraitError):
        demo_quiz.score = 2
    with pytest.raises(traitlets.TraitError):
        demo_quiz.answers = {"demo-single": 0}


def test_answers_and_score_sync_from_the_page(demo_quiz):
    # what the front end's save_changes() delivers through the comm
    demo_quiz.set_state(
        {
            "answers": {"demo-single": 0, "demo-numeric": "5"},
            "results": {"demo-single": "correct", "demo-numeric": "correct"},
            "score": 2,
        }
    )
    assert demo_quiz.score == 2
    assert demo_quiz.answers["demo-numeric"] == "5"
    assert repr(demo_quiz) == "<Quiz 'demo': 2 of 2 correct>"


def test_unknown_bank_names_the_known_ones(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID})
    with pytest.raises(FileNotFoundError, match=r"known banks: demo"):
        Quiz("nope", bank_dir=bank_dir)


def test_front_end_core_under_node():
    """The grading, shuffling and storage core of quiz.js, with Node's own test runner."""
    require(shutil.which("node"), "Node.js is not installed (the project needs Node 20)")
    result = subprocess.run(
        ["node", "--test", "tests/js/"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr

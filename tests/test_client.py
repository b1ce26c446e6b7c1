"""What a page gets of a bank (quizzes.client): each question as the front end reads it, and the
chapter's shuffle seed. Expected values are written out by hand from the bank below."""

from __future__ import annotations

from quizzes.client import client_questions, quiz_seed
from quizzes.model import Bank

BANK = Bank.model_validate(
    {
        "chapter": "demo",
        "title": "Demo",
        "objectives": [{"id": "demo-1", "text": "Know the demo."}],
        "questions": [
            {
                "id": "demo-single",
                "type": "single",
                "level": "recall",
                "objectives": ["demo-1"],
                "tags": ["t1"],
                "stem": "Which?",
                "options": [
                    {"text": "Right", "correct": True},
                    {"text": "Wrong", "feedback": "No."},
                ],
                "explanation": "Because.",
                "sources": ["known2020", "unlabelled2001"],
            },
            {
                "id": "demo-numeric",
                "type": "numeric",
                "level": "analysis",
                "objectives": ["demo-1"],
                "hint": "Count them.",
                "stem": "How many?",
                "answer": 5,
                "tolerance": 0.5,
                "explanation": "Five.",
                "sources": ["known2020"],
            },
        ],
    }
)
LABELS = {"known2020": "Able 2020"}


def test_each_question_as_the_page_reads_it():
    single, numeric = client_questions(BANK, LABELS)
    # no objectives, tags or level; no empty fields; the content hash; a label per source
    assert single == {
        "id": "demo-single",
        "type": "single",
        "stem": "Which?",
        "options": [
            {"text": "Right", "correct": True},
            {"text": "Wrong", "correct": False, "feedback": "No."},
        ],
        "explanation": "Because.",
        "sources": ["known2020", "unlabelled2001"],
        "hash": "bcd6e84b6f1f",  # pinned: see test_banks.test_content_hash_is_pinned
        "source_labels": ["Able 2020", "unlabelled2001"],  # a key with no label shows as itself
    }
    assert numeric == {
        "id": "demo-numeric",
        "type": "numeric",
        "stem": "How many?",
        "hint": "Count them.",
        "answer": 5.0,
        "tolerance": 0.5,
        "unit": "",
        "explanation": "Five.",
        "sources": ["known2020"],
        "hash": "35fc8408961e",
        "source_labels": ["Able 2020"],
    }


def test_the_review_pages_also_get_the_objectives():
    single, numeric = client_questions(BANK, LABELS, keep_objectives=True)
    assert single["objectives"] == numeric["objectives"] == ["demo-1"]
    assert "tags" not in single and "level" not in single and "level" not in numeric


def test_the_quiz_seed_is_fixed_per_chapter():
    # CRC-32 of the chapter name, as every reader's browser shuffles with it: pinned values
    assert quiz_seed("demo") == 0xD642DFA0

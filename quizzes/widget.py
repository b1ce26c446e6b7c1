"""`Quiz`: one chapter's questions as an anywidget.

Grading runs in the browser (static/quiz.js), so the same widget works in JupyterLab and, from
the widget state myst-nb saves into the page, in the static site with no kernel. With a kernel,
the page syncs the student's answers and the score back into read-only traits.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import anywidget
import traitlets

from .banks import BANK_DIR, load_bank
from .model import Bank
from .references import source_labels

STATIC = Path(__file__).parent / "static"


def client_questions(bank: Bank, labels: dict[str, str]) -> list[dict]:
    """What the page needs of each question: the bank fields plus a content hash and
    readable source labels."""
    out = []
    for q in bank.questions:
        data = q.model_dump(mode="json", exclude={"objectives", "tags", "level"}, exclude_none=True)
        data["hash"] = q.content_hash()
        data["source_labels"] = [labels.get(key, key) for key in q.sources]
        out.append(data)
    return out


class Quiz(anywidget.AnyWidget):
    _esm = STATIC / "quiz.js"
    _css = STATIC / "quiz.css"

    quiz_id = traitlets.Unicode().tag(sync=True)
    title = traitlets.Unicode().tag(sync=True)
    questions = traitlets.List(traitlets.Dict()).tag(sync=True)
    # options are shuffled in the page with this seed, so every reader sees the same order
    seed = traitlets.Int(0).tag(sync=True)

    # written by the page only: {question id: the response}, {question id: "correct"|...}
    answers = traitlets.Dict(read_only=True).tag(sync=True)
    results = traitlets.Dict(read_only=True).tag(sync=True)
    score = traitlets.Int(0, read_only=True).tag(sync=True)

    def __init__(self, chapter: str, bank_dir: Path = BANK_DIR, **kwargs):
        bank = load_bank(chapter, bank_dir)
        super().__init__(
            quiz_id=bank.chapter,
            title=bank.title,
            questions=client_questions(bank, source_labels()),
            seed=zlib.crc32(bank.chapter.encode()),
            **kwargs,
        )

    @property
    def total(self) -> int:
        return len(self.questions)

    def __repr__(self) -> str:
        return f"<Quiz {self.quiz_id!r}: {self.score} of {self.total} correct>"


def quiz(chapter: str) -> Quiz:
    """The one hidden line a chapter uses to show its quiz: `quiz("gaba_receptor")`."""
    return Quiz(chapter)

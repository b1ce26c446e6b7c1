"""`Quiz`: one chapter's questions as an anywidget.

Grading runs in the browser (static/src/quiz.js, bundled into static/dist), so the same widget
works in JupyterLab and, from the widget state myst-nb saves into the page, in the static site
with no kernel. With a kernel, the page syncs the student's answers and the score back into
read-only traits. Every check is also kept in the browser's progress store, which the site's
review page schedules from; review itself is a feature of the site, not of the notebook.

The quiz's mime bundle also carries its printed form as text/html: the chapter's worksheet
(quizzes.export.worksheet, the renderer `assemble` uses). A front end that renders widgets
shows the quiz; the book's PDF edition prints the worksheet.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from . import frontend
from ._printed import PrintedForm
from .banks import BANK_DIR, load_bank
from .client import client_questions, quiz_seed
from .references import source_labels

STATIC = Path(__file__).parent / "static"
frontend.ensure_built()  # before anywidget reads the module below


class Quiz(PrintedForm, anywidget.AnyWidget):
    _esm = frontend.bundle("quiz")
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
            seed=quiz_seed(bank.chapter),
            **kwargs,
        )
        self._bank = bank

    def worksheet(self) -> str:
        """The quiz as a worksheet for pen and paper (its answers are in the answer key)."""
        from .export.worksheet import chapter_sheet, worksheet_fragment

        return worksheet_fragment(chapter_sheet(self._bank), self._bank.chapter)

    printed = worksheet

    @property
    def total(self) -> int:
        return len(self.questions)

    def __repr__(self) -> str:
        return f"<Quiz {self.quiz_id!r}: {self.score} of {self.total} correct>"


def quiz(chapter: str) -> Quiz:
    """The one hidden line a chapter uses to show its quiz: `quiz("gaba_receptor")`."""
    return Quiz(chapter)

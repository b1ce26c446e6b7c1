"""The review and progress pages: two directives that mark where the page script draws, and the
book's questions as one file that both pages load (written once per build into _static, with a
content hash in its name, so browsers and the service worker cache it safely). The file is a
classic script that sets one global, `bzsleepBook`, to the JSON document below: unlike a fetch
or a module, a classic script also loads when the book is opened from files on disk.

The chapter pages never carry this file: each chapter's own questions are in its widget state.
"""

from __future__ import annotations

import hashlib
import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..banks import BankError, bank_files, load_bank
from ..client import client_questions, quiz_seed
from ..references import source_labels
from .directives import bank_dir, toc_order

FORMAT_VERSION = 1
STUDY_ROOT = "bzstudy"  # the class of the directives' root element: a page that has one loads


class _StudyRoot(SphinxDirective):
    attribute = ""
    fallback = ""

    def run(self):
        for path in bank_files(bank_dir(self.env)):
            self.env.note_dependency(str(path))
        html = (
            f'<div class="{STUDY_ROOT} bzq" {self.attribute}>'
            f'<p class="bzstudy-loading">Loading your progress…</p>'
            f"<noscript><p>{self.fallback}</p></noscript></div>"
        )
        return [nodes.raw("", html, format="html")]


class Review(_StudyRoot):
    """```{review}``` : the questions due for review now (drawn by the study page script)."""

    attribute = 'data-review data-review-due="0"'
    fallback = "The review page needs JavaScript: it schedules questions in your browser."


class Progress(_StudyRoot):
    """```{progress}``` : progress per chapter and objective, export, import and reset."""

    attribute = "data-progress"
    fallback = "The progress page needs JavaScript: your progress is kept in your browser."


def is_study_page(body: str) -> bool:
    return f'class="{STUDY_ROOT} bzq"' in body


def book_questions(app: Sphinx) -> bytes:
    """Every chapter's questions (and objectives), in table-of-contents order, as JSON."""
    cached = getattr(app, "_quizzes_book_questions", None)
    if cached is not None:
        return cached
    folder = bank_dir(app.env)
    labels = source_labels()
    order = toc_order(app.env.srcdir)
    docs = {name.rsplit("/", 1)[-1]: name for name in app.env.found_docs}
    chapters = []
    for path in sorted(bank_files(folder), key=lambda p: (order.get(p.stem, len(order)), p.stem)):
        try:
            bank = load_bank(path.stem, folder)
        except BankError as exc:
            raise ValueError(str(exc)) from None
        docname = docs.get(bank.chapter)
        chapters.append(
            {
                "chapter": bank.chapter,
                "title": bank.title,
                "href": app.builder.get_target_uri(docname) if docname else "",
                "seed": quiz_seed(bank.chapter),
                "objectives": [o.model_dump(mode="json") for o in bank.objectives],
                "questions": client_questions(bank, labels, keep_objectives=True),
            }
        )
    document = json.dumps(
        {"version": FORMAT_VERSION, "chapters": chapters}, ensure_ascii=False, separators=(",", ":")
    )
    # "</" cannot end a script early in a separate file, but U+2028/2029 were not valid in JS
    # strings before ES2019: escape them to keep the file a script on older phones
    document = document.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    data = f"globalThis.bzsleepBook={document};\n".encode()
    app._quizzes_book_questions = data
    return data


def questions_asset(app: Sphinx) -> str:
    """The questions file's name under _static (with its content hash)."""
    digest = hashlib.sha256(book_questions(app)).hexdigest()[:10]
    return f"quizzes/questions-{digest}.js"

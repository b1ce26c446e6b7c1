"""Printable worksheets and answer keys: standalone HTML with print CSS and no network assets,
and the same questions as fragments for the book's PDF edition. One renderer: the standalone
pages (`worksheet_html`, `answer_key_html`, used by `assemble`) and the fragments
(`worksheet_fragment`, `answer_key_body`, used by the chapter quizzes and the answer-key
appendix) are made of the same `worksheet_body` and `answer_key_body`.

Options, ordering items and the right-hand column of a matching question are shuffled with a
generator seeded by the quiz seed and the question id, so a worksheet and its key always agree
and the same seed prints the same sheet.
"""

from __future__ import annotations

import html
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files

from ..client import quiz_seed
from ..model import Bank
from ._common import Item
from ._text import bounds, inline_html, number_text, one_line, to_html

LETTERS = string.ascii_lowercase


@dataclass
class Shown:
    """A question as printed: shuffled parts with their labels, and the key to them."""

    number: int
    item: Item
    choices: list[tuple[str, object]] = field(default_factory=list)  # (letter, option)
    left: list[tuple[str, str]] = field(default_factory=list)  # (number, text)
    right: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    key: str = ""  # the answer in the sheet's labels, e.g. "b", "a, c", "1 → c, 2 → a"

    @property
    def q(self):
        return self.item.question


def unit_suffix(unit: str) -> str:
    """A unit after a number: a space before "cycles", none before "%"."""
    return "" if not unit else unit if unit == "%" else f" {unit}"


def label(k: int) -> str:
    return LETTERS[k] if k < 26 else LETTERS[k // 26 - 1] + LETTERS[k % 26]


def present(items: Sequence[Item], seed: int) -> list[Shown]:
    shown = []
    for n, item in enumerate(items, 1):
        q = item.question
        rng = random.Random(f"{seed}:{q.id}")
        s = Shown(n, item)
        if q.type in ("single", "multiple"):
            options = list(q.options)
            rng.shuffle(options)
            s.choices = [(label(k), o) for k, o in enumerate(options)]
            s.key = ", ".join(lab for lab, o in s.choices if o.correct)
        elif q.type == "numeric":
            unit = unit_suffix(q.unit)
            low, high = bounds(q.answer, q.tolerance)
            s.key = f"{number_text(q.answer)}{unit} (accept {low} to {high}{unit})"
        elif q.type == "ordering":
            order = list(q.items)
            rng.shuffle(order)
            s.right = [(label(k), t) for k, t in enumerate(order)]
            by_text = {t: lab for lab, t in s.right}
            s.key = ", ".join(by_text[t] for t in q.items)
        elif q.type == "matching":
            s.left = [(str(k), p.left) for k, p in enumerate(q.pairs, 1)]
            rights = [p.right for p in q.pairs]
            rng.shuffle(rights)
            s.right = [(label(k), t) for k, t in enumerate(rights)]
            by_text = {t: lab for lab, t in s.right}
            s.key = ", ".join(f"{k} → {by_text[p.right]}" for k, p in enumerate(q.pairs, 1))
        shown.append(s)
    return shown


def chapter_sheet(bank: Bank) -> list[Shown]:
    """A chapter's whole quiz as the book prints it: every question in bank order, shuffled with
    the chapter's quiz seed, so its worksheet and its part of the answer key agree."""
    return present([Item(bank, q) for q in bank.questions], quiz_seed(bank.chapter))


def instruction(q) -> str:
    return {
        "single": "Choose one answer.",
        "multiple": "Choose every correct answer.",
        "numeric": "Write a number.",
        "ordering": "Write the letters in the correct order.",
        "matching": "Write the letter of the matching item beside each number.",
    }[q.type]


def _css() -> str:
    return files(__package__).joinpath("print.css").read_text(encoding="utf-8")


def _page(title: str, subtitle: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>\n{_css()}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{html.escape(title)}</h1>",
            f'<p class="subtitle">{html.escape(subtitle)}</p>',
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _question_open(s: Shown, heading: str) -> list[str]:
    q = s.q
    return [
        f'<section class="question" data-question-id="{html.escape(q.id)}">',
        f'<{heading}><span class="number">{s.number}.</span> '
        f"{inline_html(one_line(q.stem))}</{heading}>",
        f'<p class="instruction">{instruction(q)}</p>',
    ]


STUDENT = '<div class="student"><span>Name</span><span>Date</span></div>'


def worksheet_body(shown: Sequence[Shown], heading: str = "h2") -> list[str]:
    """The questions laid out for pen and paper: a box per option, a line with the unit, numbered
    slots for an order, two columns to match. `heading` is the element of each stem."""
    body = []
    for s in shown:
        q = s.q
        body += _question_open(s, heading)
        if q.type in ("single", "multiple"):
            box = "○" if q.type == "single" else "☐"
            body.append('<ol class="choices">')
            body += [
                f'<li><span class="box" aria-hidden="true">{box}</span> '
                f"<b>{lab}.</b> {inline_html(one_line(o.text))}</li>"
                for lab, o in s.choices
            ]
            body.append("</ol>")
        elif q.type == "numeric":
            unit = html.escape(unit_suffix(q.unit))
            body.append(f'<p class="blank">Answer: <span class="line"></span>{unit}</p>')
        elif q.type == "ordering":
            body.append('<ol class="choices">')
            body += [f"<li><b>{lab}.</b> {inline_html(one_line(t))}</li>" for lab, t in s.right]
            body.append("</ol>")
            slots = " → ".join('<span class="slot"></span>' for _ in s.right)
            body.append(f'<p class="blank">Order: {slots}</p>')
        elif q.type == "matching":
            body.append('<div class="match"><ol class="left">')
            body += [
                f'<li><span class="slot"></span> <b>{n}.</b> {inline_html(one_line(t))}</li>'
                for n, t in s.left
            ]
            body.append('</ol><ol class="right">')
            body += [f"<li><b>{lab}.</b> {inline_html(one_line(t))}</li>" for lab, t in s.right]
            body.append("</ol></div>")
        body.append("</section>")
    return body


def worksheet_html(shown: Sequence[Shown], title: str, seed: int) -> str:
    subtitle = f"Worksheet · {len(shown)} questions · version {seed}"
    return _page(title, subtitle, [STUDENT, *worksheet_body(shown)])


def worksheet_fragment(shown: Sequence[Shown], chapter: str, heading: str = "h4") -> str:
    """A chapter's worksheet as one element for a page of the book (the quiz's printed form):
    the same questions as `worksheet_html`, with a pointer to the answer-key appendix."""
    key = f"answer-key-{chapter}"
    return "\n".join(
        [
            f'<div class="quiz-worksheet" data-worksheet="{html.escape(chapter)}">',
            f'<p class="worksheet-intro">Worksheet: {len(shown)} questions. The answers, with '
            f'explanations and sources, are in the <a href="#{html.escape(key)}">answer key</a>.'
            "</p>",
            STUDENT,
            *worksheet_body(shown, heading),
            "</div>",
        ]
    )


def key_table(shown: Sequence[Shown]) -> list[str]:
    """Question numbers and their keyed answers, for marking at a glance."""
    return [
        '<table class="summary"><thead><tr><th scope="col">Question</th>'
        '<th scope="col">Answer</th></tr></thead><tbody>',
        *(f"<tr><td>{s.number}</td><td>{html.escape(s.key)}</td></tr>" for s in shown),
        "</tbody></table>",
    ]


def answer_key_body(
    shown: Sequence[Shown],
    heading: str = "h2",
    sources: Callable[[Shown], str] | None = None,
) -> list[str]:
    """Every question with its keyed answer, the options marked right or wrong with their
    feedback, the explanation and where the question comes from. `sources`, when given, makes
    the HTML that names a question's sources (placed after the explanation)."""
    body = []
    for s in shown:
        q = s.q
        body += _question_open(s, heading)
        body.append(f'<p class="answer"><strong>Answer:</strong> {html.escape(s.key)}</p>')
        if q.type in ("single", "multiple"):
            body.append('<ol class="choices">')
            for lab, o in s.choices:
                mark = "✓" if o.correct else "✗"
                fb = (
                    f' <span class="feedback">— {inline_html(one_line(o.feedback))}</span>'
                    if o.feedback
                    else ""
                )
                body.append(
                    f'<li class="{"correct" if o.correct else "wrong"}">'
                    f'<span class="box">{mark}</span> <b>{lab}.</b> '
                    f"{inline_html(one_line(o.text))}{fb}</li>"
                )
            body.append("</ol>")
        elif q.type == "ordering":
            by_text = {t: lab for lab, t in s.right}
            body.append('<ol class="order">')
            body += [f"<li><b>{by_text[t]}.</b> {inline_html(one_line(t))}</li>" for t in q.items]
            body.append("</ol>")
        elif q.type == "matching":
            by_text = {t: lab for lab, t in s.right}
            body.append('<table class="pairs"><tbody>')
            body += [
                f"<tr><td><b>{k}.</b> {inline_html(one_line(p.left))}</td>"
                f"<td><b>{by_text[p.right]}.</b> {inline_html(one_line(p.right))}</td></tr>"
                for k, p in enumerate(q.pairs, 1)
            ]
            body.append("</tbody></table>")
        body.append(f'<div class="explanation">{to_html(q.explanation)}</div>')
        if sources is not None:
            body.append(sources(s))
        body.append(
            f'<p class="meta">{html.escape(q.id)} · {html.escape(s.item.bank.title)} · '
            f"objectives: {html.escape(', '.join(q.objectives))} · {q.level}</p>"
        )
        body.append("</section>")
    return body


def answer_key_html(shown: Sequence[Shown], title: str, seed: int) -> str:
    subtitle = f"Answer key · {len(shown)} questions · version {seed}"
    return _page(f"{title}: answer key", subtitle, [*key_table(shown), *answer_key_body(shown)])

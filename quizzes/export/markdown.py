"""Markdown: a readable answer key of the selected questions, chapter by chapter.

Bank text is written through `to_myst`, so it reads as text in any Markdown or MyST renderer
(its marks kept, anything else escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from ._common import Item, Skipped
from ._text import number_text, to_myst

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple answers",
    "numeric": "numeric",
    "ordering": "ordering",
    "matching": "matching",
}


def question_lines(q, number: int | None = None) -> list[str]:
    """The answer-key entry of one question (also used by `assemble`)."""
    label = f"{number}. " if number is not None else ""
    out = [
        f"### {label}`{q.id}`",
        "",
        f"*{TYPE_NAMES[q.type]}, {q.level}; objectives: {', '.join(q.objectives)}"
        + (f"; tags: {to_myst(', '.join(q.tags))}" if q.tags else "")
        + "*",
        "",
        to_myst(q.stem),
        "",
    ]
    if q.type in ("single", "multiple"):
        for o in q.options:
            mark = "[x]" if o.correct else "[ ]"
            line = f"- {mark} {to_myst(o.text)}"
            if o.feedback:
                line += f" — {to_myst(o.feedback)}"
            out.append(line)
    elif q.type == "numeric":
        unit = f" {to_myst(q.unit)}" if q.unit else ""
        out.append(
            f"**Answer:** {number_text(q.answer)}{unit} "
            f"(accepted within ± {number_text(q.tolerance)}{unit})"
        )
    elif q.type == "ordering":
        out += [f"{k}. {to_myst(t)}" for k, t in enumerate(q.items, 1)]
    elif q.type == "matching":
        out += ["| Item | Match |", "| --- | --- |"]
        out += [f"| {to_myst(p.left)} | {to_myst(p.right)} |" for p in q.pairs]
    out += ["", f"**Explanation:** {to_myst(q.explanation)}"]
    if q.hint:
        out += ["", f"**Hint:** {to_myst(q.hint)}"]
    out += ["", f"**Sources:** {to_myst(', '.join(q.sources))}", ""]
    return out


def render(items: Sequence[Item]) -> tuple[str, list[Skipped]]:
    out = ["# Answer key", ""]
    for _, group in groupby(items, key=lambda i: i.bank.chapter):
        group = list(group)
        bank = group[0].bank
        out += [f"## {to_myst(bank.title)} (`{bank.chapter}`)", "", "Objectives:", ""]
        out += [f"- `{o.id}`: {to_myst(o.text)}" for o in bank.objectives]
        out.append("")
        for item in group:
            out += question_lines(item.question)
    return "\n".join(out).rstrip("\n") + "\n", []

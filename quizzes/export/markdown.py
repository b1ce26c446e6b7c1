"""Markdown: a readable answer key of the selected questions, chapter by chapter."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from ._common import Item, Skipped
from ._text import one_line

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple answers",
    "numeric": "numeric",
    "ordering": "ordering",
    "matching": "matching",
}


def _cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def question_lines(q, number: int | None = None) -> list[str]:
    """The answer-key entry of one question (also used by `assemble`)."""
    label = f"{number}. " if number is not None else ""
    out = [
        f"### {label}`{q.id}`",
        "",
        f"*{TYPE_NAMES[q.type]}, {q.level}; objectives: {', '.join(q.objectives)}"
        + (f"; tags: {', '.join(q.tags)}" if q.tags else "")
        + "*",
        "",
        one_line(q.stem),
        "",
    ]
    if q.type in ("single", "multiple"):
        for o in q.options:
            mark = "[x]" if o.correct else "[ ]"
            line = f"- {mark} {one_line(o.text)}"
            if o.feedback:
                line += f" — {one_line(o.feedback)}"
            out.append(line)
    elif q.type == "numeric":
        unit = f" {q.unit}" if q.unit else ""
        out.append(f"**Answer:** {q.answer:g}{unit} (accepted within ± {q.tolerance:g}{unit})")
    elif q.type == "ordering":
        out += [f"{k}. {one_line(t)}" for k, t in enumerate(q.items, 1)]
    elif q.type == "matching":
        out += ["| Item | Match |", "| --- | --- |"]
        out += [f"| {_cell(p.left)} | {_cell(p.right)} |" for p in q.pairs]
    out += ["", f"**Explanation:** {one_line(q.explanation)}"]
    if q.hint:
        out += ["", f"**Hint:** {one_line(q.hint)}"]
    out += ["", f"**Sources:** {', '.join(q.sources)}", ""]
    return out


def render(items: Sequence[Item]) -> tuple[str, list[Skipped]]:
    out = ["# Answer key", ""]
    for _, group in groupby(items, key=lambda i: i.bank.chapter):
        group = list(group)
        bank = group[0].bank
        out += [f"## {one_line(bank.title)} (`{bank.chapter}`)", "", "Objectives:", ""]
        out += [f"- `{o.id}`: {one_line(o.text)}" for o in bank.objectives]
        out.append("")
        for item in group:
            out += question_lines(item.question)
    return "\n".join(out).rstrip("\n") + "\n", []

"""GIFT, Moodle's plain-text question format (Question bank > Import > GIFT format).

Every text is written as `[html]` with GIFT's special characters escaped by a backslash
(`~ = # { } :` and the backslash itself) and line breaks as `\\n`. A chapter starts with
`$CATEGORY: $course$/top/<chapter title>`. Multiple-answer credit uses Moodle's grades
(`~%50%`, `~%-50%`), numeric answers `{#answer:tolerance}`, matching `=left -> right`, and
ordering is matching against positions (GIFT has no ordering type).
"""

from __future__ import annotations

from collections.abc import Sequence

from ._common import Item, Skipped
from ._text import ORDERING_INSTRUCTION, number_text, position_label, to_html, to_plain
from .moodle import category_path, multiple_answer_grades

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _html(text: str) -> str:
    return escape(to_html(text))


def _feedback(text: str | None) -> str:
    return f"#{_html(text)}" if text else ""


def _question(q) -> tuple[list[str], Skipped | None]:
    stem = q.stem
    lines: list[str] = []
    if q.type == "single":
        for o in q.options:
            lines.append(f"\t{'=' if o.correct else '~'}{_html(o.text)}{_feedback(o.feedback)}")
    elif q.type == "multiple":
        weights = multiple_answer_grades(q)
        if isinstance(weights, int):
            return [], Skipped(q.id, f"GIFT has no grade of 100/{weights} percent for an option")
        for o, weight in zip(q.options, weights, strict=True):
            lines.append(f"\t~%{weight}%{_html(o.text)}{_feedback(o.feedback)}")
    elif q.type == "numeric":
        if q.unit:
            stem = f"{stem} (answer in {q.unit})"
        lines.append(f"\t#{number_text(q.answer)}:{number_text(q.tolerance)}")
    elif q.type in ("matching", "ordering"):
        if q.type == "matching":
            pairs = [(p.left, p.right) for p in q.pairs]
        else:
            pairs = [(t, position_label(k)) for k, t in enumerate(q.items, 1)]
            stem = f"{stem}\n\n{ORDERING_INSTRUCTION}"
        for left, _ in pairs:
            if "->" in left:
                return [], Skipped(q.id, f"GIFT cannot hold '->' in a matching item: {left!r}")
        # the right-hand side is plain text in Moodle (no HTML, so no marks either)
        lines += [f"\t={_html(left)} -> {escape(to_plain(right))}" for left, right in pairs]
    else:
        return [], Skipped(q.id, f"no GIFT form for question type {q.type!r}")
    head = f"::{escape(q.id)}::[html]{_html(stem)}{{"
    tail = [f"\t####{_html(q.explanation)}", "}"]
    return [
        f"// {q.id} ({q.type}, {q.level}; objectives: {', '.join(q.objectives)})",
        head,
        *lines,
        *tail,
    ], None


def render(items: Sequence[Item]) -> tuple[str, list[Skipped]]:
    out: list[str] = []
    skipped: list[Skipped] = []
    chapter = None
    for item in items:
        if item.bank.chapter != chapter:
            chapter = item.bank.chapter
            out += [f"$CATEGORY: {category_path(item.bank.title)}", ""]
        lines, problem = _question(item.question)
        if problem:
            skipped.append(problem)
            continue
        out += [*lines, ""]
    return "\n".join(out), skipped

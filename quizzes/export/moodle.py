"""Moodle XML (Question bank > Import > Moodle XML format).

One `<question type="category">` per chapter (`$course$/top/<chapter title>`), then its
questions: single and multiple choice as `multichoice` (per-option feedback; a multiple-answer
question gives each correct option an equal share of the credit and each wrong option an equal
negative share, all from Moodle's list of allowed grades), numeric as `numerical` with its
tolerance, matching as `matching`, and ordering as `matching` against positions (Moodle's own
ordering type only exists from Moodle 4.4 or as a plug-in, matching imports everywhere).
The chapter's explanation is the general feedback; the hint, if any, is a Moodle hint.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ._common import Item, Skipped
from ._text import ORDERING_INSTRUCTION, number_text, position_label, to_html, to_plain

# The grades Moodle's question editor offers, in percent (question_bank::fraction_options_full);
# the importer stores what it is given, so only these keep a question editable afterwards.
ALLOWED_PERCENT = (
    "100",
    "90",
    "83.33333",
    "80",
    "75",
    "70",
    "66.66667",
    "60",
    "50",
    "40",
    "33.33333",
    "30",
    "25",
    "20",
    "16.66667",
    "14.28571",
    "12.5",
    "11.11111",
    "10",
    "5",
)


def share(n: int) -> str | None:
    """The allowed grade equal to 100/n percent, or None when Moodle has no such grade."""
    for value in ALLOWED_PERCENT:
        if abs(float(value) - 100 / n) < 1e-4:
            return value
    return None


def multiple_answer_grades(q) -> list[str] | int:
    """Each option's grade in a multiple-answer question: correct options share 100%, wrong ones
    share -100%. Returns the offending count when Moodle has no grade of 100/count percent
    (GIFT imports through Moodle, so both formats use this)."""
    n_right = sum(o.correct for o in q.options)
    n_wrong = len(q.options) - n_right
    right = share(n_right)
    wrong = share(n_wrong) if n_wrong else "0"
    if right is None or wrong is None:
        return n_right if right is None else n_wrong
    return [right if o.correct else "-" + wrong for o in q.options]


def category_path(title: str) -> str:
    # Moodle splits category paths on "/"; a literal slash in a name is written "//"
    return "$course$/top/" + title.replace("/", "//")


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag)
    if fmt:
        el.set("format", fmt)
    ET.SubElement(el, "text").text = text
    return el


def _simple(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = text
    return el


def _header(root: ET.Element, qtype: str, q, stem_html: str) -> ET.Element:
    el = ET.SubElement(root, "question", type=qtype)
    _text(el, "name", q.id, fmt=None)
    _text(el, "questiontext", stem_html)
    _text(el, "generalfeedback", to_html(q.explanation))
    _simple(el, "defaultgrade", "1")
    _simple(el, "penalty", "0.3333333")
    _simple(el, "hidden", "0")
    _simple(el, "idnumber", q.id)
    return el


def _footer(el: ET.Element, q) -> None:
    if q.hint:
        _text(el, "hint", to_html(q.hint))
    tags = ET.SubElement(el, "tags")
    for tag in [*q.tags, *q.objectives, q.level]:
        _text(tags, "tag", tag, fmt=None)


def _answer(
    parent: ET.Element, fraction: str, text_html: str, feedback: str | None, fmt: str = "html"
) -> ET.Element:
    el = _text(parent, "answer", text_html, fmt=fmt)
    el.set("fraction", fraction)
    _text(el, "feedback", to_html(feedback or ""))
    return el


def _choice(root: ET.Element, q) -> Skipped | None:
    if q.type == "single":
        fractions = ["100" if o.correct else "0" for o in q.options]
    else:
        fractions = multiple_answer_grades(q)
        if isinstance(fractions, int):
            return Skipped(q.id, f"Moodle has no grade of 100/{fractions} percent for an option")
    el = _header(root, "multichoice", q, to_html(q.stem))
    _simple(el, "single", "true" if q.type == "single" else "false")
    _simple(el, "shuffleanswers", "true")
    _simple(el, "answernumbering", "abc")
    for fraction, option in zip(fractions, q.options, strict=True):
        _answer(el, fraction, to_html(option.text), option.feedback)
    _footer(el, q)
    return None


def _numerical(root: ET.Element, q) -> None:
    stem = q.stem + (f" (answer in {q.unit})" if q.unit else "")
    el = _header(root, "numerical", q, to_html(stem))
    answer = _answer(el, "100", number_text(q.answer), None, fmt="moodle_auto_format")
    _simple(answer, "tolerance", number_text(q.tolerance))
    if q.unit:
        units = ET.SubElement(el, "units")
        unit = ET.SubElement(units, "unit")
        _simple(unit, "multiplier", "1")
        _simple(unit, "unit_name", q.unit)
    _simple(el, "unitgradingtype", "0")
    _simple(el, "unitpenalty", "0.1000000")
    _simple(el, "showunits", "3")
    _simple(el, "unitsleft", "0")
    _footer(el, q)


def _matching(root: ET.Element, q, pairs: list[tuple[str, str]], stem: str) -> None:
    el = _header(root, "matching", q, to_html(stem))
    _simple(el, "shuffleanswers", "true")
    for left, right in pairs:
        sub = _text(el, "subquestion", to_html(left))
        _text(sub, "answer", to_plain(right), fmt=None)  # Moodle shows it as plain text
    _footer(el, q)


def render(items: Sequence[Item]) -> tuple[str, list[Skipped]]:
    root = ET.Element("quiz")
    skipped: list[Skipped] = []
    chapter = None
    for item in items:
        q = item.question
        if item.bank.chapter != chapter:
            chapter = item.bank.chapter
            cat = ET.SubElement(root, "question", type="category")
            _text(cat, "category", category_path(item.bank.title), fmt=None)
            _text(cat, "info", "")
            _simple(cat, "idnumber", chapter)
        if q.type in ("single", "multiple"):
            problem = _choice(root, q)
            if problem:
                skipped.append(problem)
        elif q.type == "numeric":
            _numerical(root, q)
        elif q.type == "matching":
            _matching(root, q, [(p.left, p.right) for p in q.pairs], q.stem)
        elif q.type == "ordering":
            pairs = [(text, position_label(k)) for k, text in enumerate(q.items, 1)]
            _matching(root, q, pairs, f"{q.stem}\n\n{ORDERING_INSTRUCTION}")
        else:  # a type added to the schema but not yet to this exporter
            skipped.append(Skipped(q.id, f"no Moodle XML form for question type {q.type!r}"))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True).decode() + "\n", skipped

"""The printed answer key (assembled quizzes and the PDF edition's appendix) for every question of
every bank: the answer line, the marks on options, the order and the pairs all agree with the
bank and with the worksheet's shuffled labels, and a numeric answer states exactly what it
accepts."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from quizzes import load_banks
from quizzes.export._text import inline_html, one_line
from quizzes.export.worksheet import answer_key_body, chapter_sheet, worksheet_body

SHEETS = {chapter: chapter_sheet(bank) for chapter, bank in load_banks().items()}


def sections(body: list[str]) -> dict[str, str]:
    text = "\n".join(body)
    parts = re.split(r'(?=<section class="question")', text)[1:]
    return {re.search(r'data-question-id="([^"]+)"', p).group(1): p for p in parts}


def answer_line(section: str) -> str:
    found = re.search(r'<p class="answer"><strong>Answer:</strong> (.*?)</p>', section)
    return html.unescape(found.group(1))


@pytest.mark.parametrize("chapter", sorted(SHEETS))
def test_every_printed_answer_agrees_with_the_bank(chapter):
    shown = SHEETS[chapter]
    keys = sections(answer_key_body(shown))
    sheets = sections(worksheet_body(shown))
    assert list(keys) == list(sheets) == [s.q.id for s in shown]
    for s in shown:
        q, key, sheet = s.q, keys[s.q.id], sheets[s.q.id]
        answer = answer_line(key)
        if q.type in ("single", "multiple"):
            # the worksheet's letters, and the key's marks on the same letters
            on_sheet = re.findall(r"<b>([a-z]+)\.</b> (.*?)</li>", sheet)
            assert [text for _, text in on_sheet] == [
                inline_html(one_line(o.text)) for _, o in s.choices
            ]
            right = [lab for lab, o in s.choices if o.correct]
            assert answer == ", ".join(right), q.id
            assert len(right) == sum(o.correct for o in q.options), q.id
            for lab, option in s.choices:
                mark, cls = ("✓", "correct") if option.correct else ("✗", "wrong")
                line = f'<li class="{cls}"><span class="box">{mark}</span> <b>{lab}.</b> '
                assert line + inline_html(one_line(option.text)) in key, (q.id, lab)
                if option.feedback:
                    assert inline_html(one_line(option.feedback)) in key, (q.id, lab)
        elif q.type == "numeric":
            unit = "" if not q.unit else q.unit if q.unit == "%" else f" {q.unit}"
            number = r"(-?\d+(?:\.\d+)?)"  # positional, never 1e-05
            u = re.escape(unit)
            match = re.fullmatch(rf"{number}{u} \(accept {number} to {number}{u}\)", answer)
            assert match, (q.id, answer)
            value, low, high = (Decimal(x) for x in match.groups())
            exact = Decimal(repr(float(q.answer)))
            tolerance = Decimal(repr(float(q.tolerance)))
            assert value == exact, q.id
            assert low == exact - tolerance and high == exact + tolerance, q.id
            assert unit.strip() in sheet  # the worksheet's line shows the unit to write in
        elif q.type == "ordering":
            letters = dict(re.findall(r"<li><b>([a-z]+)\.</b> (.*?)</li>", sheet))
            in_order = [letters[x] for x in answer.split(", ")]
            assert in_order == [inline_html(one_line(t)) for t in q.items], q.id
            order = re.search(r'<ol class="order">(.*?)</ol>', key, re.S).group(1)
            listed = re.findall(r"<li><b>([a-z]+)\.</b> (.*?)</li>", order)
            assert [lab for lab, _ in listed] == answer.split(", ")
            assert [text for _, text in listed] == in_order
        elif q.type == "matching":
            right = dict(
                re.findall(r"<li><b>([a-z]+)\.</b> (.*?)</li>", sheet.split('class="right"')[1])
            )
            pairs = [p.split(" → ") for p in answer.split(", ")]
            assert [int(n) for n, _ in pairs] == list(range(1, len(q.pairs) + 1)), q.id
            assert [right[letter] for _, letter in pairs] == [
                inline_html(one_line(p.right)) for p in q.pairs
            ], q.id
            rows = re.findall(
                r"<tr><td><b>(\d+)\.</b> (.*?)</td><td><b>([a-z]+)\.</b> (.*?)</td></tr>", key
            )
            assert [(int(n), left, lab, r) for n, left, lab, r in rows] == [
                (k, inline_html(one_line(p.left)), pairs[k - 1][1], inline_html(one_line(p.right)))
                for k, p in enumerate(q.pairs, 1)
            ], q.id


def test_the_banks_print_every_question_type():
    types = {s.q.type for shown in SHEETS.values() for s in shown}
    assert types == {"single", "multiple", "numeric", "ordering", "matching"}

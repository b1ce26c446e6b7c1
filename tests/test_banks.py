"""The bank schema and `python -m quizzes check`: a contributor's typo must be named exactly."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quizzes.banks import BankError, bank_files, parse_bank
from quizzes.checks import check
from quizzes.model import QUESTION_TYPES

ROOT = Path(__file__).resolve().parent.parent

BIB = """\
@article{known2020,
  author = {Able, Ann},
  title = {A title},
  journal = {J},
  year = {2020},
}
"""

# A valid bank; the malformed cases below each change one thing. Line numbers matter.
VALID = """\
chapter: demo
title: Demo
objectives:
  - id: demo-1
    text: Know the demo.
questions:
  - id: demo-single
    type: single
    level: recall
    objectives: [demo-1]
    stem: Which is right?
    options:
      - text: Right
        correct: true
      - text: Wrong
        feedback: Not this one.
    explanation: Because it is.
    sources: [known2020]
  - id: demo-numeric
    type: numeric
    level: application
    objectives: [demo-1]
    stem: How many subunits?
    answer: 5
    tolerance: 0
    unit: subunits
    explanation: Five.
    sources: [known2020]
"""


def make_book(tmp_path: Path, banks: dict[str, str]) -> Path:
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "references.bib").write_text(BIB)
    bank_dir = tmp_path / "bank"
    bank_dir.mkdir()
    for name, text in banks.items():
        (bank_dir / f"{name}.yml").write_text(textwrap.dedent(text))
    return bank_dir


def problems(tmp_path: Path, banks: dict[str, str]) -> list[str]:
    bank_dir = make_book(tmp_path, banks)
    return [f"{p.path.name}:{p.line}: {p.field}: {p.message}" for p in check(tmp_path, bank_dir)]


def test_valid_bank_has_no_problems(tmp_path):
    assert problems(tmp_path, {"demo": VALID}) == []


def test_bad_yaml_names_the_line(tmp_path):
    broken = VALID.replace("    stem: Which is right?", "    stem: [Which is right?")
    (msg,) = problems(tmp_path, {"demo": broken})
    assert msg == "demo.yml:11: (yaml): expected ',' or ']', but got '?'"


def test_missing_field(tmp_path):
    broken = VALID.replace("    explanation: Because it is.\n", "", 1)
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:7: questions[0].explanation: required field missing"
    ]


def test_unknown_type(tmp_path):
    broken = VALID.replace("    type: single", "    type: essay")
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:8: questions[0].type: unknown question type 'essay'; "
        f"expected one of {', '.join(QUESTION_TYPES)}"
    ]


def test_unknown_field_is_a_typo(tmp_path):
    broken = VALID.replace(
        "    explanation: Five.", "    explanaton: Five.\n    explanation: Five."
    )
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:27: questions[1].explanaton: unknown field (check its spelling)"
    ]


def test_duplicate_id_across_banks(tmp_path):
    other = VALID.replace("chapter: demo", "chapter: other").replace(
        "demo-numeric", "other-numeric"
    )
    assert problems(tmp_path, {"demo": VALID, "other": other}) == [
        "other.yml:7: questions[0].id: duplicate id 'demo-single' (first used at demo.yml:7)"
    ]


def test_no_correct_option(tmp_path):
    broken = VALID.replace("        correct: true\n", "", 1)
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:12: questions[0].options: "
        "a single-choice question needs exactly one correct option, found 0"
    ]


def test_unknown_source_key(tmp_path):
    broken = VALID.replace("    sources: [known2020]\n", "    sources: [nobody1999]\n", 1)
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:18: questions[0].sources[0]: unknown source key 'nobody1999' "
        "(not in book/references.bib)"
    ]


def test_unknown_objective_and_underassessed_objective(tmp_path):
    broken = VALID.replace("    objectives: [demo-1]\n", "    objectives: [demo-9]\n", 1)
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:4: objectives[0].id: objective 'demo-1' is assessed by 1 question(s); "
        "each needs at least 2",
        "demo.yml:10: questions[0].objectives[0]: unknown objective 'demo-9'",
    ]


def test_all_of_the_above_is_refused(tmp_path):
    broken = VALID.replace("      - text: Wrong", "      - text: All of the above")
    assert problems(tmp_path, {"demo": broken}) == [
        'demo.yml:15: questions[0].options[1].text: "all/none of the above" options are not '
        "allowed (NBME item rules)"
    ]


def test_repeated_option(tmp_path):
    broken = VALID.replace("      - text: Wrong", "      - text: right")
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:12: questions[0].options: option repeated: 'right'"
    ]


def test_chapter_must_match_file_name(tmp_path):
    assert problems(tmp_path, {"renamed": VALID}) == [
        "renamed.yml:1: chapter: must equal the file name 'renamed'"
    ]


def test_chapter_showing_an_unknown_quiz(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID})
    (tmp_path / "book" / "ch.md").write_text(
        '# Ch\n\n```{code-cell}\nquiz("demo")\nquiz("nope")\n```\n'
    )
    assert [str(p).split("book/")[-1] for p in check(tmp_path, bank_dir)] == [
        "ch.md:5: quiz: no question bank named 'nope' (known banks: demo)"
    ]


def test_cli_prints_file_line_field_message_and_exits_1(tmp_path):
    broken = VALID.replace("    type: single", "    type: essay")
    bank_dir = make_book(tmp_path, {"demo": broken})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizzes",
            "check",
            "--root",
            str(tmp_path),
            "--banks",
            str(bank_dir),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "bank/demo.yml:8: questions[0].type: unknown question type 'essay'" in result.stderr


def test_every_type_validates(tmp_path):
    bank = VALID + (
        "  - id: demo-order\n    type: ordering\n    level: recall\n    objectives: [demo-1]\n"
        "    stem: Order them.\n    items: [one, two, three]\n    explanation: Counting.\n"
        "    sources: [known2020]\n"
        "  - id: demo-match\n    type: matching\n    level: analysis\n    objectives: [demo-1]\n"
        "    stem: Match them.\n"
        "    pairs: [{left: a, right: x}, {left: b, right: y}, {left: c, right: z}]\n"
        "    explanation: Letters.\n    sources: [known2020]\n"
        "  - id: demo-multi\n    type: multiple\n    level: recall\n    objectives: [demo-1]\n"
        "    stem: Pick the even numbers.\n"
        '    options: [{text: "2", correct: true}, {text: "3"}, {text: "4", correct: true}]\n'
        "    explanation: Even.\n    sources: [known2020]\n"
    )
    bank_dir = make_book(tmp_path, {"demo": bank})
    parsed, _ = parse_bank(bank_dir / "demo.yml")
    assert [q.type for q in parsed.questions] == [
        "single",
        "numeric",
        "ordering",
        "matching",
        "multiple",
    ]


def test_content_hash_changes_when_a_question_is_edited(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID})
    before = parse_bank(bank_dir / "demo.yml")[0].questions[0].content_hash()
    (bank_dir / "demo.yml").write_text(VALID.replace("Which is right?", "Which one is right?"))
    after = parse_bank(bank_dir / "demo.yml")[0].questions[0].content_hash()
    assert before != after and len(before) == 12


def test_the_books_banks_are_valid():
    """The real banks: what `python -m quizzes check` says, as a test."""
    assert bank_files(), "no banks in quizzes/bank"
    assert [str(p) for p in check(ROOT)] == []


def test_parse_errors_raise_bank_error(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": "- just\n- a list\n"})
    with pytest.raises(BankError, match=r"demo.yml:1: \(file\): a bank must be a YAML mapping"):
        parse_bank(bank_dir / "demo.yml")


def test_unclosed_quote_is_reported_where_the_string_starts(tmp_path):
    broken = VALID.replace("    stem: Which is right?", '    stem: "Which is right?')
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:11: (yaml): unclosed quote: found unexpected end of stream"
    ]


def test_a_quote_closed_by_the_next_quote_is_reported_where_it_opens(tmp_path):
    # the unclosed quote on line 11 swallows lines until the quote on line 23 closes it
    broken = VALID.replace("    stem: Which is right?", '    stem: "Which is right?').replace(
        "    stem: How many subunits?", '    stem: "How many subunits?"'
    )
    (msg,) = problems(tmp_path, {"demo": broken})
    assert msg.startswith("demo.yml:11: (yaml): a quoted string starting here runs on to line 23")
    assert msg.endswith("is a closing quote missing?")


def test_duplicate_key_is_an_error(tmp_path):
    broken = VALID.replace("    level: recall\n", "    level: recall\n    level: analysis\n", 1)
    assert problems(tmp_path, {"demo": broken}) == ["demo.yml:10: (yaml): duplicate key 'level'"]


def test_python_tags_are_refused(tmp_path):
    broken = VALID.replace("    answer: 5", "    answer: !!python/object/apply:os.system [id]")
    (msg,) = problems(tmp_path, {"demo": broken})
    assert msg == (
        "demo.yml:24: (yaml): unsupported tag '!!python/object/apply:os.system': "
        "a bank holds only text, numbers, true/false, lists and mappings"
    )


@pytest.mark.parametrize("field", ["answer", "tolerance"])
@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_non_finite_numbers_are_refused(tmp_path, field, value):
    line = {"answer": 24, "tolerance": 25}[field]
    old = {"answer": "    answer: 5", "tolerance": "    tolerance: 0"}[field]
    broken = VALID.replace(old, f"    {field}: {value}")
    assert problems(tmp_path, {"demo": broken}) == [
        f"demo.yml:{line}: questions[1].{field}: Input should be a finite number"
    ]


@pytest.mark.parametrize(
    "option",
    [
        "All the above",
        "None of these.",
        "Both of the above!",
        "NONE OF THE FOLLOWING",
        "Neither of the above",
        "all of the above are correct",
        "None-of-the-above",
    ],
)
def test_catch_all_options_in_any_wording_are_refused(tmp_path, option):
    broken = VALID.replace("      - text: Wrong", f"      - text: {option}")
    assert problems(tmp_path, {"demo": broken}) == [
        'demo.yml:15: questions[0].options[1].text: "all/none of the above" options are not '
        "allowed (NBME item rules)"
    ]


@pytest.mark.parametrize("option", ["Both drugs act at one site", "None", "All GABA-A receptors"])
def test_ordinary_options_are_not_mistaken_for_catch_alls(tmp_path, option):
    changed = VALID.replace("      - text: Wrong", f"      - text: {option}")
    assert problems(tmp_path, {"demo": changed}) == []


def test_bibliography_entries_need_author_title_and_year(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID})
    bib = tmp_path / "book" / "references.bib"
    bib.write_text(
        BIB
        + "\n@misc{label2024,\n  organization = {FDA},\n  title = {A label},\n}\n"
        + "\n@article{untitled,\n  author = {Able, Ann},\n  year = {2001},\n}\n"
        + "\n@misc{nobody,\n  title = {T},\n  year = {2001},\n}\n"
    )
    found = [f"{p.path.name}:{p.line}: {p.field}: {p.message}" for p in check(tmp_path, bank_dir)]
    assert found == [
        "references.bib:8: label2024: entry 'label2024' has no year",
        "references.bib:13: untitled: entry 'untitled' has no title",
        "references.bib:18: nobody: entry 'nobody' has no author (or editor, organization)",
    ]


def _single(qid: str, key: str, distractors: list[str]) -> str:
    options = f"      - text: {key}\n        correct: true\n" + "".join(
        f"      - text: {d}\n" for d in distractors
    )
    return (
        f"  - id: {qid}\n    type: single\n    level: recall\n    objectives: [demo-1]\n"
        f"    stem: Which?\n    options:\n{options}"
        "    explanation: Because.\n    sources: [known2020]\n"
    )


def test_length_cue_share_is_limited_per_bank(tmp_path):
    cued = _single("cue-1", "The keyed answer, much longer than the rest", ["Short", "Tiny"])
    fair = [_single(f"fair-{k}", "Short", ["A little longer one", "Tiny"]) for k in (1, 2)]
    # VALID's own single-choice item is not cued: "Right" is as long as "Wrong"
    base = VALID + fair[0] + fair[1]
    (tmp_path / "a").mkdir()
    # 2 cued of 4 single-choice items (50%) is over the 25% share
    over = base + cued + _single("cue-2", "Another long keyed answer here", ["Nope", "Nah"])
    (msg,) = problems(tmp_path / "a", {"demo": over})
    assert msg.startswith("demo.yml:58: questions[4].options: length cue: in 2 of 5")
    assert msg.endswith(": cue-1, cue-2")
    # 1 of 4 (25%) is within it
    (tmp_path / "b").mkdir()
    assert problems(tmp_path / "b", {"demo": base + cued}) == []
    # and with fewer than 4 single-choice items the share is not judged
    (tmp_path / "c").mkdir()
    assert problems(tmp_path / "c", {"demo": VALID + cued}) == []


def test_load_keeps_line_numbers_with_the_fast_parser(tmp_path):
    from quizzes import _yaml

    bank_dir = make_book(tmp_path, {"demo": VALID})
    located = _yaml.load(bank_dir / "demo.yml")
    assert located.line(("questions", 1, "answer")) == 24
    assert located.line(("questions", 0, "options", 1, "feedback")) == 16
    assert located.data["questions"][1]["answer"] == 5
    assert located.data["questions"][0]["options"][0]["correct"] is True

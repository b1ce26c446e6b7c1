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


@pytest.mark.parametrize("missing", ["pybtex", "yaml", "pydantic"])
def test_check_without_a_dependency_says_what_to_run(missing):
    """A contributor's own `python` (PyYAML and pydantic, say, but not pybtex) gets one line
    naming what is missing and the command that works, not a traceback."""
    script = (
        f"import runpy, sys; sys.modules[{missing!r}] = None; "  # as if it were not installed
        "sys.argv = ['quizzes', 'check']; runpy.run_module('quizzes', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {missing} is not installed for {sys.executable}: this interpreter lacks the "
        "quizzes package's dependencies. Run .venv/bin/python -m quizzes (scripts/test.sh sets "
        ".venv up), or `pip install -e .` into this environment\n"
    )


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


# --- what the messages and keys promise, pinned (mutation testing: benchmarks/mutation.py) ---


def test_content_hash_is_pinned():
    """Readers' saved progress is keyed by this hash: a new hashing (key order, escaping of
    non-ASCII text) would silently reset every reader's progress, so the value is fixed here."""
    from quizzes.model import SingleChoice

    q = SingleChoice.model_validate(
        {
            "id": "demo-hash",
            "type": "single",
            "level": "recall",
            "objectives": ["demo-1"],
            "stem": "Which unit is µM?",
            "options": [
                {"text": "micromolar – µM", "correct": True},
                {"text": "millimolar", "feedback": "That is mM."},
            ],
            "explanation": "µ is micro.",
            "sources": ["known2020"],
        }
    )
    assert q.content_hash() == "6e5ef2902ade"


def test_options_differing_only_in_case_and_spacing_are_repeats(tmp_path):
    broken = VALID.replace("      - text: Wrong", "      - text: '  RIGHT '")
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:12: questions[0].options: option repeated: 'RIGHT'"
    ]
    # "Maße" (measures) and "Masse" (mass) are different words, though both are "MASSE" in capitals
    fine = VALID.replace("      - text: Right", "      - text: Maße").replace(
        "      - text: Wrong", "      - text: Masse"
    )
    (tmp_path / "fine").mkdir()
    assert problems(tmp_path / "fine", {"demo": fine}) == []


def test_a_missing_question_type_is_named(tmp_path):
    broken = VALID.replace("    type: numeric\n", "")
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:19: questions[1].type: missing; expected one of "
        "single, multiple, numeric, ordering, matching"
    ]


def test_a_bank_with_no_fields_at_all(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": "{}\n"})
    with pytest.raises(BankError) as caught:
        parse_bank(bank_dir / "demo.yml")
    assert [str(p).split("demo.yml:")[1] for p in caught.value.problems] == [
        "1: chapter: required field missing",
        "1: objectives: required field missing",
        "1: questions: required field missing",
        "1: title: required field missing",
    ]
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    assert str(caught.value).count("\n") == 3  # one problem a line


def test_problems_are_sorted_by_line_then_field(tmp_path):
    broken = VALID.replace("    level: application\n", "    level: expert\n").replace(
        "title: Demo", "title: ''"
    )
    found = problems(tmp_path, {"demo": broken})
    assert [p.split(":")[1] for p in found] == ["2", "21"]
    assert found[1].startswith("demo.yml:21: questions[1].level: Input should be 'recall'")


def test_a_renamed_chapter_is_reported_at_its_line(tmp_path):
    moved = VALID.replace("chapter: demo\ntitle: Demo\n", "title: Demo\nchapter: demo\n")
    assert problems(tmp_path, {"renamed": moved}) == [
        "renamed.yml:2: chapter: must equal the file name 'renamed'"
    ]


def test_a_folder_of_banks_loads_from_that_folder(tmp_path):
    from quizzes.banks import load_banks

    bank_dir = make_book(tmp_path, {"demo": VALID})
    assert list(load_banks(bank_dir)) == ["demo"]
    assert load_banks(bank_dir)["demo"].question("demo-numeric").answer == 5


def test_no_bibliography_is_one_problem_and_sources_go_unchecked(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID.replace("known2020", "anything1999")})
    (tmp_path / "book" / "references.bib").unlink()
    found = check(tmp_path, bank_dir)
    assert [(p.path, p.line, p.field, p.message) for p in found] == [
        (tmp_path / "book" / "references.bib", 1, "(file)", "references.bib not found")
    ]


def test_bibliography_problems_and_bank_problems_are_all_reported_in_file_order(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID.replace("demo-1]", "demo-9]", 1)})
    (tmp_path / "book" / "references.bib").write_text(BIB + "\n@misc{nobody,\n  title = {T},\n}\n")
    (tmp_path / "book" / "ch.md").write_text('\n\n\nquiz("nope")\n')
    found = [(p.path.name, p.line, p.field) for p in check(tmp_path, bank_dir)]
    assert found == [  # by path ("bank/" before "book/"), then line
        ("demo.yml", 4, "objectives[0].id"),
        ("demo.yml", 10, "questions[0].objectives[0]"),
        ("ch.md", 4, "quiz"),
        ("references.bib", 8, "nobody"),
    ]


def test_every_problem_of_every_question_is_reported(tmp_path):
    # two questions with the same id: both the duplicate and the second's unknown objective count
    twice = VALID.replace("demo-numeric", "demo-single").replace(
        "    objectives: [demo-1]\n    stem: How many",
        "    objectives: [demo-7]\n    stem: How many",
    )
    assert problems(tmp_path, {"demo": twice}) == [
        "demo.yml:4: objectives[0].id: objective 'demo-1' is assessed by 1 question(s); "
        "each needs at least 2",
        "demo.yml:19: questions[1].id: duplicate id 'demo-single' (first used at demo.yml:7)",
        "demo.yml:22: questions[1].objectives[0]: unknown objective 'demo-7'",
    ]


def test_an_unknown_quiz_is_named_on_its_line_with_no_banks_known(tmp_path):
    from quizzes.checks import unknown_quizzes

    chapter = tmp_path / "ch.md"
    chapter.write_text('\nµ\nquiz( "nope" )\n', encoding="utf-8")
    (p,) = unknown_quizzes(chapter, set())
    assert (p.line, p.field, p.message) == (3, "quiz", "no question bank named 'nope'")
    (p,) = unknown_quizzes(chapter, {"b", "a"})
    assert p.message == "no question bank named 'nope' (known banks: a, b)"


def test_a_broken_bank_still_counts_as_known_for_the_chapters(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID.replace("type: single", "type: essay")})
    (tmp_path / "book" / "ch.md").write_text('quiz("demo")\n')
    assert [p.field for p in check(tmp_path, bank_dir)] == ["questions[0].type"]


def test_length_cue_boundaries():
    from types import SimpleNamespace as NS

    from quizzes.checks import length_cue

    def q(key, *others):
        return NS(
            options=[NS(text="k" * key, correct=True)]
            + [NS(text="d" * n, correct=False) for n in others]
        )

    assert length_cue(q(12, 10, 10))  # longest, and 12 = 1.2 × the mean of 10
    assert not length_cue(q(11, 10, 10))  # longest, but 11 < 12
    assert not length_cue(q(12, 12, 8))  # as long as a distractor is not the longest
    assert length_cue(q(24, 10, 30 - 10))  # 24 = 1.2 × 20, the distractors' mean


def test_length_cue_needs_four_single_choice_items(tmp_path):
    cued = [
        _single(f"cue-{k}", "A keyed answer far longer than the rest", ["A", "B"]) for k in (1, 2)
    ]
    # VALID's item and three more: 4 single-choice items, 2 cued (50%): reported
    fair = _single("fair-1", "Short", ["A little longer one", "Tiny"])
    (tmp_path / "a").mkdir()
    (msg,) = problems(tmp_path / "a", {"demo": VALID + fair + cued[0] + cued[1]})
    assert (
        "length cue: in 2 of 4 single-choice questions the keyed option is the longest by 1.2x"
        in msg
    )
    assert "(at most 25% may be): cue-1, cue-2" in msg


def test_yaml_errors_name_the_file_and_line(tmp_path):
    from quizzes import _yaml

    path = tmp_path / "demo.yml"
    path.write_text("a: 1\nb: [2\n")
    with pytest.raises(_yaml.YamlError) as caught:
        _yaml.load(path)
    assert str(caught.value) == f"{path}:3: yaml: expected ',' or ']', but got '<stream end>'"
    assert (caught.value.path, caught.value.line) == (path, 3)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\ntrue: 2\n", 2, "a key must be a plain name"),
        ("a: 1\n? [x, y]\n: 2\n", 2, "a key must be a plain name"),
        ("a: 1\nb: 2\nb: 3\n", 3, "duplicate key 'b'"),
        ("a: 1\nb: !!int five\n", 2, "'five' is not a valid !!int"),
        ("a: 1\nb: !!bool maybe\n", 2, "'maybe' is not a valid !!bool"),
        ("a: 1\nb: !!float x\n", 2, "'x' is not a valid !!float"),
        # an explicit tag on no text at all (PyYAML's constructor fails with an IndexError)
        ("a: 1\nb: !!int\n", 2, "'' is not a valid !!int"),
        ("a: 1\nb: !!float\n", 2, "'' is not a valid !!float"),
        ("a: 1\nb: !!bool\n", 2, "'' is not a valid !!bool"),
        # a list as a key, even with a tag of its own, is not a name
        ("a: 1\n? !x [y]\n: 2\n", 2, "a key must be a plain name"),
        (
            "a: 1\nb: 2020-01-01\n",
            2,
            "unsupported tag '!!timestamp': a bank holds only text, "
            "numbers, true/false, lists and mappings",
        ),
    ],
)
def test_yaml_values_a_bank_cannot_hold(tmp_path, text, line, message):
    from quizzes import _yaml

    path = tmp_path / "demo.yml"
    path.write_text(text)
    with pytest.raises(_yaml.YamlError) as caught:
        _yaml.load(path)
    assert str(caught.value) == f"{path}:{line}: yaml: {message}"


def test_yaml_that_only_libyaml_rejects_is_still_reported(tmp_path, monkeypatch):
    # should libyaml refuse a file the pure-Python parser reads, the message says so at line 1
    from quizzes import _yaml

    class Refusing(_yaml.yaml.SafeLoader):
        def get_single_node(self):
            raise _yaml.yaml.YAMLError("refused")

    monkeypatch.setattr(_yaml, "_FAST_LOADER", Refusing)
    path = tmp_path / "demo.yml"
    path.write_text("a: 1\n")
    with pytest.raises(_yaml.YamlError) as caught:
        _yaml.load(path)
    assert str(caught.value) == f"{path}:1: yaml: the file could not be parsed"


def read_as_on_windows(monkeypatch):
    """Path.read_text without an encoding decodes as cp1252, as on a Windows machine."""
    read_text = Path.read_text

    def windows(self, encoding=None, errors=None):
        return read_text(self, encoding=encoding or "cp1252", errors=errors)

    monkeypatch.setattr(Path, "read_text", windows)


def test_banks_chapters_and_bibliography_are_read_as_utf8_whatever_the_locale(
    tmp_path, monkeypatch
):
    # "Á" is C3 81 in UTF-8, and 0x81 is no character in cp1252
    bank_dir = make_book(tmp_path, {"demo": VALID.replace("Because it is.", "Á, because.")})
    (tmp_path / "book" / "references.bib").write_text(BIB.replace("A title", "Á title"))
    (tmp_path / "book" / "ch.md").write_text('# Á\n\n```{code-cell}\nquiz("nope")\n```\n')
    read_as_on_windows(monkeypatch)
    assert [str(p).split("book/")[-1] for p in check(tmp_path, bank_dir)] == [
        "ch.md:4: quiz: no question bank named 'nope' (known banks: demo)"
    ]
    from quizzes import _yaml

    assert "Á, because." in str(_yaml.load(bank_dir / "demo.yml").data)


def test_problems_are_sorted_by_the_text_of_their_path(tmp_path):
    # "a-b.md" before "a/b.md" as text ("-" < "/"), though a/ would come first as a folder
    bank_dir = make_book(tmp_path, {"demo": VALID})
    (tmp_path / "book" / "a").mkdir()
    for name in ("a-b.md", "a/b.md"):
        (tmp_path / "book" / name).write_text('```{code-cell}\nquiz("nope")\n```\n')
    assert [str(p).split("book/")[-1].split(":")[0] for p in check(tmp_path, bank_dir)] == [
        "a-b.md",
        "a/b.md",
    ]


def test_yaml_that_is_not_text_is_reported_at_line_1(tmp_path):
    bank_dir = make_book(tmp_path, {"demo": VALID.replace("Because it is.", "Because\x07 it is.")})
    (problem,) = check(tmp_path, bank_dir)
    msg = f"{problem.path.name}:{problem.line}: {problem.field}: {problem.message}"
    assert msg.startswith("demo.yml:1: (yaml): unacceptable character #x0007")


def test_an_empty_yaml_file(tmp_path):
    from quizzes import _yaml

    path = tmp_path / "empty.yml"
    path.write_text("# nothing here\n")
    located = _yaml.load(path)
    assert (located.path, located.data, located.line(("questions", 0))) == (path, None, 1)


def test_a_closed_multiline_string_is_not_blamed_for_a_later_error(tmp_path):
    # lines 11-12 hold a properly closed quoted string; line 14 has its own mistake
    broken = VALID.replace(
        "    stem: Which is right?", '    stem: "Which is\n      right?"'
    ).replace("      - text: Wrong", "      - text: [Wrong")
    assert problems(tmp_path, {"demo": broken}) == [
        "demo.yml:17: (yaml): expected ',' or ']', but got ':'"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # an unclosed quote on line 2, closed by the next quote on line 3 where parsing fails
        (
            'a: 1\nb: "x\nc: "y"\nd: 4\n',
            "2: yaml: a quoted string starting here runs on to line 3, where expected <block end>, "
            "but found '<scalar>': is a closing quote missing?",
        ),
        # a quoted string on one line is never the runaway one
        (
            'a: 1\nb: "ok"\n  c: 3\n',
            "3: yaml: expected <block end>, but found '<block mapping start>'",
        ),
        # a string over two lines that ends two lines before the mistake is not blamed ...
        ('a: "x\n  y"\nb: 1\n  c: 3\n', "4: yaml: mapping values are not allowed here"),
        # ... one that ends on the line before it is (a guess, said as one: "is ... missing?")
        (
            'a: "x\n  y"\n  c: 3\n',
            "1: yaml: a quoted string starting here runs on to line 3, where expected <block end>, "
            "but found '<block mapping start>': is a closing quote missing?",
        ),
        # a string that starts on the mistake's own line comes after it
        ('a: 1\n- "x\n  y"\n', "2: yaml: expected <block end>, but found '-'"),
    ],
)
def test_where_a_yaml_mistake_is_reported(tmp_path, text, message):
    from quizzes import _yaml

    path = tmp_path / "demo.yml"
    path.write_text(text)
    with pytest.raises(_yaml.YamlError) as caught:
        _yaml.load(path)
    assert str(caught.value) == f"{path}:{message}"


def test_field_names_read_like_the_bank():
    from quizzes.banks import field_name

    assert field_name(("questions", 2, "options", 0, "text")) == "questions[2].options[0].text"
    assert field_name(()) == "(file)"


def test_a_question_is_found_by_id(tmp_path):
    bank = parse_bank(make_book(tmp_path, {"demo": VALID}) / "demo.yml")[0]
    assert bank.question("demo-numeric").unit == "subunits"
    with pytest.raises(KeyError, match="demo-nope"):
        bank.question("demo-nope")


def test_an_unknown_bank_names_the_known_ones(tmp_path):
    from quizzes.banks import load_bank

    with pytest.raises(FileNotFoundError) as caught:
        load_bank("demo", tmp_path)
    assert str(caught.value) == f"no question bank {tmp_path / 'demo.yml'} (known banks: none)"
    other = VALID.replace("chapter: demo", "chapter: other")
    bank_dir = make_book(tmp_path, {"other": other, "third": other.replace("other", "third")})
    with pytest.raises(FileNotFoundError) as caught:
        load_bank("demo", bank_dir)
    assert str(caught.value).endswith("(known banks: other, third)")


def test_an_edited_bank_is_read_again_even_within_the_same_clock_tick(tmp_path):
    """load_bank parses a file once per version, the version being its modification time and
    size: an edit that keeps the size, or one that a coarse file-system clock gives the same
    time, is still seen (a contributor re-running a cell in JupyterLab gets the new text)."""
    import os

    from quizzes.banks import load_bank

    bank_dir = make_book(tmp_path, {"demo": VALID})
    path = bank_dir / "demo.yml"
    assert load_bank("demo", bank_dir).question("demo-numeric").stem == "How many subunits?"
    # same size, later time
    path.write_text(VALID.replace("How many subunits?", "How many subunitz?"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_bank("demo", bank_dir).question("demo-numeric").stem == "How many subunitz?"
    # other size, same time
    before = path.stat().st_mtime_ns
    path.write_text(VALID.replace("How many subunits?", "How many GABA-A subunits?"))
    os.utime(path, ns=(before, before))
    assert load_bank("demo", bank_dir).question("demo-numeric").stem == (
        "How many GABA-A subunits?"
    )


def test_a_broken_bank_does_not_hide_the_next_banks_problems(tmp_path):
    broken = VALID.replace("type: single", "type: essay")
    other = VALID.replace("chapter: demo", "chapter: other").replace("demo-single", "o-single")
    other = other.replace("demo-numeric", "o-numeric").replace("demo-1]", "demo-9]", 1)
    found = problems(tmp_path, {"demo": broken, "other": other})
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in found] == [
        "demo.yml:8: questions[0].type",
        "other.yml:4: objectives[0].id",
        "other.yml:10: questions[0].objectives[0]",
    ]


def test_problems_point_at_the_id_line_wherever_the_id_is_written(tmp_path):
    # ids written after other fields: a duplicate question id and an objective no question
    # assesses are reported at the line of their id, not where their entry starts
    moved = VALID.replace(
        "  - id: demo-numeric\n    type: numeric\n", "  - type: numeric\n    id: demo-single\n"
    ).replace(
        "    text: Know the demo.\n", "    text: Know the demo.\n  - text: More.\n    id: demo-2\n"
    )
    assert problems(tmp_path, {"demo": moved}) == [
        "demo.yml:7: objectives[1].id: objective 'demo-2' is assessed by 0 question(s); "
        "each needs at least 2",
        "demo.yml:22: questions[1].id: duplicate id 'demo-single' (first used at demo.yml:9)",
    ]

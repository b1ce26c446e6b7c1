"""`python -m quizzes assemble`: a reproducible, balanced quiz as a MyST page, a printable
worksheet and an answer key; bad arguments exit 2 with one line and write nothing."""

from __future__ import annotations

import html
import json
import re
import shlex
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from quizzes.__main__ import main
from quizzes.export import assemble, select
from quizzes.export._common import load_all
from quizzes.export.assemble import FILES

BANKS = Path(__file__).resolve().parent / "fixtures" / "export" / "banks"
FIXTURES_EDGE = BANKS.parent / "edge"
ALL = ["--tag", "alpha-1", "--tag", "alpha-2", "--tag", "beta-1", "--tag", "beta-2"]


def run(out: Path, *args: str, seed: int = 1, count: int = 5, title: str = "Week 3 quiz"):
    return main(
        [
            "assemble",
            "--banks",
            str(BANKS),
            *(args or ALL),
            "--count",
            str(count),
            "--seed",
            str(seed),
            "--title",
            title,
            "--out",
            str(out),
        ]
    )


def ids_of(out: Path) -> list[str]:
    return json.loads((out / "selection.json").read_text())["ids"]


def test_same_seed_same_quiz_other_seed_other_quiz(tmp_path, capsys):
    assert run(tmp_path / "a", seed=11) == 0
    assert run(tmp_path / "b", seed=11) == 0
    assert run(tmp_path / "c", seed=12) == 0
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert ids_of(tmp_path / "a") != ids_of(tmp_path / "c")
    assert (tmp_path / "a" / "worksheet.html").read_bytes() != (
        tmp_path / "c" / "worksheet.html"
    ).read_bytes()
    assert capsys.readouterr().err == ""


def test_selection_is_random_over_a_sorted_pool():
    banks = load_all(BANKS)
    tags = ["alpha-1", "alpha-2", "beta-1", "beta-2"]
    picks = {tuple(i.id for i in assemble(banks, tags, 3, seed)) for seed in range(40)}
    assert len(picks) > 10  # the seed matters
    # the pool order in the banks does not: reversing the banks' question order changes nothing
    reversed_banks = {
        c: b.model_copy(update={"questions": b.questions[::-1]}) for c, b in banks.items()
    }
    for seed in range(10):
        assert [i.id for i in assemble(banks, tags, 6, seed)] == [
            i.id for i in assemble(reversed_banks, tags, 6, seed)
        ]


@pytest.mark.parametrize("seed", range(12))
def test_selection_is_balanced_across_chapters_and_objectives(seed):
    banks = load_all(BANKS)
    tags = ["alpha-1", "alpha-2", "beta-1", "beta-2"]
    picked = assemble(banks, tags, 4, seed)
    assert Counter(i.bank.chapter for i in picked) == {"alpha_sleep": 2, "beta_drugs": 2}
    # each chapter's two picks come from its two objectives (first objective of a question)
    assert len({(i.bank.chapter, i.question.objectives[0]) for i in picked}) == 4
    picked = assemble(banks, tags, 11, seed)  # the whole pool, each question once
    assert sorted(i.id for i in picked) == sorted(i.id for i in select(banks))


def test_selection_honours_tags_and_count(tmp_path):
    assert run(tmp_path / "q", "--tag", "half-life", "--tag", "analysis", count=4) == 0
    ids = ids_of(tmp_path / "q")
    pool = {"beta-numeric", "beta-multiple", "beta-ordering", "alpha-matching", "alpha-single-2"}
    assert len(ids) == 4 and len(set(ids)) == 4 and set(ids) <= pool


def test_the_myst_page_lists_every_question_as_text(tmp_path):
    assert run(tmp_path / "q", count=11, title="Sleep & half-lives: review") == 0
    page = (tmp_path / "q" / "quiz.md").read_text()
    ids = ids_of(tmp_path / "q")
    banks = load_all(BANKS)
    questions = {q.id: q for b in banks.values() for q in b.questions}
    assert page.startswith("(sleep-half-lives-review)=\n# Sleep \\& half-lives: review\n")
    assert f"% question ids, in order: {', '.join(ids)}" in page
    assert "code-cell" not in page and "jupytext" not in page  # a plain page, no kernel
    tokens = MarkdownIt("commonmark").enable("table").parse(page)
    h2 = [
        tokens[k + 1].content
        for k, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert h2 == [f"Question {n}" for n in range(1, len(ids) + 1)]
    answers = [t for t in tokens if t.type == "fence" and t.info == "{admonition} Answer"]
    assert len(answers) == len(ids)
    for qid, fence in zip(ids, answers, strict=True):
        assert f"question `{qid}`" in fence.content
        assert ":class: dropdown" in fence.content
    # what a reader sees of each stem is the stem as written (its ** marks rendered as bold)
    shown = html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(page)))
    for qid in ids:
        assert " ".join(questions[qid].stem.replace("**", "").split()) in " ".join(shown.split())


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.sections: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "data-question-id" in attrs:
            self.sections.append(attrs["data-question-id"])

    def handle_data(self, data):
        self.text.append(data)


def parse_html(path: Path) -> _Html:
    parser = _Html()
    parser.feed(path.read_text())
    return parser


def test_worksheet_and_answer_key_are_standalone_print_pages_that_agree(tmp_path):
    assert run(tmp_path / "q", count=11, seed=5) == 0
    out = tmp_path / "q"
    ids = ids_of(out)
    banks = load_all(BANKS)
    questions = {q.id: q for b in banks.values() for q in b.questions}
    sheet, key = parse_html(out / "worksheet.html"), parse_html(out / "answer-key.html")
    for page in (sheet, key):
        assert page.sections == ids
        # no network asset: no scripts, links or external sources
        assert not [t for t, _ in page.tags if t in ("script", "link", "img", "iframe")]
        assert not [a for _, a in page.tags for v in a.values() if v and "://" in v]
    css = (out / "worksheet.html").read_text()
    assert "@media print" in css and "@page" in css and "break-inside: avoid" in css
    sheet_text, key_text = " ".join(sheet.text), " ".join(key.text)
    for qid in ids:
        q = questions[qid]
        # the worksheet gives nothing away; the key explains every answer
        assert " ".join(q.explanation.split()) not in sheet_text
        assert " ".join(q.explanation.split()) in key_text
    # the key's letters point at the right options of the worksheet's shuffled lists
    rows = re.findall(
        r"<tr><td>(\d+)</td><td>([^<]*)</td></tr>", (out / "answer-key.html").read_text()
    )
    sheet_html = (out / "worksheet.html").read_text()
    blocks = re.split(r'<section class="question"', sheet_html)[1:]
    assert len(rows) == len(ids) == len(blocks)
    for (number, answer), qid, block in zip(rows, ids, blocks, strict=True):
        q = questions[qid]
        assert f'data-question-id="{qid}"' in block and f">{number}.</span>" in block
        if q.type in ("single", "multiple"):
            letters = dict(re.findall(r"<b>([a-z])\.</b> ([^<]*)</li>", block))
            chosen = {html.unescape(letters[x]) for x in answer.split(", ")}
            assert chosen == {" ".join(o.text.split()) for o in q.options if o.correct}
        elif q.type == "ordering":
            letters = dict(re.findall(r"<b>([a-z])\.</b> ([^<]*)</li>", block))
            assert [html.unescape(letters[x]) for x in answer.split(", ")] == list(q.items)
        elif q.type == "matching":
            right = dict(re.findall(r"<li><b>([a-z])\.</b> ([^<]*)</li>", block))
            pairs = [p.split(" → ") for p in answer.split(", ")]
            assert [html.unescape(right[letter]) for _, letter in pairs] == [
                p.right for p in q.pairs
            ]
        elif q.type == "numeric":
            assert answer.startswith(f"{q.answer:g}")


def test_existing_folder_gets_the_files_and_no_leftovers(tmp_path):
    out = tmp_path / "quiz"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert run(out) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, "notes.txt"])
    assert [p.name for p in tmp_path.iterdir()] == ["quiz"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tag", "nosuchtag", "--count", "2"], "unknown tag 'nosuchtag'"),
        (["--tag", "stages", "--count", "3"], "larger than the pool"),
        (["--tag", "stages", "--count", "0"], "at least 1"),
        (["--tag", "stages", "--count", "1", "--chapter", "gamma"], "unknown chapter 'gamma'"),
        (["--tag", "stages", "--count", "1", "--out", "{tmp}/missing/quiz"], "does not exist"),
        (["--tag", "stages", "--count", "1", "--out", "{tmp}/file.txt"], "it is a file"),
        (["--tag", "stages", "--count", "1", "--title", "  "], "must not be empty"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_write_nothing(args, message, tmp_path, capsys):
    (tmp_path / "file.txt").write_text("not a folder")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "quiz")]
    if "--title" not in args:
        args += ["--title", "Quiz"]
    before = sorted(tmp_path.rglob("*"))
    assert main(["assemble", "--banks", str(BANKS), "--seed", "1", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("error: ") and message in captured.err
    assert sorted(tmp_path.rglob("*")) == before


def test_the_page_names_the_command_that_regenerates_it(tmp_path):
    assert (
        run(
            tmp_path / "a",
            "--tag",
            "half-life",
            "--tag",
            "stages",
            count=4,
            seed=9,
            title='It\'s a "quiz"',
        )
        == 0
    )
    page = (tmp_path / "a" / "quiz.md").read_text()
    (command,) = re.findall(r"\*Regenerate with\* `(.+)`\.", page)
    words = shlex.split(command)
    assert words[:4] == ["python", "-m", "quizzes", "assemble"] and words[-2:] == ["--out", "DIR"]
    assert main([*words[3:-1], str(tmp_path / "b"), "--banks", str(BANKS)]) == 0
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_unwritable_folder_exits_2(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("quizzes.export._common.tempfile.mkdtemp", refuse)
    assert run(tmp_path / "quiz") == 2
    assert (
        capsys.readouterr().err == f"error: cannot write {tmp_path / 'quiz'}: Permission denied\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--tag", "stages", "--count", "many", "--seed", "1", "--title", "Q"],
        ["--tag", "stages", "--count", "1", "--seed", "1"],  # no --title
    ],
)
def test_malformed_arguments_exit_2_with_one_line(args, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["assemble", "--banks", str(BANKS), *args, "--out", str(tmp_path / "q")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("error: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.browser
def test_pdf_worksheet_and_answer_key(tmp_path, capsys, chromium_path):
    out = tmp_path / "week3"
    assert run(out, *ALL, "--pdf") == 0
    for name in ("worksheet.pdf", "answer-key.pdf"):
        data = (out / name).read_bytes()
        assert data.startswith(b"%PDF-"), name
        assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1, name
    # the key holds the explanations the worksheet leaves out, so it is the longer document
    assert (out / "answer-key.pdf").stat().st_size > (out / "worksheet.pdf").stat().st_size


def test_pdf_without_chromium_exits_2_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("quizzes.export.pdf.find_chromium", lambda: None)
    out = tmp_path / "week3"
    assert run(out, *ALL, "--pdf") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --pdf needs Chromium") and "\n" not in err
    assert not out.exists()


@pytest.mark.parametrize("seed", range(6))
def test_no_tag_means_every_question_still_balanced(tmp_path, seed):
    """An educator asking for ten questions from the whole book gets them."""
    out = tmp_path / "all"
    args = ["assemble", "--banks", str(BANKS), "--count", "4", "--seed", str(seed)]
    assert main([*args, "--title", "Whole book", "--out", str(out)]) == 0
    ids = ids_of(out)
    banks = load_all(BANKS)
    chapter_of = {q.id: c for c, b in banks.items() for q in b.questions}
    assert Counter(chapter_of[i] for i in ids) == {"alpha_sleep": 2, "beta_drugs": 2}
    every = [i.id for i in assemble(banks, (), 11, seed)]
    assert sorted(every) == sorted(chapter_of)  # the pool is the whole book


def test_no_tag_count_larger_than_the_book_is_refused(tmp_path, capsys):
    args = ["assemble", "--banks", str(BANKS), "--count", "99", "--seed", "1"]
    assert main([*args, "--title", "T", "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        "error: --count 99 is larger than the pool: 11 questions are in the banks\n"
    )
    assert not (tmp_path / "x").exists()


# --- reviewed output, byte for byte ---------------------------------------------------------------

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "export" / "golden" / "assemble"


def test_assignment_files_are_the_reviewed_files(tmp_path, capsys):
    """Every file of one assignment, compared with files read through by hand: the keys agree
    with the shuffled labels (ordering d, c, a, b; matching 1 → c, 2 → a, 3 → b), the numeric
    band is 5 ± 0.5, and the page names the command that regenerates it. The stylesheet is the
    package's print.css, checked on its own below."""
    args = ["--chapter", "alpha_sleep", "--tag", "alpha-1", "--tag", "alpha-2"]
    out = tmp_path / "out"
    assert run(out, *args, seed=7, count=6, title="Week 3: sleep & stages") == 0
    assert capsys.readouterr().out == f"wrote 6 questions to {out}\n"
    css = (Path(__file__).resolve().parent.parent / "quizzes/export/print.css").read_text()
    for name in FILES:
        got = (out / name).read_text(encoding="utf-8")
        if name.endswith(".html"):
            assert got.count(f"<style>\n{css}</style>") == 1, name
            got = got.replace(f"<style>\n{css}</style>", "<style>\n(print.css)</style>")
        assert got == (GOLDEN / name).read_text(encoding="utf-8"), name


def test_a_chapters_printed_quiz_and_its_answer_key_are_the_reviewed_fragments():
    from quizzes.export.worksheet import answer_key_body, chapter_sheet, worksheet_fragment

    shown = chapter_sheet(load_all(BANKS)["beta_drugs"])
    assert worksheet_fragment(shown, "beta_drugs") + "\n" == (
        GOLDEN / "chapter-worksheet.html"
    ).read_text(encoding="utf-8")
    body = answer_key_body(shown, "h4", sources=lambda s: f'<p class="sources">{s.q.id}</p>')
    assert "\n".join(body) + "\n" == (GOLDEN / "chapter-answer-key.html").read_text(
        encoding="utf-8"
    )


def test_a_pdf_assignment_names_pdf_in_its_command(tmp_path, monkeypatch):
    """The PDF step itself needs Chromium (test_pdf_worksheet_and_answer_key); here it is
    replaced, to check what the assignment records of it."""
    from quizzes.export import pdf

    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda files: {n.replace(".html", ".pdf"): b"%PDF" for n in files}
    )
    out = tmp_path / "out"
    assert run(out, "--tag", "beta-1", "--pdf", count=2, seed=3) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*FILES, "answer-key.pdf", "worksheet.pdf"]
    )
    assert (out / "worksheet.pdf").read_bytes() == b"%PDF"
    assert "--seed 3 --title 'Week 3 quiz' --pdf --out DIR" in (out / "quiz.md").read_text()


def test_the_same_seed_gives_the_same_quiz_in_every_version():
    """An assignment page prints the command that regenerates it; the quiz it gives must not
    change under the educator. Chapters alternate, and within a chapter its objectives."""
    banks = load_all(BANKS)
    assert [i.id for i in assemble(banks, [], 6, 1)] == [
        "beta-matching",  # beta-2
        "alpha-single",  # alpha-1
        "beta-numeric",  # beta-1
        "alpha-numeric",  # alpha-2
        "beta-multiple",  # beta-2
        "alpha-ordering",  # alpha-1
    ]


def test_a_pool_too_small_is_described_by_what_chose_it():
    from quizzes.export import UsageError

    banks = load_all(BANKS)
    for args, message in [
        ((["alpha-1", "beta-1"], 99, 1), "6 questions match --tag alpha-1 beta-1"),
        (([], 99, 1, "alpha_sleep"), "6 questions are in chapter 'alpha_sleep'"),
        (([], 99, 1), "11 questions are in the banks"),
    ]:
        with pytest.raises(UsageError) as caught:
            assemble(banks, *args)
        assert str(caught.value) == f"--count 99 is larger than the pool: {message}"


def test_letters_run_on_past_z():
    from quizzes.export.worksheet import label

    assert [label(k) for k in (0, 25, 26, 27, 51, 52)] == ["a", "z", "aa", "ab", "az", "ba"]


def test_slugs_of_titles():
    from quizzes.export.assemble import slug

    assert slug("¿Week 3: Sleep & Stages?") == "week-3-sleep-stages"
    assert slug("!!!") == "quiz"


def test_an_option_without_feedback_has_none_in_the_key():
    from quizzes.export.worksheet import answer_key_body, present

    banks = load_all(FIXTURES_EDGE)
    (shown,) = present([i for i in select(banks) if i.id == "edge-fine"], 1)
    lines = [x for x in answer_key_body([shown]) if x.startswith("<li")]
    assert sorted(x.rsplit("</b> ", 1)[1] for x in lines) == ["No</li>", "Yes</li>"]


def test_a_numeric_question_without_a_unit_in_the_page(tmp_path):
    from quizzes.export.assemble import myst_page
    from quizzes.export.worksheet import present

    (item,) = [i for i in select(load_all(BANKS)) if i.id == "beta-numeric-neg"]
    page = myst_page(present([item], 1), "T", 1, "cmd")
    assert "\nAnswer: \\_\\_\\_\\_\\_\\_\n" in page  # no trailing space where a unit would be
    assert "\n**\\-2 (accept -2 to -2)**\n" in page  # a leading "-" would start a list


def test_write_assignment_writes_the_four_files_and_keeps_text_as_typed(tmp_path):
    from quizzes.export import UsageError, write_assignment

    selection = assemble(load_all(BANKS), ["beta-1"], 2, 5)
    write_assignment(selection, "Schlaf – Woche 3", 5, tmp_path / "out")  # no PDF unless asked
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)
    record = (tmp_path / "out" / "selection.json").read_text(encoding="utf-8")
    assert '"title": "Schlaf – Woche 3"' in record
    with pytest.raises(UsageError) as caught:
        write_assignment(selection, " ", 5, tmp_path / "other")
    assert str(caught.value) == "--title must not be empty"

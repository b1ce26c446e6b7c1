"""The book as a whole: every chapter has its parts, the bank meets its bar, the back matter
is complete, and the case-study table is sound data."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml

from quizzes import load_banks
from quizzes.model import QUESTION_TYPES
from quizzes.references import bib_keys

from conftest import ROOT, build_book

BOOK = ROOT / "book"
TOC = (ROOT / "_toc.yml").read_text()
CHAPTERS = [
    c
    for c in re.findall(r"file:\s*book/(\w+)", TOC)
    if (ROOT / "quizzes/bank" / f"{c}.yml").exists()
]
KEYS = bib_keys(BOOK / "references.bib")
VERDICTS = {"correct", "partly correct", "incorrect", "misleading", "unsupported", "omission"}


def glossary_terms() -> list[str]:
    text = (BOOK / "glossary.md").read_text()
    body = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [
        line.strip()
        for line in body.splitlines()
        if line and not line[0].isspace() and not line.startswith(":")
    ]


def term_roles() -> set[str]:
    used = set()
    for page in BOOK.glob("*.md"):
        for target in re.findall(r"\{term\}`([^`]+)`", page.read_text()):
            match = re.search(r"<([^>]+)>$", target)  # {term}`text <Term>`
            used.add((match.group(1) if match else target).strip().lower())
    return used


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_every_part(chapter):
    text = (BOOK / f"{chapter}.md").read_text()
    assert text.count(f"({chapter})=") == 1, "label equal to the file name"
    assert "{include} _notice.md" in text, "educational-use notice"
    assert f"{{objectives}} {chapter}" in text, "learning objectives"
    assert re.search(r"^## Summary", text, re.M), "summary"
    assert "Key points" in text
    assert re.search(r"\*Last reviewed: \d{4}-\d{2}-\d{2}\.\*", text), "last reviewed date"
    assert f'quiz("{chapter}")' in text
    assert len(re.findall(r"\{cite(:[pt])?\}`", text)) >= 15, "citations throughout"
    assert "{term}`" in text, "glossary term roles"
    assert "$" not in re.sub(r"```.*?```", "", text, flags=re.S), "no $ math (MathJax is a CDN)"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_quiz_meets_the_bar(chapter):
    bank = load_banks()[chapter]
    assert len(bank.questions) >= 10
    levels = Counter(q.level for q in bank.questions)
    higher = levels["application"] + levels["analysis"]
    assert higher / len(bank.questions) >= 0.4, f"about half application/analysis: {levels}"
    assert len({q.type for q in bank.questions}) >= 3


def test_whole_bank_meets_the_bar():
    banks = load_banks()
    questions = [q for b in banks.values() for q in b.questions]
    assert len(banks) >= 6 and len(questions) >= 70
    assert {q.type for q in questions} == set(QUESTION_TYPES)
    higher = sum(q.level in {"application", "analysis"} for q in questions)
    assert 0.45 <= higher / len(questions) <= 0.75
    case_study = [q for q in banks["critical_appraisal"].questions if "spot-the-error" in q.tags]
    assert len(case_study) >= 6


def test_glossary_is_complete_and_every_term_is_used():
    terms = glossary_terms()
    assert len(terms) >= 40
    used = term_roles()
    unused = [t for t in terms if t.lower() not in used]
    assert unused == [], f"glossary terms no chapter uses: {unused}"


CLAIMS = yaml.safe_load((BOOK / "data" / "case_study_claims.yml").read_text())
# the case-study post is kept beside the repository, not in it (we quote it, we do not publish it)
SEED_ARTICLE = ROOT.parent / "shared" / "reference" / "seed-article.txt"


def test_case_study_table_is_sound_data():
    assert len(CLAIMS) >= 10
    assert len({r["id"] for r in CLAIMS}) == len(CLAIMS)
    for row in CLAIMS:
        assert row["verdict"] in VERDICTS, row["id"]
        assert row["sources"] and all(k in KEYS for k in row["sources"]), row["id"]
        assert len(row["claim"].split()) <= 25, f"{row['id']}: quote only short claims"


@pytest.mark.skipif(
    not SEED_ARTICLE.exists(),
    reason=f"the case-study post is not at {SEED_ARTICLE} (it lives beside the repository, "
    "in ../shared, not in it): the quotes cannot be checked against it here",
)
def test_case_study_quotes_the_post_word_for_word():
    post = " ".join(SEED_ARTICLE.read_text().split())
    for row in CLAIMS:
        if row["verdict"] == "omission":  # what the post leaves out has no quote
            continue
        quote = row["claim"].replace("...", "…").split("…")
        assert all(" ".join(part.split()).strip(" .") in post for part in quote), (
            f"{row['id']}: quote not found word for word in the post"
        )


def plain(html: str) -> str:
    """Text of an HTML fragment, entities decoded, whitespace collapsed, apostrophes straight
    (Sphinx's smart quotes curl them)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("’", "'").split())


@pytest.mark.slow
def test_objectives_index_lists_each_question_under_its_objectives(built_site):
    """Each objective's entry shows its text, "assessed by N" and exactly its questions, in bank
    order, with their type and level; each chapter heading counts its questions."""
    html = (built_site / "book" / "objectives.html").read_text()
    for bank in load_banks().values():
        heading = re.search(
            rf'href="{bank.chapter}\.html#[\w-]+">(?:(?!</a>).)*</a></strong> \((\d+) questions\)',
            html,
        )
        assert heading and int(heading.group(1)) == len(bank.questions), bank.chapter
        for objective in bank.objectives:
            entry = re.search(
                rf'<li id="objective-{objective.id}">(.*?)(?=<li id="objective-|</ol>)', html, re.S
            )
            assert entry, objective.id
            text = plain(entry.group(1))
            assessing = [q for q in bank.questions if objective.id in q.objectives]
            shown = ", ".join(f"{q.id} ({q.type}, {q.level})" for q in assessing)
            assert text.startswith(" ".join(objective.text.split())), objective.id
            assert text.endswith(f"{objective.id} assessed by {len(assessing)}: {shown}"), (
                objective.id,
                text,
            )


@pytest.mark.slow
def test_case_study_page_renders_each_claim_with_its_verdict_fact_and_sources(built_site):
    from pybtex.database import parse_file

    entries = parse_file(str(BOOK / "references.bib")).entries
    html = (built_site / "book" / "critical_appraisal.html").read_text()
    table = html[html.index('<table class="claims-table') :]
    table = table[: table.index("</table>")]
    rendered = {}
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
        cells = re.findall(r"<td>(.*?)</td>", tr, re.S)
        rendered[plain(cells[0])] = cells
    assert list(rendered) == [r["id"] for r in CLAIMS]
    for row in CLAIMS:
        _, claim, verdict, fact, sources = rendered[row["id"]]
        quoted = " ".join(row["claim"].split()).replace("...", "…")
        assert plain(claim) == f"“{quoted}”", row["id"]
        assert verdict.strip() == f"<p><strong>{row['verdict']}</strong></p>", row["id"]
        fact_text = plain(fact).replace("“", '"').replace("”", '"')
        assert fact_text == " ".join(row["fact"].split()).replace("...", "…"), row["id"]
        # one citation per source, each linking to its entry on the references page
        cited = re.findall(r'href="references.html#[^"]+" title="([^"]*)"', sources)
        assert len(cited) == len(row["sources"]), row["id"]
        for key, title in zip(row["sources"], cited, strict=True):
            expected = entries[key].fields["title"].replace("{", "").replace("}", "")
            # the references page writes titles in sentence case
            assert " ".join(expected.split()).lower() in unescape(title).lower(), (row["id"], key)
    assert html.count('class="bzq"') == 0  # the quiz is rendered in the browser, not baked in


@pytest.mark.slow
def test_a_term_used_but_not_defined_fails_the_build(tmp_path):
    book = Path(shutil.copytree(ROOT / "tests" / "books" / "cached", tmp_path / "glossary"))
    (book / "intro.md").write_text(
        "# Terms\n\nA {term}`defined` term and an {term}`undefined` one.\n\n"
        "```{glossary}\ndefined\n  It is.\n```\n"
    )
    result = build_book(book, book)
    assert result.returncode != 0
    assert "term not in glossary: 'undefined'" in result.stdout + result.stderr

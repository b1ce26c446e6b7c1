"""The directives that render bank data into pages (quizzes.sphinxext.directives), in a tiny Sphinx
project (MyST pages, the fixture banks of tests/fixtures/export, a .bib file): what a reader
gets, and the message an author gets for a mistake. Expected values are read off the fixture
banks by hand.

The project is built once, inside the one test that checks it (the checks are the `check_*`
functions below): a build in a shared fixture would be credited to whichever test ran first,
and mutation testing (benchmarks/mutation.py) runs only the tests credited with a function."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

BANKS = Path(__file__).resolve().parent / "fixtures" / "export" / "banks"

CONF = """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "directives_only"]
bibtex_bibfiles = ["references.bib"]
quizzes_banks = {banks!r}  # relative to the project, as a book writes it
exclude_patterns = ["_out", "_doctrees"]
"""
# only the three directives and their setting, not the whole book extension
EXTENSION = """
from quizzes.sphinxext.directives import ClaimsTable, Objectives, ObjectivesTable

def setup(app):
    app.add_config_value("quizzes_banks", "", "env", types=[str])
    app.add_directive("objectives", Objectives)
    app.add_directive("objectives-table", ObjectivesTable)
    app.add_directive("claims-table", ClaimsTable)
    return {"parallel_read_safe": True}
"""
BIB = """
@misc{able2020, author = {Able, Ann}, title = {A}, year = {2020}}
@misc{baker2021, author = {Baker, Bo}, title = {B}, year = {2021}}
"""
CLAIMS = """
- id: C-01
  claim: "Benzodiazepines   cure *insomnia*\\n  for good."
  verdict: incorrect
  fact: "They help **short-term**; <b>not</b> a cure."
  sources: [able2020, baker2021]
- id: C-02
  claim: "{{ 7*7 }}"
  verdict: unsupported
  fact: No source says so.
  sources: []
"""
PAGES = {
    "index.md": "# Index\n\n```{toctree}\nbeta_drugs\nalpha_sleep\nobjectives\nclaims\n```\n\n"
    "```{bibliography}\n```\n",
    "alpha_sleep.md": "(alpha_sleep)=\n# Alpha\n\n```{objectives} alpha_sleep\n```\n",
    "beta_drugs.md": "(beta_drugs)=\n# Beta\n",
    "objectives.md": "# Objectives\n\n```{objectives-table}\n```\n",
    "claims.md": "# Claims\n\n```{claims-table} claims.yml\n```\n",
    "no_bank.md": "# None\n\n```{objectives} gamma\n```\n",
    "bad_missing.md": "# M\n\n```{claims-table} missing.yml\n```\n",
    "bad_list.md": "# L\n\n```{claims-table} bad_list.yml\n```\n",
    "bad_fields.md": "# F\n\n```{claims-table} bad_fields.yml\n```\n",
    "bad_verdict.md": "# V\n\n```{claims-table} bad_verdict.yml\n```\n",
    "bad_key.md": "# K\n\n```{claims-table} bad_key.yml\n```\n",
    "bad_yaml.md": "# Y\n\n```{claims-table} bad_yaml.yml\n```\n",
}
DATA = {
    "claims.yml": CLAIMS,
    "bad_list.yml": "claim: not a list\n",
    "bad_fields.yml": "- id: X-1\n  claim: c\n  verdict: correct\n  fact: f\n  sources: []\n"
    "- id: X-2\n  verdict: correct\n  sources: []\n",
    "bad_verdict.yml": "- {id: V-1, claim: c, verdict: maybe, fact: f, sources: []}\n",
    "bad_key.yml": "- {id: K-1, claim: c, verdict: correct, fact: f,\n"
    "   sources: [able2020, '{x}`y`']}\n",
    "bad_yaml.yml": "- [unclosed\n",
    # the order of the table of contents, as Jupyter Book writes it (beta before alpha)
    "_toc.yml": "root: index\nchapters:\n- file: chapters/beta_drugs\n- file: alpha_sleep\n",
}


def build_with(src: Path, banks: Path, pages: dict[str, str]):
    """Build a project of `pages` (and the extension) over the bank folder `banks`."""
    import sys

    from sphinx.application import Sphinx

    (src / "conf.py").write_text(CONF.format(banks=str(banks)))
    (src / "directives_only.py").write_text(EXTENSION)
    (src / "references.bib").write_text(BIB)
    for name, text in pages.items():
        (src / name).write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    sys.path.insert(0, str(src))
    try:
        app = Sphinx(
            src, src, src / "_out", src / "_doctrees", "dummy", status=None, warning=warnings
        )
        app.build()
    finally:
        sys.path.remove(str(src))
    return app, re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue())


def build(src: Path):
    """Build the project into `src`; returns the Sphinx app and its warnings (uncoloured)."""
    import os

    return build_with(src, Path(os.path.relpath(BANKS, src)), {**PAGES, **DATA})


def errors(warnings: str, page: str) -> list[str]:
    """The directive errors a page got, without Sphinx's file prefix."""
    return [
        line.split("ERROR: ", 1)[1]
        for line in warnings.splitlines()
        if f"{page}.md:" in line and "ERROR: " in line
    ]


def test_directives_in_a_small_book(tmp_path):
    app, warnings = build(tmp_path)
    check_objectives(app)
    check_objectives_index(app)
    check_claims_table(app)
    check_mistakes(warnings)
    check_dependencies(app)


def check_objectives(app):
    (box,) = app.env.get_doctree("alpha_sleep").findall(nodes.admonition)
    assert box["classes"] == ["tip", "objectives"]
    assert box[0].astext() == "Learning objectives"
    assert box[1].astext() == "After working through this chapter you should be able to:"
    (items,) = box.findall(nodes.enumerated_list)
    assert (items["enumtype"], items["prefix"], items["suffix"]) == ("arabic", "", ".")
    assert [i.astext() for i in items.children] == [
        "Name the stages of a night’s sleep.",  # Sphinx's smart quotes
        "Read a simple hypnogram.",
    ]


def check_objectives_index(app):
    (index,) = app.env.get_doctree("objectives").findall(
        lambda n: isinstance(n, nodes.container) and "objectives-index" in n["classes"]
    )
    headings = [p for p in index.children if isinstance(p, nodes.paragraph)]
    # each chapter by a {ref} to its label (its title once resolved), in table-of-contents order
    assert [h.astext() for h in headings] == [
        "beta_drugs (5 questions)",
        "alpha_sleep (6 questions)",
    ]
    assert [type(n) for n in headings[0].children] == [nodes.strong, nodes.Text]
    refs = [x["reftarget"] for x in index.findall(addnodes.pending_xref)]
    assert refs == ["beta_drugs", "alpha_sleep"]
    lists = [n for n in index.children if isinstance(n, nodes.enumerated_list)]
    assert [(x["enumtype"], x["prefix"], x["suffix"]) for x in lists] == [("arabic", "", ".")] * 2
    beta, alpha = ([item for item in lst.children] for lst in lists)
    assert [i["ids"] for i in alpha] == [["objective-alpha-1"], ["objective-alpha-2"]]
    first = alpha[0]
    assert first[0].astext() == "Name the stages of a night’s sleep. alpha-1"
    assert [n.astext() for n in first[0].findall(nodes.literal)] == ["alpha-1"]
    assert first[1].astext() == (
        "assessed by 3: alpha-single (single, recall), alpha-multiple (multiple, application), "
        "alpha-ordering (ordering, recall)"
    )
    assert isinstance(first[1], nodes.bullet_list)
    assert [n.astext() for n in first[1].findall(nodes.literal)] == [
        "alpha-single",
        "alpha-multiple",
        "alpha-ordering",
    ]
    assert beta[1][1].astext() == (
        "assessed by 3: beta-multiple (multiple, analysis), beta-matching (matching, recall), "
        "beta-ordering (ordering, application)"
    )


def check_claims_table(app):
    (table,) = app.env.get_doctree("claims").findall(nodes.table)
    assert table["classes"] == ["claims-table", "colwidths-given"]
    assert table[0].astext() == "Checkable claims of the case-study post"
    assert [c["colwidth"] for c in table.findall(nodes.colspec)] == [8, 28, 12, 36, 16]
    (group,) = table.findall(nodes.tgroup)
    assert group["cols"] == 5
    head, body = group.children[-2:]
    assert isinstance(head, nodes.thead) and isinstance(body, nodes.tbody)
    assert [e.astext() for e in head.findall(nodes.entry)] == [
        "Id",
        "Claim (quoted)",
        "Verdict",
        "What the sources say",
        "Source",
    ]
    first, second = ([e.astext() for e in row.children] for row in body.children)
    assert first == [
        "C-01",
        "“Benzodiazepines cure insomnia for good.”",  # spaces and line breaks collapsed
        "incorrect",
        "They help short-term; <b>not</b> a cure.",  # marks kept, HTML shown as text
        "able2020, baker2021",
    ]
    cites = list(body.children[0][4].findall(addnodes.pending_xref))
    assert [(x["refdomain"], x["reftype"], x["reftarget"]) for x in cites] == [
        ("cite", "t", "able2020"),  # {cite:t}, resolved by sphinxcontrib-bibtex
        ("cite", "t", "baker2021"),
    ]
    assert second == ["C-02", "“{{ 7*7 }}”", "unsupported", "No source says so.", "—"]
    row = body.children[0]
    assert [type(n) for n in row[1][0].children] == [
        nodes.Text,
        nodes.Text,
        nodes.emphasis,
        nodes.Text,
        nodes.Text,
    ]
    assert [type(n) for n in row[3][0].children] == [nodes.Text, nodes.strong, nodes.Text]
    assert isinstance(row[2][0][0], nodes.strong)


def check_mistakes(warnings):
    (message,) = errors(warnings, "no_bank")
    assert (
        message == f"no question bank {BANKS / 'gamma.yml'} (known banks: alpha_sleep, beta_drugs)"
    )
    for page, message in [
        ("bad_list", "bad_list.yml: expected a non-empty list of claims"),
        ("bad_fields", "bad_fields.yml: claim 2: missing field(s) claim, fact"),
        (
            "bad_verdict",
            "bad_verdict.yml: claim V-1: verdict must be one of ('correct', 'partly correct', "
            "'incorrect', 'misleading', 'unsupported', 'omission')",
        ),
        ("bad_key", "bad_key.yml: claim K-1: not a bibliography key: '{x}`y`'"),
    ]:
        assert errors(warnings, page) == [message], page
    (missing,) = errors(warnings, "bad_missing")
    assert missing.startswith("missing.yml: [Errno 2] No such file or directory")
    (broken,) = errors(warnings, "bad_yaml")
    assert broken.startswith("bad_yaml.yml: while parsing a flow sequence")


def check_dependencies(app):
    """A page is rebuilt when a bank or data file it shows changes."""
    deps = {k: sorted(map(str, v)) for k, v in app.env.dependencies.items()}
    assert deps["alpha_sleep"] == [str(BANKS / "alpha_sleep.yml")]
    assert deps["objectives"] == [str(BANKS / "alpha_sleep.yml"), str(BANKS / "beta_drugs.yml")]
    assert deps["claims"] == ["claims.yml"]


def test_the_bank_folder_is_the_books_setting_or_the_packages():
    from types import SimpleNamespace as NS

    from quizzes.banks import BANK_DIR
    from quizzes.sphinxext.directives import bank_dir

    assert bank_dir(NS(config=NS(quizzes_banks=""), srcdir="/book")) == BANK_DIR
    assert bank_dir(NS(config=NS(quizzes_banks="../b"), srcdir="/book/src")) == Path("/book/b")


def test_toc_order_reads_file_names(tmp_path):
    from quizzes.sphinxext.directives import toc_order

    assert toc_order(tmp_path) == {}
    (tmp_path / "_toc.yml").write_text(
        textwrap.dedent(
            """\
            root: intro
            parts:
              - chapters:
                - file: book/gaba_receptor
                - file:   book/sleep
                - file: gaba_receptor
            """
        )
    )
    # a name listed twice keeps its first place
    assert toc_order(tmp_path) == {"gaba_receptor": 0, "sleep": 1}


# --- found by mutation testing (benchmarks/mutation.py) ----------------------------------------


def test_a_bank_missing_from_the_contents_comes_last_and_utf8_is_read_anywhere(
    tmp_path, monkeypatch
):
    banks = tmp_path / "banks"
    banks.mkdir()
    for name in ("alpha_sleep", "beta_drugs"):
        (banks / f"{name}.yml").write_bytes((BANKS / f"{name}.yml").read_bytes())
    alpha = (BANKS / "alpha_sleep.yml").read_text(encoding="utf-8")
    (banks / "aardvark.yml").write_text(
        alpha.replace("chapter: alpha_sleep", "chapter: aardvark"), encoding="utf-8"
    )
    src = tmp_path / "src"
    src.mkdir()
    pages = {
        "index.md": "# I\n\n```{toctree}\nbeta_drugs\nalpha_sleep\nobjectives\nclaims\n```\n",
        "alpha_sleep.md": "(alpha_sleep)=\n# Alpha\n",
        "beta_drugs.md": "(beta_drugs)=\n# Beta\n",
        "objectives.md": "# Objectives\n\n```{objectives-table}\n```\n",
        "claims.md": "# Claims\n\n```{claims-table} claims.yml\n```\n",
        "claims.yml": "- {id: Á-1, claim: Á, verdict: correct, fact: f, sources: []}\n",
        "_toc.yml": "root: index\nchapters:\n- file: beta_drugs\n- file: alpha_sleep\n",
    }
    # Path.read_text without an encoding decodes as cp1252, as on a Windows machine ("Á" is C3 81
    # in UTF-8, and 0x81 is no character in cp1252)
    read_text = Path.read_text
    monkeypatch.setattr(
        Path, "read_text", lambda self, encoding=None, errors=None: read_text(
            self, encoding=encoding or "cp1252", errors=errors
        ),
    )  # fmt: skip
    app, warnings = build_with(src, banks, pages)
    (index,) = app.env.get_doctree("objectives").findall(
        lambda n: isinstance(n, nodes.container) and "objectives-index" in n["classes"]
    )
    refs = [x["reftarget"] for x in index.findall(addnodes.pending_xref)]
    assert refs == ["beta_drugs", "alpha_sleep", "aardvark"]  # not in the contents: last
    (table,) = app.env.get_doctree("claims").findall(nodes.table)
    assert [e.astext() for e in table.findall(nodes.entry)][5:8] == ["Á-1", "“Á”", "correct"]
    # the chapter with no page is a broken reference, reported on the page that shows the table
    (missing,) = [line for line in warnings.splitlines() if "aardvark" in line]
    assert missing == f"{src / 'objectives.md'}:4: WARNING: undefined label: 'aardvark'"


def test_a_broken_bank_in_the_folder_is_named_by_the_objectives_table(tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "demo.yml").write_text("chapter: demo\ntitle: [Demo\n")
    src = tmp_path / "src"
    src.mkdir()
    pages = {"index.md": "# Objectives\n\n```{objectives-table}\n```\n"}
    _, warnings = build_with(src, banks, pages)
    assert errors(warnings, "index") == [
        f"{banks / 'demo.yml'}:3: (yaml): expected ',' or ']', but got '<stream end>'"
    ]

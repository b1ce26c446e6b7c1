"""The one markup rule for bank text (quizzes.markup), and bank text made safe for MyST.

The cases in tests/fixtures/markup_cases.json are written by hand; the front end's Node tests
read the same file, so the page and every export agree on what a mark is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from quizzes.markup import code_span, to_html, to_myst, to_plain, tokens

CASES = json.loads((Path(__file__).parent / "fixtures" / "markup_cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "(empty)" for c in CASES])
def test_tokens_follow_the_rule(case):
    assert [list(t) for t in tokens(case["text"])] == case["tokens"]


def test_html_escapes_everything_but_the_marks():
    assert to_html("<b>**x**</b> & *y* `<i>`") == (
        "&lt;b&gt;<strong>x</strong>&lt;/b&gt; &amp; <em>y</em> <code>&lt;i&gt;</code>"
    )
    assert to_plain("**x** and *y* and `z` and 2 * 3") == "x and y and z and 2 * 3"


# text as written -> what a MyST/Markdown renderer must show (as HTML), nothing more
MYST = [
    ("{{ 7*7 }}", "<p>{{ 7*7 }}</p>"),
    ("<svg onload=x()>", "<p>&lt;svg onload=x()&gt;</p>"),
    ("# not a heading", "<p># not a heading</p>"),
    ("- not a list", "<p>- not a list</p>"),
    ("1. not a list", "<p>1. not a list</p>"),
    ("> not a quote", "<p>&gt; not a quote</p>"),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("&lt; stays", "<p>&amp;lt; stays</p>"),
    ("a | b", "<p>a | b</p>"),
    ("**bold** *em* `co*de`", "<p><strong>bold</strong> <em>em</em> <code>co*de</code></p>"),
    ("2 * 3 and p*", "<p>2 * 3 and p*</p>"),
    ("back\\slash", "<p>back\\slash</p>"),
    ("line\n\nbreaks", "<p>line breaks</p>"),
]


@pytest.mark.parametrize("text, html", MYST, ids=[t for t, _ in MYST])
def test_myst_shows_text_as_written(text, html):
    rendered = MarkdownIt("commonmark").enable("table").render(to_myst(text)).strip()
    assert rendered == html


def test_code_span_holds_any_backticks():
    md = MarkdownIt("commonmark")
    for text in ["plain", "a `tick`", "``double``"]:
        assert md.render(code_span(text)).strip() == f"<p><code>{text}</code></p>"
    # the fence is one backtick longer than the longest run inside, no longer (the text a
    # contributor reads in an exported page)
    assert code_span("a `tick`") == "`` a `tick` ``"
    assert code_span("``double``") == "``` ``double`` ```"


def test_docutils_nodes_hold_the_marks_and_nothing_else():
    from docutils import nodes

    from quizzes.markup import to_nodes

    made = to_nodes("**a** <b>{{ 7*7 }}</b> *y* `c*d`")
    assert [type(n) for n in made] == [
        nodes.strong,
        nodes.Text,
        nodes.emphasis,
        nodes.Text,
        nodes.literal,
    ]
    assert [n.astext() for n in made] == ["a", " <b>{{ 7*7 }}</b> ", "y", " ", "c*d"]
    assert [n.rawsource for n in made if not isinstance(n, nodes.Text)] == ["a", "y", "c*d"]
    assert to_nodes("") == []


def test_html_keeps_quotes_as_typed():
    assert to_html('He said "no" & it\'s <fine>') == 'He said "no" &amp; it\'s &lt;fine&gt;'

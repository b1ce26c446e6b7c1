"""The little markup bank text may use, and bank text made safe for every place it lands.

Bank text is plain text with three inline marks (the rule, also in quizzes/bank/README.md):

- `` `code` ``: a backtick, one or more characters that are not backticks, a backtick; the
  inside is shown as it is written;
- `**strong**` and `*emphasis*`: the opening mark is not preceded by a letter, digit or
  asterisk and is followed by a non-space; the closing mark is preceded by a non-space and not
  followed by a letter, digit or asterisk. Marks do not nest.

Everything else is literal text: `2 * 3`, `p*`, `a*b*c`, `{{ 7*7 }}`, `<b>` and `$x$` show as
written. The widget's front end (quizzes/static/src/markup.js) implements the same rule, and
tests/fixtures/markup_cases.json holds the cases both are tested against.

Renderers: `to_html` (escaped HTML, for exports and worksheets), `to_plain` (marks dropped, for
fields that take no formatting), `to_myst` (escaped MyST Markdown, for generated pages and the
Markdown export) and `to_nodes` (docutils nodes, for the Sphinx directives).
"""

from __future__ import annotations

import html
import re

# a letter or digit, in any script ([^\W_] is \w without the underscore)
_ALNUM = r"[^\W_]"
_OPEN = rf"(?<!{_ALNUM})(?<!\*)"
_CLOSE = rf"(?!{_ALNUM})(?!\*)"
MARKUP = re.compile(
    r"`(?P<code>[^`]+)`"
    rf"|{_OPEN}\*\*(?P<strong>(?=[^\s*]).*?(?<=[^\s*]))\*\*{_CLOSE}"
    rf"|{_OPEN}\*(?P<em>(?=[^\s*]).*?(?<=[^\s*]))\*{_CLOSE}",
    re.S,
)

KINDS = ("text", "strong", "em", "code")


def tokens(text: str) -> list[tuple[str, str]]:
    """`text` as (kind, content) pieces, kind one of text, strong, em, code."""
    out: list[tuple[str, str]] = []
    last = 0
    for match in MARKUP.finditer(text):
        if match.start() > last:
            out.append(("text", text[last : match.start()]))
        kind = match.lastgroup
        out.append((kind, match.group(kind)))
        last = match.end()
    if last < len(text):
        out.append(("text", text[last:]))
    return out


_TAGS = {"strong": "strong", "em": "em", "code": "code"}


def to_html(text: str) -> str:
    """Escaped HTML with <strong>, <em> and <code> for the marks."""
    parts = []
    for kind, content in tokens(text):
        escaped = html.escape(content, quote=False)
        parts.append(escaped if kind == "text" else f"<{_TAGS[kind]}>{escaped}</{_TAGS[kind]}>")
    return "".join(parts)


def to_plain(text: str) -> str:
    """The text with its marks dropped (for fields that cannot hold formatting)."""
    return "".join(content for _, content in tokens(text))


# Characters that start inline syntax in MyST Markdown (emphasis, code, links, raw HTML,
# entities, roles and substitutions, math, tables, strikethrough, escapes).
_MYST_INLINE = set("\\`*_{}[]<>$&|~!")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _escape_myst(text: str) -> str:
    return "".join("\\" + ch if ch in _MYST_INLINE else ch for ch in text)


def to_myst(text: str) -> str:
    """One line of MyST Markdown that renders `text` as text with its marks, whatever it holds.

    Every character that could start inline syntax is backslash-escaped, and so is whatever
    could start a block at the beginning of the line (a heading, list, quote, comment, target
    or fence: a leading punctuation character, or the "1." of a numbered list).
    """
    pieces = tokens(" ".join(text.split()))
    parts = []
    for kind, content in pieces:
        if kind == "code":  # a code span shows its inside literally (it holds no backtick)
            parts.append(f"`{content}`")
        else:
            escaped = _escape_myst(content)
            parts.append({"text": "{}", "strong": "**{}**", "em": "*{}*"}[kind].format(escaped))
    out = "".join(parts)
    if pieces and pieces[0][0] == "text":  # (a leading mark starts inline syntax, as meant)
        if out[0] in _ASCII_PUNCT and out[0] != "\\":
            out = "\\" + out
        out = _LIST_NUMBER.sub(r"\1\\\2", out, count=1)
    return out


_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def code_span(text: str) -> str:
    """`text` as one MyST code span, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"


def to_nodes(text: str) -> list:
    """Docutils nodes for `text`: Text, strong, emphasis and literal; never parsed as markup."""
    from docutils import nodes

    made = {
        "text": lambda c: nodes.Text(c),
        "strong": lambda c: nodes.strong(c, c),
        "em": lambda c: nodes.emphasis(c, c),
        "code": lambda c: nodes.literal(c, c),
    }
    return [made[kind](content) for kind, content in tokens(text)]

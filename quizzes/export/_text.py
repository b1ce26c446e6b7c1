"""Text helpers shared by the exporters: bank text (plain text with a little inline Markdown)
to HTML, and the ordinal wording used when a format has no ordering type."""

from __future__ import annotations

import html
import re

_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")


def inline_html(text: str) -> str:
    """Escape `text` for HTML and turn **strong**, *emphasis* and `code` into tags."""
    out = html.escape(text, quote=False)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    return _EM.sub(r"<em>\1</em>", out)


def to_html(text: str) -> str:
    """Paragraphs (separated by blank lines) of inline HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{inline_html(' '.join(p.split()))}</p>" for p in paragraphs)


def one_line(text: str) -> str:
    return " ".join(text.split())


def position_label(k: int) -> str:
    """Answer text of the k-th place (1-based) when ordering is expressed as matching."""
    return f"Position {k}"


ORDERING_INSTRUCTION = "Give each item its position in the sequence (Position 1 comes first)."

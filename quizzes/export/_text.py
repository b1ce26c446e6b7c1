"""Text helpers shared by the exporters: bank text to HTML (through the one markup rule of
`quizzes.markup`), numbers written exactly, and the wording used when a format has no
ordering type."""

from __future__ import annotations

import re
from decimal import Decimal

from ..markup import to_html as inline_html
from ..markup import to_myst, to_plain

__all__ = ["inline_html", "number_text", "bounds", "one_line", "to_html", "to_myst", "to_plain"]


def to_html(text: str) -> str:
    """Paragraphs (separated by blank lines) of inline HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{inline_html(' '.join(p.split()))}</p>" for p in paragraphs)


def one_line(text: str) -> str:
    return " ".join(text.split())


def _decimal(x: float) -> Decimal:
    # repr() is the shortest text that reads back as the same float: the number as written
    return Decimal(repr(float(x)))


def _positional(d: Decimal) -> str:
    d = d.normalize()  # no trailing zeros; 1E+6 is still written 1000000 by "f"
    return "0" if d == 0 else f"{d:f}"


def number_text(x: float) -> str:
    """A bank number exactly, in plain positional notation: 1234567, 0.0000001, 4.5."""
    return _positional(_decimal(x))


def bounds(answer: float, tolerance: float) -> tuple[str, str]:
    """answer − tolerance and answer + tolerance, in decimal arithmetic (0.3 − 0.1 is 0.2)."""
    a, t = _decimal(answer), _decimal(tolerance)
    return _positional(a - t), _positional(a + t)


def position_label(k: int) -> str:
    """Answer text of the k-th place (1-based) when ordering is expressed as matching."""
    return f"Position {k}"


ORDERING_INSTRUCTION = "Give each item its position in the sequence (Position 1 comes first)."

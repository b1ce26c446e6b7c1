"""The bibliography keys that citations and question sources may use."""

from __future__ import annotations

import re
from pathlib import Path

_ENTRY = re.compile(r"^\s*@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def bib_keys(bib: Path) -> dict[str, int]:
    """Every entry key in a .bib file with the line it starts on (comments are skipped)."""
    text = bib.read_text(encoding="utf-8")
    keys: dict[str, int] = {}
    for match in _ENTRY.finditer(text):
        if match.group(1).lower() in {"comment", "string", "preamble"}:
            continue
        keys[match.group(2)] = text.count("\n", 0, match.start()) + 1
    return keys


BOOK_BIB = Path(__file__).resolve().parent.parent / "book" / "references.bib"


def source_labels(bib: Path = BOOK_BIB) -> dict[str, str]:
    """Readable short labels for every key ("Sigel & Steinmann 2012", "FDA 2016")."""
    if not bib.exists():
        return {}
    from pybtex.database import parse_file

    labels = {}
    for key, entry in parse_file(str(bib)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [" ".join(p.last_names) for p in people]
        if len(names) > 2:
            who = f"{names[0]} et al."
        elif names:
            who = " & ".join(names)
        else:
            who = entry.fields.get("organization") or entry.fields.get("publisher") or ""
            who = who or entry.fields.get("title", key)
        who = who.replace("{", "").replace("}", "")
        year = entry.fields.get("year", "")
        labels[key] = f"{who} {year}".strip()
    return labels

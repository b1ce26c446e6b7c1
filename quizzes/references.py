"""The bibliography keys that citations and question sources may use."""

from __future__ import annotations

import re
from pathlib import Path

_ENTRY = re.compile(r"^[ \t]*@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def bib_keys(bib: Path) -> dict[str, int]:
    """Every entry key in a .bib file with the line it starts on (comments are skipped)."""
    text = bib.read_text(encoding="utf-8")
    keys: dict[str, int] = {}
    for match in _ENTRY.finditer(text):
        if match.group(1).lower() in {"comment", "string", "preamble"}:
            continue
        keys[match.group(2)] = text.count("\n", 0, match.start()) + 1
    return keys


def missing_fields(bib: Path) -> list[tuple[str, int, str]]:
    """(key, line, message) for every entry that lacks what an author-year reference needs:
    an author, editor or organisation, a title and a year."""
    from pybtex.database import parse_file

    lines = bib_keys(bib)
    out = []
    for key, entry in parse_file(str(bib)).entries.items():
        fields = entry.fields
        missing = []
        if not (
            entry.persons.get("author")
            or entry.persons.get("editor")
            or fields.get("organization")
            or fields.get("institution")
            or fields.get("publisher")
        ):
            missing.append("author (or editor, organization)")
        missing += [name for name in ("title", "year") if not str(fields.get(name, "")).strip()]
        if missing:
            out.append((key, lines.get(key, 1), f"entry {key!r} has no {', no '.join(missing)}"))
    return out


BOOK_BIB = Path(__file__).resolve().parent.parent / "book" / "references.bib"


def source_labels(bib: Path = BOOK_BIB) -> dict[str, str]:
    """Readable short labels for every key ("Sigel & Steinmann 2012", "FDA 2016")."""
    if not bib.exists():
        return {}
    from pybtex.database import parse_file

    labels = {}
    for key, entry in parse_file(str(bib)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        # "de Mendonça", not "Mendonça"; BibTeX's "and others" means a list cut short
        names = [" ".join(p.prelast_names + p.last_names) for p in people]
        cut_short = bool(names) and names[-1] == "others"
        names = names[:-1] if cut_short else names
        if len(names) > 2 or (names and cut_short):
            who = f"{names[0]} et al."
        elif names:
            who = " & ".join(names)
        else:
            who = entry.fields.get("organization") or entry.fields.get("publisher") or ""
            who = who or entry.fields.get("title", key)
        who = who.replace("{", "").replace("}", "")
        year = entry.fields.get("year", "").replace("--", "–")  # "2006--": a database since 2006
        labels[key] = f"{who} {year}".strip()
    return labels

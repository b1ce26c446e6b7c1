"""Directives that render bank data into pages at build time, so pages never drift from banks.

Each writes MyST text and parses it in place, so citations and cross-references inside the
generated content are resolved (and checked) by Sphinx like any hand-written ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..banks import BANK_DIR, BankError, load_bank, load_banks

VERDICTS = ("correct", "partly correct", "incorrect", "misleading", "unsupported", "omission")


def _cell(text: str) -> str:
    # a list-table cell is one line of MyST; keep user text from breaking the table
    return " ".join(str(text).split()).replace("|", "\\|")


class _Generated(SphinxDirective):
    css_class = ""

    def parse_myst(self, text: str) -> list[nodes.Node]:
        container = nodes.container(classes=[self.css_class] if self.css_class else [])
        self.state.nested_parse(
            self.content.__class__(text.splitlines(), source=self.get_source_info()[0]),
            self.content_offset,
            container,
        )
        return [container] if self.css_class else container.children


class Objectives(_Generated):
    """```{objectives} gaba_receptor``` : the chapter's numbered learning objectives."""

    required_arguments = 1

    def run(self):
        chapter = self.arguments[0]
        self.env.note_dependency(str(BANK_DIR / f"{chapter}.yml"))
        try:
            bank = load_bank(chapter)
        except (FileNotFoundError, BankError) as exc:
            raise self.error(str(exc)) from None
        items = "\n".join(f"{i}. {o.text}" for i, o in enumerate(bank.objectives, 1))
        text = (
            ":::{admonition} Learning objectives\n:class: tip objectives\n\n"
            "After working through this chapter you should be able to:\n\n"
            f"{items}\n:::\n"
        )
        return self.parse_myst(text)


class ObjectivesTable(_Generated):
    """```{objectives-table}``` : every objective of every bank, chapter by chapter in the order of
    the table of contents, with the questions that assess it. A list, not a wide table, so it
    reads on a phone."""

    css_class = "objectives-index"

    def run(self):
        for path in sorted(BANK_DIR.glob("*.yml")):
            self.env.note_dependency(str(path))
        try:
            banks = load_banks()
        except BankError as exc:
            raise self.error(str(exc)) from None
        toc = Path(self.env.srcdir, "_toc.yml")
        order = re.findall(r"file:\s*(?:\S*/)?(\w+)", toc.read_text()) if toc.exists() else []
        chapters = sorted(banks, key=lambda c: (order.index(c) if c in order else len(order), c))
        parts = []
        for chapter in chapters:
            bank = banks[chapter]
            parts.append(f"**{{ref}}`{chapter}`** ({len(bank.questions)} questions)\n")
            for n, obj in enumerate(bank.objectives, 1):
                qs = [q for q in bank.questions if obj.id in q.objectives]
                ids = ", ".join(f"`{q.id}` ({q.type}, {q.level})" for q in qs)
                parts.append(
                    f"{n}. {_cell(obj.text)} `{obj.id}`\n   - assessed by {len(qs)}: {ids}\n"
                )
            parts.append("")
        return self.parse_myst("\n".join(parts))


class ClaimsTable(_Generated):
    """```{claims-table} data/case_study_claims.yml``` : the case study's claims and verdicts."""

    required_arguments = 1

    def run(self):
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            rows = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise self.error(f"{rel}: {exc}") from None
        if not isinstance(rows, list) or not rows:
            raise self.error(f"{rel}: expected a non-empty list of claims")
        lines = []
        for i, row in enumerate(rows):
            missing = [f for f in ("id", "claim", "verdict", "fact", "sources") if f not in row]
            if missing:
                raise self.error(f"{rel}: claim {i + 1}: missing field(s) {', '.join(missing)}")
            if row["verdict"] not in VERDICTS:
                raise self.error(f"{rel}: claim {row['id']}: verdict must be one of {VERDICTS}")
            cites = ", ".join(f"{{cite:t}}`{k}`" for k in row["sources"]) or "—"
            lines.append(
                f"* - {row['id']}\n  - “{_cell(row['claim'])}”\n  - **{row['verdict']}**\n"
                f"  - {_cell(row['fact'])}\n  - {cites}"
            )
        text = (
            "::::{list-table} Checkable claims of the case-study post\n"
            ":header-rows: 1\n:widths: 8 28 12 36 16\n:class: claims-table\n\n"
            "* - Id\n  - Claim (quoted)\n  - Verdict\n  - What the sources say\n  - Source\n"
            + "\n".join(lines)
            + "\n::::\n"
        )
        return self.parse_myst(text)

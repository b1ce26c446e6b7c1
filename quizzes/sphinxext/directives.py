"""Directives that render bank data into pages at build time, so pages never drift from banks.

Text that comes from a bank or a data file becomes docutils text nodes (with the bank's three
marks, `quizzes.markup`): it is never parsed as MyST, so `<img onerror=...>` or `{{ 7*7 }}` in
an objective shows as written. Only the structure around it (a cross-reference to a chapter,
a citation of a bibliography key) is parsed, from ids that the schema has already validated.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..banks import BANK_DIR, BankError, bank_files, load_bank
from ..markup import to_nodes

VERDICTS = ("correct", "partly correct", "incorrect", "misleading", "unsupported", "omission")
_KEY = re.compile(r"^[A-Za-z0-9_.:-]+$")  # a bibliography key, safe inside a {cite} role


def bank_dir(env) -> Path:
    """The folder of question banks: `quizzes_banks` (relative to the book) or the package's."""
    configured = env.config.quizzes_banks
    return Path(env.srcdir, configured).resolve() if configured else BANK_DIR


def toc_order(srcdir) -> dict[str, int]:
    """Each page's position in the table of contents, by file name ("gaba_receptor": 0, ...)."""
    toc = Path(srcdir, "_toc.yml")
    names = re.findall(r"file:\s*(?:\S*/)?(\w+)", toc.read_text()) if toc.exists() else []
    return {name: k for k, name in reversed(list(enumerate(names)))}


def paragraph(*children) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


class _Generated(SphinxDirective):
    def parse_myst(self, text: str) -> list[nodes.Node]:
        """Parse MyST made only of validated ids (never of bank text)."""
        container = nodes.container()
        self.state.nested_parse(
            self.content.__class__(text.splitlines(), source=self.get_source_info()[0]),
            self.content_offset,
            container,
        )
        return container.children

    def inline_myst(self, text: str) -> list[nodes.Node]:
        """The inline nodes of one line of MyST made only of validated ids."""
        return [n for para in self.parse_myst(text) for n in para.children]

    def banks(self) -> dict:
        folder = bank_dir(self.env)
        banks = {}
        for path in bank_files(folder):
            self.env.note_dependency(str(path))
            try:
                banks[path.stem] = load_bank(path.stem, folder)
            except BankError as exc:
                raise self.error(str(exc)) from None
        return banks


class Objectives(_Generated):
    """```{objectives} gaba_receptor``` : the chapter's numbered learning objectives."""

    required_arguments = 1

    def run(self):
        chapter = self.arguments[0]
        folder = bank_dir(self.env)
        self.env.note_dependency(str(folder / f"{chapter}.yml"))
        try:
            bank = load_bank(chapter, folder)
        except (FileNotFoundError, BankError) as exc:
            raise self.error(str(exc)) from None
        items = nodes.enumerated_list("", enumtype="arabic", prefix="", suffix=".")
        for objective in bank.objectives:
            items += nodes.list_item("", paragraph(*to_nodes(objective.text)))
        return [
            nodes.admonition(
                "",
                nodes.title("", "Learning objectives"),
                paragraph(nodes.Text("After working through this chapter you should be able to:")),
                items,
                classes=["tip", "objectives"],
            )
        ]


class ObjectivesTable(_Generated):
    """```{objectives-table}``` : every objective of every bank, chapter by chapter in the order of
    the table of contents, with the questions that assess it. A list, not a wide table, so it
    reads on a phone."""

    def run(self):
        banks = self.banks()
        order = toc_order(self.env.srcdir)
        chapters = sorted(banks, key=lambda c: (order.get(c, len(order)), c))
        container = nodes.container(classes=["objectives-index"])
        for chapter in chapters:
            bank = banks[chapter]
            heading = paragraph(
                nodes.strong("", "", *self.inline_myst(f"{{ref}}`{chapter}`")),
                nodes.Text(f" ({len(bank.questions)} questions)"),
            )
            objectives = nodes.enumerated_list("", enumtype="arabic", prefix="", suffix=".")
            for obj in bank.objectives:
                questions = [q for q in bank.questions if obj.id in q.objectives]
                assessed = paragraph(nodes.Text(f"assessed by {len(questions)}: "))
                for k, q in enumerate(questions):
                    assessed += [
                        nodes.Text(", " if k else ""),
                        nodes.literal(q.id, q.id),
                        nodes.Text(f" ({q.type}, {q.level})"),
                    ]
                objectives += nodes.list_item(
                    "",
                    paragraph(*to_nodes(obj.text), nodes.Text(" "), nodes.literal(obj.id, obj.id)),
                    nodes.bullet_list("", nodes.list_item("", assessed)),
                    ids=[f"objective-{obj.id}"],  # the progress page links here
                )
            container += [heading, objectives]
        return [container]


class ClaimsTable(_Generated):
    """```{claims-table} data/case_study_claims.yml``` : the case study's claims and verdicts."""

    required_arguments = 1
    columns = (("Id", 8), ("Claim (quoted)", 28), ("Verdict", 12))
    columns += (("What the sources say", 36), ("Source", 16))

    def run(self):
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            rows = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise self.error(f"{rel}: {exc}") from None
        if not isinstance(rows, list) or not rows:
            raise self.error(f"{rel}: expected a non-empty list of claims")
        body = nodes.tbody()
        for i, row in enumerate(rows):
            missing = [f for f in ("id", "claim", "verdict", "fact", "sources") if f not in row]
            if missing:
                raise self.error(f"{rel}: claim {i + 1}: missing field(s) {', '.join(missing)}")
            if row["verdict"] not in VERDICTS:
                raise self.error(f"{rel}: claim {row['id']}: verdict must be one of {VERDICTS}")
            bad = [k for k in row["sources"] if not _KEY.match(str(k))]
            if bad:
                raise self.error(f"{rel}: claim {row['id']}: not a bibliography key: {bad[0]!r}")
            cites = self.inline_myst(", ".join(f"{{cite:t}}`{k}`" for k in row["sources"]))
            cells = [
                [nodes.Text(str(row["id"]))],
                [nodes.Text("“"), *to_nodes(" ".join(str(row["claim"]).split())), nodes.Text("”")],
                [nodes.strong(row["verdict"], row["verdict"])],
                to_nodes(" ".join(str(row["fact"]).split())),
                cites or [nodes.Text("—")],
            ]
            body += nodes.row("", *(nodes.entry("", paragraph(*c)) for c in cells))
        head = nodes.thead(
            "", nodes.row("", *(nodes.entry("", paragraph(nodes.Text(t))) for t, _ in self.columns))
        )
        group = nodes.tgroup("", cols=len(self.columns))
        group += [nodes.colspec(colwidth=w) for _, w in self.columns]
        group += [head, body]
        table = nodes.table(
            "",
            nodes.title("", "Checkable claims of the case-study post"),
            group,
            classes=["claims-table", "colwidths-given"],
        )
        return [table]

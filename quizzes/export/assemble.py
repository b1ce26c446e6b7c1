"""Assemble an assignment: a reproducible, balanced selection of questions written as a MyST
page for the book, a printable worksheet and a separate answer key.

The pool (questions matching any `--tag`, or every question when no tag is given, sorted by
chapter and id) is grouped by chapter and, within a chapter, by each question's first objective.
`random.Random(seed)` shuffles every group and the order of groups; questions are then taken
round-robin over chapters, each chapter taking from its objectives in turn, so a quiz covers
chapters and objectives evenly.
"""

from __future__ import annotations

import json
import random
import re
import shlex
from collections.abc import Sequence
from pathlib import Path

from ..markup import code_span
from ..model import Bank
from ._common import Item, UsageError, select, write_folder
from ._text import to_myst
from .worksheet import Shown, answer_key_html, instruction, present, worksheet_html

FILES = ("quiz.md", "worksheet.html", "answer-key.html", "selection.json")


def assemble(
    banks: dict[str, Bank], tags: Sequence[str], count: int, seed: int, chapter: str | None = None
) -> list[Item]:
    """`count` questions from the pool matching any of `tags` (no tags: every question of
    `chapter`, or of the whole book), balanced and reproducible."""
    if count < 1:
        raise UsageError(f"--count must be at least 1, not {count}")
    pool = sorted(select(banks, chapter, tags), key=lambda i: (i.bank.chapter, i.id))
    if count > len(pool):
        which = f"match --tag {' '.join(tags)}" if tags else "are in the banks"
        if chapter is not None and not tags:
            which = f"are in chapter {chapter!r}"
        raise UsageError(f"--count {count} is larger than the pool: {len(pool)} questions {which}")
    rng = random.Random(seed)
    chapters: dict[str, dict[str, list[Item]]] = {}
    for item in pool:
        by_obj = chapters.setdefault(item.bank.chapter, {})
        by_obj.setdefault(item.question.objectives[0], []).append(item)
    rotation = []  # per chapter: a list of objective groups, each a shuffled list of items
    for name in sorted(chapters):
        groups = [chapters[name][obj] for obj in sorted(chapters[name])]
        for group in groups:
            rng.shuffle(group)
        rng.shuffle(groups)
        rotation.append(groups)
    rng.shuffle(rotation)
    selected: list[Item] = []
    while len(selected) < count and any(any(g) for groups in rotation for g in groups):
        for groups in rotation:
            if len(selected) == count:
                break
            while groups and not groups[0]:
                groups.pop(0)
            if not groups:
                continue
            group = groups.pop(0)
            selected.append(group.pop(0))
            groups.append(group)  # this objective waits for the chapter's other objectives
    return selected


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "quiz"


def myst_page(shown: Sequence[Shown], title: str, seed: int, command: str) -> str:
    ids = [s.q.id for s in shown]
    out = [
        f"({slug(title)})=",
        f"# {to_myst(title)}",
        "",
        f"% question ids, in order: {', '.join(ids)}",
        "",
        f"*{len(shown)} questions assembled from the book's question banks (version {seed}).*",
        f"*Regenerate with* {code_span(command)}.",
        "",
    ]
    for s in shown:
        q = s.q
        out += [f"## Question {s.number}", "", f"{to_myst(q.stem)}", "", f"*{instruction(q)}*", ""]
        if q.type in ("single", "multiple"):
            out += [f"- **{lab}.** {to_myst(o.text)}" for lab, o in s.choices]
        elif q.type == "numeric":
            out.append(f"Answer: \\_\\_\\_\\_\\_\\_ {to_myst(q.unit)}".rstrip())
        elif q.type == "ordering":
            out += [f"- **{lab}.** {to_myst(t)}" for lab, t in s.right]
        elif q.type == "matching":
            out += ["| Item | Match with |", "| --- | --- |"]
            out += [
                f"| **{n}.** {to_myst(left)} | **{lab}.** {to_myst(right)} |"
                for (n, left), (lab, right) in zip(s.left, s.right, strict=True)
            ]
        out.append("")
        out += [
            "```{admonition} Answer",
            ":class: dropdown",
            "",
            f"**{to_myst(s.key)}**",
            "",
            to_myst(q.explanation),
            "",
            f"*From {to_myst(s.item.bank.title)} ({{ref}}`{s.item.bank.chapter}`); "
            f"question `{q.id}`.*",
            "```",
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def write_assignment(
    selection: Sequence[Item],
    title: str,
    seed: int,
    out: Path,
    tags: Sequence[str] = (),
    chapter: str | None = None,
    pdf: bool = False,
) -> None:
    """Write quiz.md, worksheet.html, answer-key.html and selection.json into folder `out`
    (and worksheet.pdf and answer-key.pdf with `pdf`)."""
    if not title.strip():
        raise UsageError("--title must not be empty")
    shown = present(selection, seed)
    words = [
        "python",
        "-m",
        "quizzes",
        "assemble",
        *(w for t in tags for w in ("--tag", t)),
        *(["--chapter", chapter] if chapter else []),
        "--count",
        str(len(selection)),
        "--seed",
        str(seed),
        "--title",
        title,
        *(["--pdf"] if pdf else []),
    ]
    command = " ".join(shlex.quote(w) for w in words) + " --out DIR"
    record = {
        "title": title,
        "seed": seed,
        "ids": [i.id for i in selection],
        "chapters": [i.bank.chapter for i in selection],
    }
    files = {
        "quiz.md": myst_page(shown, title, seed, command),
        "worksheet.html": worksheet_html(shown, title, seed),
        "answer-key.html": answer_key_html(shown, title, seed),
        "selection.json": json.dumps(record, ensure_ascii=False, indent=2) + "\n",
    }
    data = {name: text.encode("utf-8") for name, text in files.items()}
    if pdf:
        from .pdf import html_to_pdf  # Chromium only when asked for

        data |= html_to_pdf({n: files[n] for n in ("worksheet.html", "answer-key.html")})
    write_folder(out, data)

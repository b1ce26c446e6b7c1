"""`python -m quizzes check`: everything about the banks that a machine can verify."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .banks import BANK_DIR, BankError, Problem, bank_files, parse_bank
from .references import bib_keys, missing_fields

# a chapter shows a quiz with one hidden line: quiz("gaba_receptor")
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([^"']+)["']""")
MIN_QUESTIONS_PER_OBJECTIVE = 2
# The length cue (NBME): test-wise students pick the longest option. A single-choice item shows
# it when its keyed option is the longest and at least LENGTH_CUE_RATIO times the distractors'
# mean length; by chance alone, the key is the longest in about a quarter of four-option items.
LENGTH_CUE_RATIO = 1.2
LENGTH_CUE_MAX_SHARE = 0.25
LENGTH_CUE_MIN_ITEMS = 4  # in a bank with fewer single-choice items a share means little


def quiz_calls(text: str) -> list[tuple[str, int]]:
    """The banks a chapter shows, with the line of each `quiz("...")` call."""
    return [(m.group(1), text.count("\n", 0, m.start()) + 1) for m in QUIZ_CALL.finditer(text)]


def unknown_quizzes(chapter: Path, known: set[str]) -> list[Problem]:
    """A problem for each quiz a chapter shows that has no bank."""
    text = chapter.read_text(encoding="utf-8")
    hint = f" (known banks: {', '.join(sorted(known))})" if known else ""
    return [
        Problem(chapter, line, "quiz", f"no question bank named {name!r}{hint}")
        for name, line in quiz_calls(text)
        if name not in known
    ]


def length_cue(question) -> bool:
    key = next(len(o.text) for o in question.options if o.correct)
    others = [len(o.text) for o in question.options if not o.correct]
    return key > max(others) and key >= LENGTH_CUE_RATIO * sum(others) / len(others)


def check(root: Path, bank_dir: Path = BANK_DIR) -> list[Problem]:
    root = Path(root)
    bib = root / "book" / "references.bib"
    keys = bib_keys(bib) if bib.exists() else {}
    problems: list[Problem] = []
    if not bib.exists():
        problems.append(Problem(bib, 1, "(file)", "references.bib not found"))
    else:
        problems += [Problem(bib, line, key, msg) for key, line, msg in missing_fields(bib)]

    first_seen: dict[str, tuple[Path, int]] = {}
    banks = set()
    for path in bank_files(bank_dir):
        try:
            bank, located = parse_bank(path)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        banks.add(bank.chapter)
        objective_ids = {o.id for o in bank.objectives}
        assessed: Counter[str] = Counter()
        for i, q in enumerate(bank.questions):
            line = located.line(("questions", i, "id"))
            if q.id in first_seen:
                other, other_line = first_seen[q.id]
                problems.append(
                    Problem(
                        path,
                        line,
                        f"questions[{i}].id",
                        f"duplicate id {q.id!r} (first used at {other.name}:{other_line})",
                    )
                )
            else:
                first_seen[q.id] = (path, line)
            for j, obj in enumerate(q.objectives):
                if obj not in objective_ids:
                    problems.append(
                        Problem(
                            path,
                            located.line(("questions", i, "objectives", j)),
                            f"questions[{i}].objectives[{j}]",
                            f"unknown objective {obj!r}",
                        )
                    )
                assessed[obj] += 1
            for j, key in enumerate(q.sources):
                if keys and key not in keys:
                    problems.append(
                        Problem(
                            path,
                            located.line(("questions", i, "sources", j)),
                            f"questions[{i}].sources[{j}]",
                            f"unknown source key {key!r} (not in book/references.bib)",
                        )
                    )
        singles = [(i, q) for i, q in enumerate(bank.questions) if q.type == "single"]
        cued = [(i, q) for i, q in singles if length_cue(q)]
        if len(singles) >= LENGTH_CUE_MIN_ITEMS and len(cued) > LENGTH_CUE_MAX_SHARE * len(singles):
            i, _ = cued[0]
            problems.append(
                Problem(
                    path,
                    located.line(("questions", i, "options")),
                    f"questions[{i}].options",
                    f"length cue: in {len(cued)} of {len(singles)} single-choice questions "
                    f"the keyed option is the longest by {LENGTH_CUE_RATIO}x the distractors' "
                    f"mean (at most {LENGTH_CUE_MAX_SHARE:.0%} may be): "
                    + ", ".join(q.id for _, q in cued),
                )
            )
        for k, obj in enumerate(bank.objectives):
            if assessed[obj.id] < MIN_QUESTIONS_PER_OBJECTIVE:
                problems.append(
                    Problem(
                        path,
                        located.line(("objectives", k, "id")),
                        f"objectives[{k}].id",
                        f"objective {obj.id!r} is assessed by {assessed[obj.id]} "
                        f"question(s); each needs at least "
                        f"{MIN_QUESTIONS_PER_OBJECTIVE}",
                    )
                )

    known = banks | {p.stem for p in bank_files(bank_dir)}  # a broken bank is reported above
    for chapter in sorted((root / "book").rglob("*.md")):
        problems += unknown_quizzes(chapter, known)
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.field))

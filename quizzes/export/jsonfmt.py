"""JSON: the validated banks for other tools.

`{"format": "quizzes-banks", "version": 1, "banks": [<bank>, ...]}` where each bank is exactly
the schema's own dump (`Bank.model_dump(mode="json")`), restricted to the selected questions, so
`quizzes.model.Bank.model_validate(bank)` reads it back. `content_hashes` maps each question id
to the hash the site uses to key a reader's saved progress.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby

from ._common import Item, Skipped

FORMAT = "quizzes-banks"
VERSION = 1


def render(items: Sequence[Item]) -> tuple[str, list[Skipped]]:
    banks = []
    for _, group in groupby(items, key=lambda i: i.bank.chapter):
        group = list(group)
        bank = group[0].bank.model_dump(mode="json")
        bank["questions"] = [i.question.model_dump(mode="json") for i in group]
        banks.append(bank)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "banks": banks,
        "content_hashes": {i.id: i.question.content_hash() for i in items},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n", []

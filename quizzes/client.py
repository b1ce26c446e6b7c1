"""What a page needs of the banks: each question as the front end reads it (the bank's fields,
a content hash that keys a reader's progress, readable source labels), and the seed that
shuffles a chapter's options the same way for every reader."""

from __future__ import annotations

import zlib

from .model import Bank


def quiz_seed(chapter: str) -> int:
    return zlib.crc32(chapter.encode())


def client_questions(bank: Bank, labels: dict[str, str], keep_objectives: bool = False) -> list:
    out = []
    drop = {"tags", "level"} if keep_objectives else {"objectives", "tags", "level"}
    for q in bank.questions:
        data = q.model_dump(mode="json", exclude=drop, exclude_none=True)
        data["hash"] = q.content_hash()
        data["source_labels"] = [labels.get(key, key) for key in q.sources]
        out.append(data)
    return out

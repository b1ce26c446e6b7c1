"""What every exporter shares: choosing questions, reporting what a format cannot hold, and
writing output atomically (a temporary file or folder beside the target, then a rename)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..banks import BANK_DIR, BankError, bank_files, load_bank
from ..model import Bank


class UsageError(Exception):
    """A bad argument: reported as one line on stderr, exit code 2, nothing written."""


@dataclass(frozen=True)
class Item:
    """One selected question together with the bank (chapter) it comes from."""

    bank: Bank
    question: object  # one of the model's question classes

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class Skipped:
    """A question a format cannot express; printed on stderr by id, never dropped silently."""

    qid: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.qid}: {self.reason}"


def load_all(bank_dir: Path = BANK_DIR) -> dict[str, Bank]:
    bank_dir = Path(bank_dir)
    if not bank_dir.is_dir():
        raise UsageError(f"no bank folder {bank_dir}")
    files = bank_files(bank_dir)
    if not files:
        raise UsageError(f"no question banks (*.yml) in {bank_dir}")
    banks = {}
    for path in files:
        try:
            banks[path.stem] = load_bank(path.stem, bank_dir)
        except BankError as exc:
            raise UsageError(
                f"invalid bank {exc.problems[0]} (run `python -m quizzes check`)"
            ) from None
    return banks


def matches(question, tag: str) -> bool:
    """A --tag matches a question's tags, one of its objectives, or its level."""
    return tag in question.tags or tag in question.objectives or tag == question.level


def select(
    banks: dict[str, Bank], chapter: str | None = None, tags: Sequence[str] = ()
) -> list[Item]:
    """Questions of `chapter` (or of every bank), in bank order, that match any of `tags`."""
    if chapter is not None and chapter not in banks:
        raise UsageError(f"unknown chapter {chapter!r} (known: {', '.join(sorted(banks))})")
    chosen = [banks[chapter]] if chapter is not None else [banks[c] for c in sorted(banks)]
    pool = [Item(bank, q) for bank in chosen for q in bank.questions]
    if not tags:
        return pool
    unknown = [t for t in tags if not any(matches(i.question, t) for i in pool)]
    if unknown:
        where = f" in chapter {chapter!r}" if chapter else ""
        raise UsageError(
            f"unknown tag {unknown[0]!r}: no question{where} has it as a tag, objective or level"
        )
    return [i for i in pool if any(matches(i.question, t) for t in tags)]


def report(skipped: Iterable[Skipped]) -> None:
    for s in skipped:
        print(s, file=sys.stderr)


def _check_parent(target: Path) -> Path:
    parent = target.parent  # "." for a bare file name
    if not parent.is_dir():
        raise UsageError(f"cannot write {target}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {target}: folder {parent} is not writable")
    return parent


def write_file(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file in the same folder."""
    target = Path(target)
    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a folder")
    parent = _check_parent(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None


def write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write every file into a temporary folder beside `target`, then move them in place.

    A missing `target` is created by one rename; into an existing folder the files are moved
    one by one (each rename atomic), after all of them were written in full.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"cannot write {target}: it is a file, not a folder")
    if target.is_dir() and not os.access(target, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write into {target}: folder is not writable")
    parent = _check_parent(target)
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
            os.chmod(tmp / name, 0o644)
        if target.is_dir():
            for name in files:
                os.replace(tmp / name, target / name)
            tmp.rmdir()
        else:
            os.chmod(tmp, 0o755)
            os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None

"""Loading question banks from YAML, with every problem reported as `file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from . import _yaml
from .model import QUESTION_TYPES, Bank

PACKAGE_DIR = Path(__file__).resolve().parent
BANK_DIR = PACKAGE_DIR / "bank"


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{_display(self.path)}:{self.line}: {self.field}: {self.message}"


class BankError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def field_name(loc: tuple) -> str:
    """("questions", 2, "options", 0, "text") -> "questions[2].options[0].text"."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _clean_loc(loc: tuple) -> tuple:
    # a discriminated union puts the tag ("single", ...) into the location; readers don't care
    return tuple(
        p
        for i, p in enumerate(loc)
        if not (p in QUESTION_TYPES and i > 0 and isinstance(loc[i - 1], int))
    )


def _message(err: dict) -> tuple[tuple, str]:
    loc = _clean_loc(tuple(err["loc"]))
    kind = err["type"]
    if kind == "union_tag_invalid":
        return (*loc, "type"), (
            f"unknown question type {err['input'].get('type')!r}; "
            f"expected one of {', '.join(QUESTION_TYPES)}"
        )
    if kind == "union_tag_not_found":
        return (*loc, "type"), f"missing; expected one of {', '.join(QUESTION_TYPES)}"
    if kind == "missing":
        return loc, "required field missing"
    if kind == "extra_forbidden":
        return loc, "unknown field (check its spelling)"
    msg = err["msg"]
    msg = msg.removeprefix("Value error, ")
    return loc, msg


def parse_bank(path: Path) -> tuple[Bank, _yaml.Located]:
    """Validate one bank file; raise BankError naming every problem found."""
    try:
        located = _yaml.load(path)
    except _yaml.YamlError as exc:
        raise BankError([Problem(path, exc.line, "(yaml)", exc.message)]) from None
    if not isinstance(located.data, dict):
        raise BankError([Problem(path, 1, "(file)", "a bank must be a YAML mapping")])
    try:
        bank = Bank.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc, msg = _message(err)
            problems.append(Problem(path, located.line(loc), field_name(loc), msg))
        raise BankError(sorted(set(problems), key=lambda p: (p.line, p.field))) from None
    if bank.chapter != path.stem:
        raise BankError(
            [
                Problem(
                    path,
                    located.line(("chapter",)),
                    "chapter",
                    f"must equal the file name {path.stem!r}",
                )
            ]
        )
    return bank, located


def bank_files(bank_dir: Path = BANK_DIR) -> list[Path]:
    return sorted(bank_dir.glob("*.yml"))


def load_bank(chapter: str, bank_dir: Path = BANK_DIR) -> Bank:
    """The validated bank of a chapter (what the widget and the exports use).

    Parsed once per version of the file: a contributor who edits a bank and re-runs a cell in
    JupyterLab sees the edit, without re-parsing every bank on every call."""
    path = bank_dir / f"{chapter}.yml"
    if not path.exists():
        known = ", ".join(p.stem for p in bank_files(bank_dir)) or "none"
        raise FileNotFoundError(f"no question bank {path} (known banks: {known})")
    stat = path.stat()
    return _parsed(path.resolve(), stat.st_mtime_ns, stat.st_size)


@cache
def _parsed(path: Path, mtime_ns: int, size: int) -> Bank:  # the file's version is the key
    return parse_bank(path)[0]


def load_banks(bank_dir: Path = BANK_DIR) -> dict[str, Bank]:
    return {p.stem: load_bank(p.stem, bank_dir) for p in bank_files(bank_dir)}

"""The question schema: one bank per chapter, validated before anything else sees it.

A bank is the single source of a chapter's quiz, its LMS exports and its worksheets, so the
schema is strict (unknown fields are errors) and checks what a machine can: one best answer,
no repeated option, no "all of the above", objectives that exist.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Level = Literal["recall", "application", "analysis"]

# "All of the above", "all the above", "None of these", "Both of the above", "Neither of the
# above"...: matched on the option's words alone (case and punctuation ignored)
_BANNED_OPTIONS = re.compile(
    r"\b(all|none|both|neither)( of)?( the)? (above|following|these|those|others)\b"
)


def catch_all_option(text: str) -> bool:
    """Does an option point at the other options ("all of the above" and its variants)?"""
    words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    return bool(_BANNED_OPTIONS.search(words))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Option(_Strict):
    text: Text
    correct: bool = False
    feedback: str | None = None

    @field_validator("text")
    @classmethod
    def _no_catch_all(cls, value: str) -> str:
        if catch_all_option(value):
            raise ValueError('"all/none of the above" options are not allowed (NBME item rules)')
        return value


class Pair(_Strict):
    left: Text
    right: Text


class Objective(_Strict):
    id: Id
    text: Text


class _QuestionBase(_Strict):
    id: Id
    stem: Text
    level: Level
    objectives: list[Id] = Field(min_length=1)
    tags: list[Id] = Field(default_factory=list)  # also Moodle tags and --tag arguments
    hint: str | None = None
    explanation: Text
    sources: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)

    def content_hash(self) -> str:
        """Short hash of everything a student sees; an edited question starts fresh."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:12]


def _unique(texts: list[str], what: str) -> None:
    seen: set[str] = set()
    for text in texts:
        key = " ".join(text.lower().split())
        if key in seen:
            raise ValueError(f"{what} repeated: {text!r}")
        seen.add(key)


class SingleChoice(_QuestionBase):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _one_best_answer(cls, options: list[Option]) -> list[Option]:
        _unique([o.text for o in options], "option")
        n = sum(o.correct for o in options)
        if n != 1:
            raise ValueError(
                f"a single-choice question needs exactly one correct option, found {n}"
            )
        return options


class MultipleSelect(_QuestionBase):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=3)

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        _unique([o.text for o in options], "option")
        if not any(o.correct for o in options):
            raise ValueError("a multiple-select question needs at least one correct option")
        return options


class Numeric(_QuestionBase):
    type: Literal["numeric"]
    # NaN or infinity would grade nothing and break every export (JSON has no NaN)
    answer: float = Field(allow_inf_nan=False)
    tolerance: float = Field(ge=0, allow_inf_nan=False)
    unit: str = ""


class Ordering(_QuestionBase):
    type: Literal["ordering"]
    # listed in the correct order; the widget shuffles them
    items: list[Text] = Field(min_length=3)

    @field_validator("items")
    @classmethod
    def _distinct(cls, items: list[str]) -> list[str]:
        _unique(items, "item")
        return items


class Matching(_QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=3)

    @field_validator("pairs")
    @classmethod
    def _distinct(cls, pairs: list[Pair]) -> list[Pair]:
        _unique([p.left for p in pairs], "left item")
        _unique([p.right for p in pairs], "right item")
        return pairs


Question = Annotated[
    SingleChoice | MultipleSelect | Numeric | Ordering | Matching, Field(discriminator="type")
]
QUESTION_TYPES = ("single", "multiple", "numeric", "ordering", "matching")


class Bank(_Strict):
    chapter: Id
    title: Text
    objectives: list[Objective] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)

    def question(self, qid: str):
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

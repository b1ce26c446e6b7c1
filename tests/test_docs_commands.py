"""Every `python -m quizzes` command the README and the educators' page show runs as written and
makes what the text says it makes: the questions the filter picks, in the format named."""

from __future__ import annotations

import io
import json
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizzes.export import select
from quizzes.export._common import load_all

from conftest import ROOT

DOCS = [ROOT / "README.md", ROOT / "book" / "educators.md"]
PROMPT = ".venv/bin/python -m quizzes "


def documented_commands() -> list[str]:
    """Commands in fenced blocks (backslash continuations joined, comments dropped) and in
    inline code, from every page a reader copies them from."""
    found: dict[str, None] = {}
    for doc in DOCS:
        text = doc.read_text()
        for block in re.findall(r"```(?:bash|sh|console)?\n(.*?)```", text, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                line = line.strip()
                if line.startswith(PROMPT):
                    found[shlex.join(shlex.split(line, comments=True))] = None
        for inline in re.findall(r"`(\.venv/bin/python -m quizzes [^`]+)`", text):
            found[shlex.join(shlex.split(inline, comments=True))] = None
    return list(found)


COMMANDS = documented_commands()


def test_the_docs_show_every_command_an_educator_needs():
    verbs = {shlex.split(c)[3] for c in COMMANDS}
    formats = {m for c in COMMANDS for m in re.findall(r"--format (\w+)", c)}
    assert verbs == {"check", "export", "assemble"}
    assert {"moodle", "qti", "gift", "markdown"} <= formats
    assert any("--pdf" in c for c in COMMANDS)


def option(args: list[str], name: str, many: bool = False):
    values = [args[i + 1] for i, a in enumerate(args) if a == name]
    return values if many else (values[0] if values else None)


def expected_ids(args: list[str]) -> list[str]:
    chosen = select(load_all(), option(args, "--chapter"), option(args, "--tag", many=True))
    return [item.question.id for item in chosen]


def ids_in(fmt: str, data: bytes) -> list[str]:
    if fmt == "moodle":
        root = ET.fromstring(data)
        assert root.tag == "quiz"
        return [q.find("name/text").text for q in root if q.get("type") != "category"]
    if fmt == "qti":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert "imsmanifest.xml" in zf.namelist()
            ids = []
            for name in zf.namelist():
                if name.count("/") == 1 and name.split("/")[0] + ".xml" == name.split("/")[1]:
                    tree = ET.fromstring(zf.read(name))
                    ids += [i.get("ident") for i in tree.iter() if i.tag.endswith("}item")]
            return ids
    if fmt == "gift":
        return re.findall(r"^::([\w-]+)::", data.decode(), re.M)
    if fmt == "markdown":
        text = data.decode()
        assert text.startswith("# Answer key")
        return re.findall(r"^### `([\w-]+)`", text, re.M)
    raise AssertionError(f"no check for --format {fmt}")


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    return subprocess.run([sys.executable, *args[1:]], cwd=cwd, capture_output=True, timeout=300)


def same_questions(found: list[str], expected: list[str]) -> None:
    assert expected, "the documented filter picks no question"
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(
            c,
            marks=[pytest.mark.slow, pytest.mark.browser] if "--pdf" in c else [],
            id=" ".join(shlex.split(c)[3:5])[:60],
        )
        for c in COMMANDS
    ],
)
def test_documented_command_runs_and_makes_what_it_says(command, tmp_path):
    args = shlex.split(command)
    verb = args[3]
    # `check` reads the book it stands in; the rest write into an empty folder
    result = run(command, ROOT if verb == "check" else tmp_path)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    if verb == "check":
        assert result.stdout.decode().strip() == "all question banks are valid"
        return
    out = option(args, "--out")
    if verb == "export":
        fmt = option(args, "--format")
        data = (tmp_path / out).read_bytes() if out else result.stdout
        same_questions(ids_in(fmt, data), expected_ids(args))
        return
    folder = tmp_path / out
    files = {p.name for p in folder.iterdir()}
    assert {"worksheet.html", "answer-key.html", "quiz.md", "selection.json"} <= files
    selection = json.loads((folder / "selection.json").read_text())
    assert selection["title"] == option(args, "--title")
    assert selection["seed"] == int(option(args, "--seed"))
    assert len(selection["ids"]) == int(option(args, "--count"))
    assert set(selection["ids"]) <= set(expected_ids(args))
    for name in ("worksheet.html", "answer-key.html"):
        shown = re.findall(r'data-question-id="([\w-]+)"', (folder / name).read_text())
        assert shown == selection["ids"], name
    if "--pdf" in args:
        from pypdf import PdfReader

        for name in ("worksheet.pdf", "answer-key.pdf"):
            reader = PdfReader(folder / name)
            text = " ".join(page.extract_text() for page in reader.pages)
            assert option(args, "--title") in " ".join(text.split()), name

"""The LMS exports, read back with real parsers and compared with the banks they came from.

Moodle XML and the Canvas QTI zip are parsed with xml.etree, GIFT with the small parser below,
JSON with the schema itself and the Markdown answer key with markdown-it. Fixture banks in
tests/fixtures/export/ cover the five question types, per-option feedback, and text full of
GIFT's and HTML's special characters; edge/ holds questions some formats cannot express.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from quizzes.__main__ import main
from quizzes.banks import BANK_DIR, bank_files, load_bank
from quizzes.export import FORMATS, render, select
from quizzes.export._common import load_all
from quizzes.export.gift import escape
from quizzes.model import Bank

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "export"
BANKS = FIXTURES / "banks"
EDGE = FIXTURES / "edge"

# Moodle's grade list (question_bank::fraction_options_full), in percent, and their negatives
MOODLE_GRADES = {
    "0",
    "100",
    "90",
    "83.33333",
    "80",
    "75",
    "70",
    "66.66667",
    "60",
    "50",
    "40",
    "33.33333",
    "30",
    "25",
    "20",
    "16.66667",
    "14.28571",
    "12.5",
    "11.11111",
    "10",
    "5",
}
MOODLE_GRADES |= {"-" + g for g in MOODLE_GRADES if g != "0"}


def fixture_items(bank_dir: Path = BANKS):
    return select(load_all(bank_dir))


def plain(text: str | None) -> str:
    """What a reader sees of bank text: inline Markdown markers gone, spaces collapsed."""
    return " ".join((text or "").replace("**", "").split())


def strip_html(text: str | None) -> str:
    """Text content of an HTML fragment ("<p>a &amp; b</p>" -> "a & b")."""
    text = re.sub(r"</p>\s*<p>", " ", text or "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def expected(q) -> dict:
    """The neutral form every parser below must rebuild from its format."""
    out = {"type": q.type, "explanation": plain(q.explanation)}
    if q.type in ("single", "multiple"):
        out["options"] = [(plain(o.text), o.correct, plain(o.feedback)) for o in q.options]
    elif q.type == "numeric":
        out["answer"] = (q.answer, q.tolerance)
    elif q.type == "matching":
        out["pairs"] = [(plain(p.left), plain(p.right)) for p in q.pairs]
    elif q.type == "ordering":
        out["pairs"] = [(plain(t), f"Position {k}") for k, t in enumerate(q.items, 1)]
    return out


def test_fixture_banks_cover_every_type_and_feedback():
    items = fixture_items()
    assert {i.question.type for i in items} == {
        "single",
        "multiple",
        "numeric",
        "ordering",
        "matching",
    }
    assert all(
        o.feedback
        for i in items
        if i.question.type in ("single", "multiple")
        for o in i.question.options
    )
    assert len({i.bank.chapter for i in items}) == 2


# ---------------------------------------------------------------- Moodle XML


def parse_moodle(data: bytes) -> tuple[list[tuple[str, list[str]]], dict[str, dict]]:
    """Categories (path, ids in it) and each question's neutral form, from Moodle XML."""
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    categories: list[tuple[str, list[str]]] = []
    questions: dict[str, dict] = {}
    for el in root.findall("question"):
        kind = el.get("type")
        if kind == "category":
            categories.append((el.findtext("category/text"), []))
            continue
        qid = el.findtext("name/text")
        assert el.findtext("idnumber") == qid
        assert el.find("questiontext").get("format") == "html"
        assert categories, "a question before any category"
        categories[-1][1].append(qid)
        q = {
            "moodle_type": kind,
            "stem": strip_html(el.findtext("questiontext/text")),
            "explanation": strip_html(el.findtext("generalfeedback/text")),
            "hint": strip_html(el.findtext("hint/text")),
            "tags": [t.findtext("text") for t in el.findall("tags/tag")],
        }
        if kind == "multichoice":
            q["single"] = el.findtext("single")
            q["fractions"] = [a.get("fraction") for a in el.findall("answer")]
            q["options"] = [
                (
                    strip_html(a.findtext("text")),
                    float(a.get("fraction")) > 0,
                    strip_html(a.findtext("feedback/text")),
                )
                for a in el.findall("answer")
            ]
        elif kind == "numerical":
            (a,) = el.findall("answer")
            assert a.get("fraction") == "100"
            q["answer"] = (float(a.findtext("text")), float(a.findtext("tolerance")))
            q["unit"] = el.findtext("units/unit/unit_name") or ""
        elif kind == "matching":
            q["pairs"] = [
                (strip_html(s.findtext("text")), s.findtext("answer/text"))
                for s in el.findall("subquestion")
            ]
        questions[qid] = q
    return categories, questions


def test_moodle_xml_holds_every_question_answer_credit_and_feedback():
    items = fixture_items()
    data, skipped = render("moodle", items)
    assert skipped == []
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    categories, parsed = parse_moodle(data)
    assert [ids for _, ids in categories] == [
        [i.id for i in items if i.bank.chapter == chapter]
        for chapter in ("alpha_sleep", "beta_drugs")
    ]
    # the chapter title names the category; its "/" is written "//" (Moodle's path separator)
    assert [path for path, _ in categories] == [
        "$course$/top/Alpha: sleep stages // cycles",
        "$course$/top/Beta: half-lives",
    ]
    assert list(parsed) == [i.id for i in items]
    for item in items:
        q, got, want = item.question, parsed[item.id], expected(item.question)
        moodle_type = {
            "single": "multichoice",
            "multiple": "multichoice",
            "numeric": "numerical",
            "matching": "matching",
            "ordering": "matching",
        }
        assert got["moodle_type"] == moodle_type[q.type], q.id
        assert got["explanation"] == want["explanation"]
        assert got["hint"] == plain(q.hint)
        assert set(got["tags"]) == {*q.tags, *q.objectives, q.level}
        if q.type in ("single", "multiple"):
            assert got["stem"] == plain(q.stem)
            assert got["options"] == want["options"], q.id
            assert got["single"] == ("true" if q.type == "single" else "false")
            assert set(got["fractions"]) <= MOODLE_GRADES, q.id
        elif q.type == "numeric":
            assert got["answer"] == want["answer"]
            assert got["unit"] == q.unit
            assert got["stem"] == plain(q.stem) + (f" (answer in {q.unit})" if q.unit else "")
        else:
            assert got["pairs"] == want["pairs"], q.id


def test_moodle_credit_full_for_the_right_set_and_nothing_for_everything():
    _, parsed = parse_moodle(render("moodle", fixture_items())[0])
    for qid in ("alpha-multiple", "beta-multiple"):
        fractions = [float(f) for f in parsed[qid]["fractions"]]
        right = [f for f in fractions if f > 0]
        assert sum(right) == pytest.approx(100, abs=1e-3)  # every correct option: full credit
        assert len(set(right)) == 1  # shared equally
        assert sum(fractions) == pytest.approx(0, abs=1e-3)  # ticking every box earns nothing
    single = [float(f) for f in parsed["alpha-single"]["fractions"]]
    assert sorted(single) == [0, 0, 100]


# ---------------------------------------------------------------- GIFT

_MARKERS = ("####", "=", "~", "#")


def gift_tokens(text: str) -> list[tuple[str, str]]:
    """Split a GIFT answer block into (marker, unescaped text) at unescaped = ~ # ####."""
    tokens: list[tuple[str, str]] = []
    marker, buf, i = "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            buf.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        hit = next((m for m in _MARKERS if text.startswith(m, i)), None)
        if hit:
            if marker or "".join(buf).strip():
                tokens.append((marker, "".join(buf).strip()))
            marker, buf = hit, []
            i += len(hit)
            continue
        buf.append(ch)
        i += 1
    tokens.append((marker, "".join(buf).strip()))
    return tokens


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _unescaped(text: str, ch: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            return i
        i += 1
    raise ValueError(f"no unescaped {ch!r} in {text!r}")


def parse_gift(text: str) -> tuple[list[tuple[str, list[str]]], dict[str, dict]]:
    categories: list[tuple[str, list[str]]] = []
    questions: dict[str, dict] = {}
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("//")]
        block = "\n".join(lines).strip()
        if not block:
            continue
        if block.startswith("$CATEGORY:"):
            categories.append((block.removeprefix("$CATEGORY:").strip(), []))
            continue
        assert block.startswith("::"), block
        end = block.index("::", 2)
        qid = gift_unescape(block[2:end])
        rest = block[end + 2 :]
        assert rest.startswith("[html]")
        rest = rest.removeprefix("[html]")
        open_ = _unescaped(rest, "{")
        close = _unescaped(rest, "}", open_)
        assert rest[close + 1 :].strip() == ""
        q = {"stem": strip_html(gift_unescape(rest[:open_]))}
        answers, feedback_for = [], None
        for marker, body in gift_tokens(rest[open_ + 1 : close]):
            if marker == "####":
                q["explanation"] = strip_html(body)
            elif marker in ("=", "~"):
                answers.append({"marker": marker, "text": body, "feedback": ""})
                feedback_for = answers[-1]
            elif marker == "#" and feedback_for is not None:
                feedback_for["feedback"] = strip_html(body)
            elif marker == "#":
                value, tolerance = body.split(":")
                q["answer"] = (float(value), float(tolerance))
        if answers and all("->" in a["text"] for a in answers):
            q["pairs"] = [
                (strip_html(a["text"].split("->", 1)[0]), a["text"].split("->", 1)[1].strip())
                for a in answers
            ]
        elif answers:
            q["weights"], q["options"] = [], []
            for a in answers:
                body = a["text"]
                weight = "100" if a["marker"] == "=" else "0"
                if m := re.match(r"%(-?[\d.]+)%", body):
                    weight, body = m.group(1), body[m.end() :]
                q["weights"].append(weight)
                q["options"].append((strip_html(body), float(weight) > 0, a["feedback"]))
        categories[-1][1].append(qid)
        questions[qid] = q
    return categories, questions


@pytest.mark.parametrize("text", ["a~b=c#d{e}f:g\\h", "\\", "{}", "::", "#### ~= ->", "x\ny"])
def test_gift_escape_round_trips(text):
    escaped = escape(text)
    assert "\n" not in escaped
    # no special character is left bare: every one follows a backslash
    assert not re.search(r"(?<!\\)(?:\\\\)*[~=#{}:]", escaped.replace("\\\\", ""))
    assert gift_unescape(escaped) == text


def test_gift_parses_back_to_the_bank():
    items = fixture_items()
    data, skipped = render("gift", items)
    assert skipped == []
    categories, parsed = parse_gift(data.decode())
    assert [path for path, _ in categories] == [
        "$course$/top/Alpha: sleep stages // cycles",
        "$course$/top/Beta: half-lives",
    ]
    assert [qid for _, ids in categories for qid in ids] == [i.id for i in items]
    for item in items:
        q, got, want = item.question, parsed[item.id], expected(item.question)
        assert got["explanation"] == want["explanation"], q.id
        if q.type in ("single", "multiple"):
            assert got["stem"] == plain(q.stem)
            assert got["options"] == want["options"], q.id
            if q.type == "multiple":
                assert set(got["weights"]) <= MOODLE_GRADES
                assert sum(float(w) for w in got["weights"]) == pytest.approx(0, abs=1e-3)
        elif q.type == "numeric":
            assert got["answer"] == want["answer"]
        else:
            assert got["pairs"] == want["pairs"], q.id


# ---------------------------------------------------------------- Canvas QTI

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def _qti_text(el) -> str:
    mattext = el.find(f".//{QTI}mattext")
    text = mattext.text or ""
    return strip_html(text) if mattext.get("texttype") == "text/html" else text


def parse_qti_item(item) -> dict:
    meta = {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
        for f in item.iter(f"{QTI}qtimetadatafield")
    }
    pres = item.find(f"{QTI}presentation")
    feedback = {fb.get("ident"): _qti_text(fb) for fb in item.findall(f"{QTI}itemfeedback")}
    conditions = item.findall(f"{QTI}resprocessing/{QTI}respcondition")
    q = {
        "canvas_type": meta["question_type"],
        "points": meta["points_possible"],
        "stem": strip_html(pres.find(f"{QTI}material/{QTI}mattext").text),
        "explanation": feedback["general_fb"],
    }
    lids = pres.findall(f"{QTI}response_lid")
    if meta["question_type"] in ("multiple_choice_question", "multiple_answers_question"):
        (lid,) = lids
        labels = [(lab.get("ident"), _qti_text(lab)) for lab in lid.iter(f"{QTI}response_label")]
        shown = {}
        for cond in conditions:
            fb = cond.find(f"{QTI}displayfeedback")
            var = cond.find(f"{QTI}conditionvar/{QTI}varequal")
            if fb is not None and var is not None:
                shown[var.text] = feedback[fb.get("linkrefid")]
        (scoring,) = [c for c in conditions if c.find(f"{QTI}setvar") is not None]
        assert scoring.findtext(f"{QTI}setvar") == "100"
        var = scoring.find(f"{QTI}conditionvar")
        negated = {
            v.text
            for v in var.iter(f"{QTI}varequal")
            if v in [x for n in var.iter(f"{QTI}not") for x in n]
        }
        right = {v.text for v in var.iter(f"{QTI}varequal")} - negated
        q["cardinality"] = lid.get("rcardinality")
        assert meta["original_answer_ids"].split(",") == [ident for ident, _ in labels]
        q["options"] = [(text, ident in right, shown.get(ident, "")) for ident, text in labels]
    elif meta["question_type"] == "numerical_question":
        (scoring,) = [c for c in conditions if c.find(f"{QTI}setvar") is not None]
        value = float(scoring.findtext(f".//{QTI}varequal"))
        low = float(scoring.findtext(f".//{QTI}vargte"))
        high = float(scoring.findtext(f".//{QTI}varlte"))
        assert value - low == pytest.approx(high - value)
        q["answer"] = (value, high - value)
        assert pres.find(f"{QTI}response_str/{QTI}render_fib").get("fibtype") == "Decimal"
    elif meta["question_type"] == "matching_question":
        credit, pairs = Decimal(0), []
        for lid in lids:
            options = {lab.get("ident"): _qti_text(lab) for lab in lid.iter(f"{QTI}response_label")}
            (cond,) = [
                c
                for c in conditions
                if (v := c.find(f"{QTI}conditionvar/{QTI}varequal")) is not None
                and v.get("respident") == lid.get("ident")
            ]
            credit += Decimal(cond.findtext(f"{QTI}setvar"))
            pairs.append(
                (
                    lid.find(f"{QTI}material/{QTI}mattext").text,
                    options[cond.findtext(f"{QTI}conditionvar/{QTI}varequal")],
                )
            )
        assert credit == 100, f"matching credits add up to {credit}, not 100"
        q["pairs"] = pairs
    return q


def parse_qti(data: bytes) -> tuple[list[tuple[str, list[str]]], dict[str, dict]]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        assert manifest.tag == f"{CP}manifest"
        tests, questions = [], {}
        resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
        for res in resources.values():
            assert res.find(f"{CP}file").get("href") == res.get("href")
            if res.get("type") != "imsqti_xmlv1p2":
                continue
            # the quiz settings Canvas reads: a dependency of the assessment
            (dep,) = res.findall(f"{CP}dependency")
            settings = resources[dep.get("identifierref")]
            assert settings.get("type").endswith("learning-application-resource")
            meta = ET.fromstring(zf.read(settings.get("href")))
            assert meta.tag == f"{CANVAS}quiz"
            assert meta.get("identifier") == res.get("identifier")
            root = ET.fromstring(zf.read(res.get("href")))
            assert root.tag == f"{QTI}questestinterop"
            (assessment,) = root.findall(f"{QTI}assessment")
            ids = []
            for item in assessment.iter(f"{QTI}item"):
                assert item.get("title") == item.get("ident")
                ids.append(item.get("ident"))
                questions[item.get("ident")] = parse_qti_item(item)
            assert meta.findtext(f"{CANVAS}title") == assessment.get("title")
            assert meta.findtext(f"{CANVAS}points_possible") == f"{len(ids)}.0"
            assert meta.findtext(f"{CANVAS}assignment/{CANVAS}points_possible") == f"{len(ids)}.0"
            tests.append((assessment.get("title"), ids))
        listed = {r.get("href") for r in manifest.iter(f"{CP}resource")}
        assert set(zf.namelist()) == listed | {"imsmanifest.xml"}
    return tests, questions


def test_qti_zip_holds_every_question_answer_credit_and_feedback():
    items = fixture_items()
    data, skipped = render("qti", items)
    assert skipped == []
    tests, parsed = parse_qti(data)
    assert tests == [
        (b.title, [i.id for i in items if i.bank.chapter == b.chapter])
        for b in (items[0].bank, items[-1].bank)
    ]
    canvas = {
        "single": "multiple_choice_question",
        "multiple": "multiple_answers_question",
        "numeric": "numerical_question",
        "matching": "matching_question",
        "ordering": "matching_question",
    }
    for item in items:
        q, got, want = item.question, parsed[item.id], expected(item.question)
        assert got["canvas_type"] == canvas[q.type]
        assert got["points"] == "1.0"
        explanation = plain(q.explanation) + (f" Hint: {plain(q.hint)}" if q.hint else "")
        assert got["explanation"] == explanation
        if q.type in ("single", "multiple"):
            assert got["stem"] == plain(q.stem)
            assert got["cardinality"] == ("Single" if q.type == "single" else "Multiple")
            assert got["options"] == want["options"], q.id
        elif q.type == "numeric":
            assert got["answer"] == pytest.approx(want["answer"])
        else:
            assert got["pairs"] == want["pairs"], q.id


def test_qti_zip_is_reproducible():
    items = fixture_items()
    assert render("qti", items)[0] == render("qti", items)[0]


# ---------------------------------------------------------------- JSON and Markdown


def test_json_round_trips_through_the_schema():
    items = fixture_items()
    doc = json.loads(render("json", items)[0])
    assert doc["format"] == "quizzes-banks" and doc["version"] == 1
    banks = [Bank.model_validate(b) for b in doc["banks"]]
    assert banks == [load_bank("alpha_sleep", BANKS), load_bank("beta_drugs", BANKS)]
    assert doc["content_hashes"] == {i.id: i.question.content_hash() for i in items}


def _sections(html_text: str, tag: str = "h3") -> dict[str, str]:
    """Rendered HTML split at each heading: {heading text: the HTML after it}."""
    parts = re.split(rf"<{tag}>(.*?)</{tag}>", html_text)
    return {strip_html(parts[k]): parts[k + 1] for k in range(1, len(parts), 2)}


def _items_of(fragment: str, tag: str) -> list[str]:
    return [strip_html(m) for m in re.findall(rf"<{tag}>(.*?)</{tag}>", fragment, re.S)]


def test_markdown_answer_key_names_every_question_and_marks_the_right_answers():
    """Rendered as a reader sees it: every option marked, the numeric answer with its
    tolerance and unit, the ordering in order and every matching pair in its row."""
    items = fixture_items()
    text = render("markdown", items)[0].decode()
    sections = _sections(MarkdownIt("commonmark").enable("table").render(text))
    assert list(sections) == [i.id for i in items]
    for item in items:
        q, section = item.question, sections[item.id]
        shown = strip_html(section)
        if q.type in ("single", "multiple"):
            rows = _items_of(section, "li")
            for o in q.options:
                want = f"{'[x]' if o.correct else '[ ]'} {plain(o.text)}"
                assert any(r.startswith(want) for r in rows), (q.id, want, rows)
        elif q.type == "numeric":
            unit = f" {q.unit}" if q.unit else ""
            assert f"Answer: {q.answer:g}{unit} (accepted within ± {q.tolerance:g}{unit})" in shown
        elif q.type == "ordering":
            ordered = re.search(r"<ol>(.*?)</ol>", section, re.S).group(1)
            assert _items_of(ordered, "li") == [plain(t) for t in q.items]
        elif q.type == "matching":
            cells = _items_of(section.split("<tbody>")[1], "td")
            assert list(zip(cells[::2], cells[1::2], strict=True)) == [
                (plain(p.left), plain(p.right)) for p in q.pairs
            ]
        assert f"Explanation: {plain(q.explanation)}" in shown


# ---------------------------------------------------------------- numbers, written exactly

# (answer, tolerance) as a bank holds them, and the text every format must carry
NUMBERS = [
    (1234567, 0, "1234567", "0", ("1234567", "1234567")),
    (12345678901, 2, "12345678901", "2", ("12345678899", "12345678903")),
    (0.0000001, 0.000000001, "0.0000001", "0.000000001", ("0.000000099", "0.000000101")),
    (4.5, 0.5, "4.5", "0.5", ("4", "5")),
    (0.3, 0.1, "0.3", "0.1", ("0.2", "0.4")),
    (123456.789, 0.001, "123456.789", "0.001", ("123456.788", "123456.79")),
    (-40, 2.5, "-40", "2.5", ("-42.5", "-37.5")),
]


def number_items():
    questions = [
        {
            "id": f"num-{k}",
            "type": "numeric",
            "level": "recall",
            "objectives": ["n-1"],
            "stem": f"Number {k}?",
            "answer": answer,
            "tolerance": tolerance,
            "unit": "mg",
            "explanation": "As written.",
            "sources": ["x"],
        }
        for k, (answer, tolerance, *_) in enumerate(NUMBERS)
    ]
    bank = Bank.model_validate(
        {
            "chapter": "numbers",
            "title": "Numbers",
            "objectives": [{"id": "n-1", "text": "Count."}],
            "questions": questions,
        }
    )
    return select({"numbers": bank})


def test_numbers_are_exported_exactly_in_every_format():
    items = number_items()
    moodle = ET.fromstring(render("moodle", items)[0])
    gift = render("gift", items)[0].decode()
    with zipfile.ZipFile(io.BytesIO(render("qti", items)[0])) as zf:
        qti = ET.fromstring(zf.read("numbers/numbers.xml"))
    markdown = strip_html(MarkdownIt("commonmark").render(render("markdown", items)[0].decode()))
    doc = json.loads(render("json", items)[0])
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    for k, (answer, tolerance, answer_text, tolerance_text, (low, high)) in enumerate(NUMBERS):
        (q,) = [el for el in moodle.findall("question") if el.findtext("name/text") == f"num-{k}"]
        assert q.findtext("answer/text") == answer_text
        assert q.findtext("answer/tolerance") == tolerance_text
        assert f"\t#{answer_text}:{tolerance_text}\n" in gift
        item = qti.find(f".//q:item[@ident='num-{k}']", ns)
        assert item.find(".//q:varequal", ns).text == answer_text
        assert item.find(".//q:vargte", ns).text == low
        assert item.find(".//q:varlte", ns).text == high
        assert f"Answer: {answer_text} mg (accepted within ± {tolerance_text} mg)" in markdown
        got = doc["banks"][0]["questions"][k]
        assert (got["answer"], got["tolerance"]) == (answer, tolerance)


def test_printed_key_writes_numbers_exactly(tmp_path):
    from quizzes.export.worksheet import present

    for s, (_, _, answer_text, _, (low, high)) in zip(
        present(number_items(), 1), NUMBERS, strict=True
    ):
        assert s.key == f"{answer_text} mg (accept {low} to {high} mg)"


# ---------------------------------------------------------------- what a format cannot hold


def test_questions_a_format_cannot_express_are_reported_by_id(tmp_path, capsys):
    out = tmp_path / "edge.gift"
    assert main(["export", "--format", "gift", "--banks", str(EDGE), "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert sorted(line.split(":")[0] for line in err) == [
        "skipped edge-arrow",
        "skipped edge-eleven",
    ]
    _, parsed = parse_gift(out.read_text())
    assert list(parsed) == ["edge-fine"]

    out = tmp_path / "edge.xml"
    assert main(["export", "--format", "moodle", "--banks", str(EDGE), "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[0].startswith("skipped edge-eleven: ")
    _, parsed = parse_moodle(out.read_bytes())
    assert list(parsed) == ["edge-arrow", "edge-fine"]

    out = tmp_path / "edge.zip"
    assert main(["export", "--format", "qti", "--banks", str(EDGE), "--out", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert set(parse_qti(out.read_bytes())[1]) == {"edge-arrow", "edge-eleven", "edge-fine"}


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_writes_the_same_bytes_as_render(fmt, tmp_path, capsys):
    out = tmp_path / f"quiz.{fmt}"
    assert main(["export", "--format", fmt, "--banks", str(BANKS), "--out", str(out)]) == 0
    assert out.read_bytes() == render(fmt, fixture_items())[0]
    assert capsys.readouterr().err == ""
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left
    if fmt != "qti":
        assert main(["export", "--format", fmt, "--banks", str(BANKS)]) == 0
        assert capsys.readouterr().out.encode() == out.read_bytes()


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (
            ["--chapter", "beta_drugs"],
            ["beta-numeric", "beta-numeric-neg", "beta-multiple", "beta-matching", "beta-ordering"],
        ),
        (["--tag", "stages"], ["alpha-single", "alpha-ordering"]),  # a tag
        (["--tag", "beta-2"], ["beta-multiple", "beta-matching", "beta-ordering"]),  # an objective
        (["--tag", "analysis"], ["alpha-matching", "alpha-single-2", "beta-multiple"]),  # a level
        (
            ["--tag", "stages", "--tag", "cycles"],
            ["alpha-single", "alpha-numeric", "alpha-ordering"],
        ),
        (["--chapter", "alpha_sleep", "--tag", "fixture"], ["alpha-single", "alpha-matching"]),
    ],
)
def test_cli_filters_by_chapter_and_tag(args, ids, capsys):
    assert main(["export", "--format", "json", "--banks", str(BANKS), *args]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [q["id"] for b in doc["banks"] for q in b["questions"]] == ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "gift", "--chapter", "gamma"], "unknown chapter 'gamma'"),
        (["--format", "gift", "--tag", "nosuchtag"], "unknown tag 'nosuchtag'"),
        (
            ["--format", "gift", "--chapter", "beta_drugs", "--tag", "stages"],
            "unknown tag 'stages'",
        ),
        (["--format", "qti"], "give --out"),
        (["--format", "moodle", "--out", "{tmp}/missing/quiz.xml"], "does not exist"),
        (["--format", "moodle", "--out", "{tmp}/file.txt/quiz.xml"], "does not exist"),
        (["--format", "moodle", "--out", "{tmp}"], "it is a folder"),
        (["--format", "json", "--banks", "{tmp}/nobanks"], "no bank folder"),
    ],
)
def test_cli_bad_arguments_exit_2_with_one_line_and_write_nothing(args, message, tmp_path, capsys):
    (tmp_path / "file.txt").write_text("not a folder")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--banks" not in args:
        args += ["--banks", str(BANKS)]
    before = sorted(tmp_path.rglob("*"))
    assert main(["export", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("error: ") and message in captured.err
    assert sorted(tmp_path.rglob("*")) == before


def test_python_dash_m_runs_the_export(tmp_path):
    out = tmp_path / "quiz.zip"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizzes",
            "export",
            "--format",
            "qti",
            "--banks",
            str(BANKS),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert set(parse_qti(out.read_bytes())[1]) == {i.id for i in fixture_items()}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizzes",
            "export",
            "--format",
            "gift",
            "--banks",
            str(BANKS),
            "--chapter",
            "nope",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stdout == ""


# ---------------------------------------------------------------- the real banks


def test_every_real_bank_exports_in_every_format():
    if not bank_files(BANK_DIR):
        pytest.skip("no question banks in quizzes/bank yet")
    items = select(load_all(BANK_DIR))
    ids = [i.id for i in items]
    parsers = {
        "moodle": parse_moodle,
        "qti": parse_qti,
        "gift": lambda data: parse_gift(data.decode()),
    }
    for fmt in FORMATS:
        data, skipped = render(fmt, items)
        if fmt in parsers:
            _, parsed = parsers[fmt](data)
            # every question is either in the export or named as skipped
            assert sorted([*parsed, *(s.qid for s in skipped)]) == sorted(ids), fmt
        elif fmt == "json":
            doc = json.loads(data)
            assert [q["id"] for b in doc["banks"] for q in b["questions"]] == ids
        else:
            assert all(f"`{qid}`" in data.decode() for qid in ids)


def test_cli_unwritable_folder_exits_2(tmp_path, capsys, monkeypatch):
    # running as root, a read-only folder is still writable, so make creating the file fail
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("quizzes.export._common.tempfile.mkstemp", refuse)
    out = tmp_path / "quiz.xml"
    assert main(["export", "--format", "moodle", "--banks", str(BANKS), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: cannot write {out}: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- hostile bank text

HOSTILE = ROOT / "tests" / "books" / "hostile" / "bank"


class _Elements(HTMLParser):
    """Every element and attribute an HTML fragment would create, and its text."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def assert_inert(fragment: str, allowed: set[str], where: str) -> str:
    """No element outside `allowed`, no event handler or javascript: link; returns the text."""
    parsed = _Elements(fragment)
    for tag, attrs in parsed.tags:
        assert tag in allowed, f"{where}: <{tag}> made from bank text"
        assert not any(a.startswith("on") for a in attrs), f"{where}: handler on <{tag}>"
        assert "javascript:" not in attrs.get("href", ""), where
    return " ".join("".join(parsed.text).split())


INLINE = {"p", "strong", "em", "code"}


def test_hostile_bank_text_stays_text_in_every_export():
    items = select(load_all(HOSTILE))
    # Moodle XML: every HTML field holds escaped text with only the bank's marks as tags
    moodle = ET.fromstring(render("moodle", items)[0])
    shown = []
    for parent in moodle.iter():
        if parent.get("format") == "html":
            shown.append(assert_inert(parent.findtext("text") or "", INLINE, "moodle"))
    assert any("<script>window.__pwned" in t for t in shown)
    assert any("{{ 7*7 }}" in t for t in shown)
    # Canvas QTI: mattext in HTML or plain text
    with zipfile.ZipFile(io.BytesIO(render("qti", items)[0])) as zf:
        qti = ET.fromstring(zf.read("hostile/hostile.xml"))
    for el in qti.iter("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}mattext"):
        if el.get("texttype") == "text/html":
            assert_inert(el.text or "", INLINE, "qti")
    # GIFT: the [html] fields, unescaped as Moodle reads them
    _, parsed = parse_gift(render("gift", items)[0].decode())
    assert "<img src=x onerror=" in parsed["hostile-single"]["stem"]
    # Markdown: rendered by a Markdown renderer, only the answer key's own structure appears
    markdown = (
        MarkdownIt("commonmark").enable("table").render(render("markdown", items)[0].decode())
    )
    text = assert_inert(
        markdown,
        {
            "h1",
            "h2",
            "h3",
            "p",
            "em",
            "strong",
            "code",
            "ul",
            "ol",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        },
        "markdown",
    )
    for literal in ("<script>window.__pwned", "{{ 7*7 }}", "<svg onload=", "# Not a heading"):
        assert literal in text


def test_hostile_bank_text_stays_text_in_worksheets(tmp_path):
    from quizzes.export.worksheet import answer_key_html, present, worksheet_html

    shown = present(select(load_all(HOSTILE)), 5)
    structure = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "p",
        "span",
        "div",
        "ol",
        "li",
        "b",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        *INLINE,
    }
    for title, page in (
        ("W <b>", worksheet_html(shown, "W <b>", 5)),
        ("K <b>", answer_key_html(shown, "K <b>", 5)),
    ):
        body = page.split("</style>", 1)[1]
        text = assert_inert(body, structure, "worksheet")
        assert "<img src=x onerror=" in text and "{{ 7*7 }}" in text and title in text


@pytest.mark.parametrize("n", range(3, 12))
def test_canvas_matching_credits_add_up_to_exactly_100(n):
    from quizzes.export.qti import credits

    shares = [Decimal(c) for c in credits(n)]
    assert sum(shares) == 100
    assert max(shares) - min(shares) <= Decimal("0.01")


# ---------------------------------------------------------------- reviewed output, byte for byte

GOLDEN = FIXTURES / "golden"


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("moodle", "moodle.xml"),
        ("gift", "gift.txt"),
        ("json", "banks.json"),
        ("markdown", "answer-key.md"),
    ],
)
def test_export_of_the_fixture_banks_is_the_reviewed_file(fmt, name):
    """Every element an LMS reads, not only those the parsers above rebuild (Moodle's grading
    and unit settings, tags, categories; GIFT's escapes; the content hashes that key progress).
    The files in tests/fixtures/export/golden were read through against the formats and the
    fixture banks; an intended change to an export updates them in the same commit."""
    data, skipped = render(fmt, fixture_items())
    assert skipped == []
    assert data.decode("utf-8") == (GOLDEN / name).read_text(encoding="utf-8")


def test_qti_zip_holds_the_reviewed_files():
    data, skipped = render("qti", fixture_items())
    assert skipped == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == [
            "alpha_sleep/alpha_sleep.xml",
            "alpha_sleep/assessment_meta.xml",
            "beta_drugs/beta_drugs.xml",
            "beta_drugs/assessment_meta.xml",
            "imsmanifest.xml",
        ]
        for info in infos:
            assert info.date_time == (2020, 1, 1, 0, 0, 0), info.filename
            assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
            want = (GOLDEN / "qti" / info.filename).read_text(encoding="utf-8")
            assert zf.read(info).decode("utf-8") == want, info.filename


# ---------------------------------------------------------------- writing files, and the messages


def test_usage_messages_name_what_is_known():
    banks = load_all(BANKS)
    with pytest.raises(
        Exception, match=r"^unknown chapter 'gamma' \(known: alpha_sleep, beta_drugs\)$"
    ):
        select(banks, "gamma")
    with pytest.raises(
        Exception,
        match=r"^unknown tag 'stages': no question in chapter 'beta_drugs' has it as a tag, "
        r"objective or level$",
    ):
        select(banks, "beta_drugs", ["half-life", "stages"])
    with pytest.raises(
        Exception, match=r"^unknown tag 'nope': no question has it as a tag, objective or level$"
    ):
        select(banks, None, ["nope"])


def test_an_invalid_bank_is_named_by_its_first_problem(tmp_path):
    from quizzes.export import UsageError

    (tmp_path / "demo.yml").write_text("chapter: demo\ntitle: ''\nobjectives: []\nquestions: []\n")
    with pytest.raises(UsageError) as caught:
        load_all(tmp_path)
    path = tmp_path / "demo.yml"
    assert str(caught.value) == (
        f"invalid bank {path}:2: title: String should have at least 1 character "
        "(run `python -m quizzes check`)"
    )
    (tmp_path / "demo.yml").unlink()
    with pytest.raises(UsageError, match=rf"^no question banks \(\*\.yml\) in {tmp_path}$"):
        load_all(tmp_path)


def test_files_are_written_through_a_temporary_file_beside_them_and_readable(tmp_path, monkeypatch):
    import os
    import stat

    from quizzes.export._common import write_file, write_folder

    renames = []
    real = os.replace
    monkeypatch.setattr(
        os, "replace", lambda a, b: (renames.append((Path(a), Path(b))), real(a, b))
    )
    write_file(tmp_path / "quiz.xml", b"<quiz/>")
    ((tmp, target),) = renames
    assert target == tmp_path / "quiz.xml" and tmp.parent == tmp_path
    assert tmp.name.startswith(".quiz.xml.") and tmp.name.endswith(".tmp")
    assert stat.S_IMODE((tmp_path / "quiz.xml").stat().st_mode) == 0o644  # not mkstemp's 0o600
    renames.clear()
    write_folder(tmp_path / "out", {"a.html": b"a", "b.json": b"b"})
    ((tmp, target),) = renames  # a new folder arrives in one rename
    assert target == tmp_path / "out" and tmp.parent == tmp_path
    assert tmp.name.startswith(".out.") and tmp.name.endswith(".tmp")
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()} == {
        "a.html": 0o644,
        "b.json": 0o644,
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "quiz.xml"]  # nothing left over


def test_a_failed_write_leaves_nothing_behind_and_says_why(tmp_path, monkeypatch):
    import os

    from quizzes.export import UsageError
    from quizzes.export._common import write_file, write_folder

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(UsageError) as caught:
        write_file(tmp_path / "quiz.xml", b"<quiz/>")
    assert str(caught.value) == f"cannot write {tmp_path / 'quiz.xml'}: No space left on device"
    with pytest.raises(UsageError) as caught:
        write_folder(tmp_path / "out", {"a.html": b"a"})
    assert str(caught.value) == f"cannot write {tmp_path / 'out'}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_writable_is_refused(tmp_path, monkeypatch):
    import os

    from quizzes.export import UsageError
    from quizzes.export._common import write_file, write_folder

    # running as root, every folder is writable: a folder that refuses writing, as os.access says
    monkeypatch.setattr(os, "access", lambda path, mode: not mode & os.W_OK)
    (tmp_path / "out").mkdir()
    with pytest.raises(UsageError) as caught:
        write_file(tmp_path / "quiz.xml", b"x")
    assert str(caught.value) == (
        f"cannot write {tmp_path / 'quiz.xml'}: folder {tmp_path} is not writable"
    )
    with pytest.raises(UsageError) as caught:
        write_folder(tmp_path / "out", {"a": b"a"})
    assert str(caught.value) == f"cannot write into {tmp_path / 'out'}: folder is not writable"
    with pytest.raises(UsageError) as caught:
        write_folder(tmp_path / "new", {"a": b"a"})
    assert (
        str(caught.value) == f"cannot write {tmp_path / 'new'}: folder {tmp_path} is not writable"
    )


def test_what_a_format_cannot_hold_is_named_with_the_reason():
    items = fixture_items(EDGE)
    assert [str(s) for s in render("gift", items)[1]] == [
        "skipped edge-arrow: GIFT cannot hold '->' in a matching item: 'A -> B'",
        "skipped edge-eleven: GIFT has no grade of 100/11 percent for an option",
    ]
    assert [str(s) for s in render("moodle", items)[1]] == [
        "skipped edge-eleven: Moodle has no grade of 100/11 percent for an option"
    ]
    # edge-fine has options without feedback: no "#" after them in GIFT
    gift = render("gift", items)[0].decode()
    assert "\t=<p>Yes</p>\n\t~<p>No</p>\n" in gift


def _multiple(correct: int, wrong: int):
    from types import SimpleNamespace as NS

    return NS(options=[NS(correct=True)] * correct + [NS(correct=False)] * wrong)


def test_multiple_answer_credit_uses_moodles_grades_or_names_the_missing_one():
    from quizzes.export.moodle import multiple_answer_grades

    assert multiple_answer_grades(_multiple(2, 2)) == ["50", "50", "-50", "-50"]
    assert multiple_answer_grades(_multiple(1, 2)) == ["100", "-50", "-50"]
    assert multiple_answer_grades(_multiple(3, 0)) == ["33.33333"] * 3  # nothing wrong to share
    assert multiple_answer_grades(_multiple(1, 7)) == ["100"] + ["-14.28571"] * 7
    assert multiple_answer_grades(_multiple(11, 1)) == 11  # no grade of 100/11: 11 named
    assert multiple_answer_grades(_multiple(1, 11)) == 11
    assert multiple_answer_grades(_multiple(2, 11)) == 11


def test_gift_line_breaks_of_any_kind_are_one_escaped_break():
    assert escape("a\r\nb\nc") == "a\\nb\\nc"


def test_numbers_written_exactly_at_the_edges():
    from quizzes.export._text import bounds, number_text

    assert number_text(1) == "1"
    assert number_text(0) == "0"
    assert number_text(-0.0) == "0"  # never "-0"
    assert number_text(100) == "100"
    assert number_text(2.50) == "2.5"
    assert bounds(1, 1) == ("0", "2")
    assert bounds(0.5, 0.5) == ("0", "1")


def test_the_markdown_entry_of_a_numbered_question_with_two_sources():
    from quizzes.export.markdown import question_lines
    from quizzes.model import Numeric

    q = Numeric.model_validate(
        {
            "id": "n1",
            "type": "numeric",
            "level": "recall",
            "objectives": ["o"],
            "stem": "How many?",
            "answer": 3,
            "tolerance": 0,
            "explanation": "Three.",
            "sources": ["a2020", "b2021"],
        }
    )
    assert question_lines(q, 4) == [
        "### 4. `n1`",
        "",
        "*numeric, recall; objectives: o*",
        "",
        "How many?",
        "",
        "**Answer:** 3 (accepted within ± 0)",
        "",
        "**Explanation:** Three.",
        "",
        "**Sources:** a2020, b2021",
        "",
    ]


# --- found by mutation testing (benchmarks/mutation.py) ----------------------------------------


def _essay(qid: str):
    """A question of a type added to the schema but to no exporter yet."""
    from types import SimpleNamespace

    return SimpleNamespace(
        id=qid, type="essay", stem="Write.", explanation="E.", level="recall", hint=None,
        objectives=["o"], tags=[], sources=["s"],
    )  # fmt: skip


def test_a_question_type_no_exporter_knows_is_skipped_by_id_in_every_chapter():
    from quizzes.export._common import Item, Skipped

    banks = load_all(BANKS)
    alpha, beta = banks["alpha_sleep"], banks["beta_drugs"]
    items = [
        Item(alpha, alpha.questions[0]),
        Item(alpha, _essay("alpha-essay")),
        Item(beta, beta.questions[0]),
        Item(beta, _essay("beta-essay")),
    ]
    for fmt, name in [("gift", "GIFT"), ("moodle", "Moodle XML"), ("qti", "Canvas QTI")]:
        data, skipped = render(fmt, items)
        assert skipped == [
            Skipped("alpha-essay", f"no {name} form for question type 'essay'"),
            Skipped("beta-essay", f"no {name} form for question type 'essay'"),
        ], fmt
        if fmt != "qti":  # (a zip: its contents below)
            assert b"alpha-single" in data and b"beta-numeric" in data
            assert b"-essay" not in data, fmt
    # a Canvas quiz is worth what it holds: one point a question written, none for one skipped
    data, _ = render("qti", items)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        meta = ET.fromstring(zf.read("alpha_sleep/assessment_meta.xml"))
    points = [el.text for el in meta.iter() if el.tag.endswith("points_possible")]
    assert points == ["1.0", "1.0"]


def test_a_chapter_of_one_question_exports():
    banks = load_all(BANKS)
    (item,) = [i for i in select(banks, "beta_drugs") if i.id == "beta-ordering"]
    text, _ = render("markdown", [item])
    assert text.decode().startswith("# Answer key\n\n## Beta: half-lives (`beta_drugs`)\n")
    assert "### `beta-ordering`" in text.decode()
    data, _ = render("qti", [item])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        quiz = ET.fromstring(zf.read("beta_drugs/beta_drugs.xml"))
    assert [el.get("ident") for el in quiz.iter() if el.tag.endswith("}item")] == ["beta-ordering"]


def test_the_answer_key_ends_with_the_last_source_whole():
    from quizzes.export._common import Item

    bank = load_all(BANKS)["beta_drugs"]
    last = bank.questions[-1].model_copy(update={"sources": ["smithX", "jonesXX"]})
    text, _ = render("markdown", [Item(bank, last)])
    assert text.decode().endswith("\n**Sources:** smithX, jonesXX\n")

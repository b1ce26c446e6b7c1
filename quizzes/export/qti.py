"""Canvas QTI 1.2 (Canvas: Settings > Import Course Content > QTI .zip file).

A zip holding `imsmanifest.xml` and, per chapter, the assessment `<chapter>/<chapter>.xml` (a
Canvas quiz and question bank named after the chapter title) and `<chapter>/assessment_meta.xml`,
the quiz settings Canvas's own exports carry (title, description, points, attempts), so the
quiz arrives with them. Items carry
Canvas's `question_type` metadata: multiple_choice_question, multiple_answers_question,
numerical_question and matching_question (ordering is a matching question against positions).
Per-option feedback is an `itemfeedback` shown through `displayfeedback`; the explanation is
the general feedback (`general_fb`).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from itertools import groupby

from ._common import Item, Skipped
from ._text import (
    ORDERING_INSTRUCTION,
    bounds,
    inline_html,
    number_text,
    position_label,
    to_html,
    to_plain,
)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_XSD = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

CANVAS_TYPE = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "matching": "matching_question",
    "ordering": "matching_question",
}

# a fixed timestamp keeps the zip byte-for-byte reproducible
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _material(parent: ET.Element, text: str, html: bool = True) -> ET.Element:
    mat = _sub(parent, "material")
    _sub(
        mat,
        "mattext",
        to_html(text) if html else to_plain(text),
        texttype="text/html" if html else "text/plain",
    )
    return mat


def _metadata(item: ET.Element, q) -> None:
    # the fields Canvas writes in its own exports (and text2qti, known to import, copies);
    # the identifierref names a bank question that need not exist in the package
    answer_ids = ""
    if q.type in ("single", "multiple"):
        answer_ids = ",".join(f"{q.id}-{k}" for k in range(1, len(q.options) + 1))
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (
        ("question_type", CANVAS_TYPE[q.type]),
        ("points_possible", "1.0"),
        ("original_answer_ids", answer_ids),
        ("assessment_question_identifierref", f"{q.id}-ref"),
    ):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _outcomes(resp: ET.Element) -> None:
    _sub(
        _sub(resp, "outcomes"),
        "decvar",
        maxvalue="100",
        minvalue="0",
        varname="SCORE",
        vartype="Decimal",
    )


def _general_feedback(resp: ET.Element) -> None:
    cond = _sub(resp, "respcondition", continue_="Yes")
    _sub(_sub(cond, "conditionvar"), "other")
    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")


def _itemfeedback(item: ET.Element, ident: str, text: str) -> None:
    fb = _sub(item, "itemfeedback", ident=ident)
    _material(_sub(fb, "flow_mat"), text)


def _choice(item: ET.Element, pres: ET.Element, resp: ET.Element, q) -> None:
    idents = [f"{q.id}-{k}" for k in range(1, len(q.options) + 1)]
    lid = _sub(
        pres,
        "response_lid",
        ident="response1",
        rcardinality="Single" if q.type == "single" else "Multiple",
    )
    choice = _sub(lid, "render_choice")
    for ident, option in zip(idents, q.options, strict=True):
        _material(_sub(choice, "response_label", ident=ident), option.text, html=False)
    for ident, option in zip(idents, q.options, strict=True):
        if option.feedback:
            cond = _sub(resp, "respcondition", continue_="Yes")
            _sub(_sub(cond, "conditionvar"), "varequal", ident, respident="response1")
            _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
    cond = _sub(resp, "respcondition", continue_="No")
    var = _sub(cond, "conditionvar")
    if q.type == "single":
        right = next(i for i, o in zip(idents, q.options, strict=True) if o.correct)
        _sub(var, "varequal", right, respident="response1")
    else:
        both = _sub(var, "and")
        for ident, option in zip(idents, q.options, strict=True):
            parent = both if option.correct else _sub(both, "not")
            _sub(parent, "varequal", ident, respident="response1")
    _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    for ident, option in zip(idents, q.options, strict=True):
        if option.feedback:
            _itemfeedback(item, f"{ident}_fb", option.feedback)


def _numerical(pres: ET.Element, resp: ET.Element, q) -> None:
    strq = _sub(pres, "response_str", ident="response1", rcardinality="Single")
    _sub(_sub(strq, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
    cond = _sub(resp, "respcondition", continue_="No")
    either = _sub(_sub(cond, "conditionvar"), "or")
    _sub(either, "varequal", number_text(q.answer), respident="response1")
    low, high = bounds(q.answer, q.tolerance)
    within = _sub(either, "and")
    _sub(within, "vargte", low, respident="response1")
    _sub(within, "varlte", high, respident="response1")
    _sub(cond, "setvar", "100", action="Set", varname="SCORE")


def credits(n: int) -> list[str]:
    """n shares of 100 points in hundredths that add up to exactly 100 (33.34, 33.33, 33.33)."""
    base, extra = divmod(10_000, n)
    return [f"{(base + (k < extra)) / 100:.2f}" for k in range(n)]


def _matching(pres: ET.Element, resp: ET.Element, q, pairs: list[tuple[str, str]]) -> None:
    rights = [f"{q.id}-r{k}" for k in range(1, len(pairs) + 1)]
    for k, (left, _) in enumerate(pairs, 1):
        lid = _sub(pres, "response_lid", ident=f"response_{q.id}-l{k}")
        _material(lid, left, html=False)
        choice = _sub(lid, "render_choice")
        for ident, (_, right) in zip(rights, pairs, strict=True):
            _material(_sub(choice, "response_label", ident=ident), right, html=False)
    for k, (ident, credit) in enumerate(zip(rights, credits(len(pairs)), strict=True), 1):
        cond = _sub(resp, "respcondition")
        _sub(_sub(cond, "conditionvar"), "varequal", ident, respident=f"response_{q.id}-l{k}")
        _sub(cond, "setvar", credit, varname="SCORE", action="Add")


def _item(section: ET.Element, q) -> Skipped | None:
    if q.type not in CANVAS_TYPE:
        return Skipped(q.id, f"no Canvas QTI form for question type {q.type!r}")
    item = _sub(section, "item", ident=q.id, title=q.id)
    _metadata(item, q)
    pres = _sub(item, "presentation")
    stem = q.stem
    if q.type == "numeric" and q.unit:
        stem += f" (answer in {q.unit})"
    if q.type == "ordering":
        stem += f"\n\n{ORDERING_INSTRUCTION}"
    _material(pres, stem)
    resp = _sub(item, "resprocessing")
    _outcomes(resp)
    _general_feedback(resp)
    if q.type in ("single", "multiple"):
        _choice(item, pres, resp, q)
    elif q.type == "numeric":
        _numerical(pres, resp, q)
    elif q.type == "matching":
        _matching(pres, resp, q, [(p.left, p.right) for p in q.pairs])
    else:
        _matching(pres, resp, q, [(t, position_label(k)) for k, t in enumerate(q.items, 1)])
    explanation = q.explanation + (f"\n\nHint: {q.hint}" if q.hint else "")
    _itemfeedback(item, "general_fb", explanation)
    return None


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def assessment(chapter: str, title: str, questions: Sequence) -> tuple[bytes, list[Skipped]]:
    root = ET.Element(
        "questestinterop",
        {"xmlns": QTI_NS, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}"},
    )
    test = _sub(root, "assessment", ident=chapter, title=title)
    meta = _sub(_sub(test, "qtimetadata"), "qtimetadatafield")
    _sub(meta, "fieldlabel", "cc_maxattempts")
    _sub(meta, "fieldentry", "1")
    section = _sub(test, "section", ident="root_section")
    skipped = [s for q in questions if (s := _item(section, q))]
    return _xml(root), skipped


def assessment_meta(bank, points: int) -> bytes:
    """The Canvas quiz settings of one chapter: an unpublished, graded quiz of `points` points."""
    root = ET.Element(
        "quiz",
        {
            "identifier": bank.chapter,
            "xmlns": CANVAS_NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CANVAS_NS} {CANVAS_XSD}",
        },
    )
    objectives = "".join(f"<li>{inline_html(o.text)}</li>" for o in bank.objectives)
    description = (
        "<p>Questions from the open textbook <em>Benzodiazepines and Sleep</em>.</p>"
        f"<p>Learning objectives:</p><ol>{objectives}</ol>"
    )
    for tag, text in (
        ("title", bank.title),
        ("description", description),
        ("shuffle_answers", "true"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", f"{points:.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ):
        _sub(root, tag, text)
    assignment = _sub(root, "assignment", identifier=f"{bank.chapter}-assignment")
    for tag, text in (
        ("title", bank.title),
        ("workflow_state", "unpublished"),
        ("quiz_identifierref", bank.chapter),
        ("points_possible", f"{points:.1f}"),
        ("grading_type", "points"),
        ("submission_types", "online_quiz"),
    ):
        _sub(assignment, tag, text)
    return _xml(root)


def manifest(chapters: Sequence[tuple[str, str]]) -> bytes:
    root = ET.Element(
        "manifest",
        {
            "identifier": "quizzes-export",
            "xmlns": CP_NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CP_NS} {CP_XSD}",
        },
    )
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for chapter, _title in chapters:
        href = f"{chapter}/{chapter}.xml"
        res = _sub(resources, "resource", identifier=chapter, type="imsqti_xmlv1p2", href=href)
        _sub(res, "file", href=href)
        _sub(res, "dependency", identifierref=f"{chapter}-meta")
        meta_href = f"{chapter}/assessment_meta.xml"
        settings = _sub(
            resources,
            "resource",
            identifier=f"{chapter}-meta",
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=meta_href,
        )
        _sub(settings, "file", href=meta_href)
    return _xml(root)


def render(items: Sequence[Item]) -> tuple[bytes, list[Skipped]]:
    buffer = io.BytesIO()
    skipped: list[Skipped] = []
    chapters = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for _, group in groupby(items, key=lambda i: i.bank.chapter):
            group = list(group)
            bank = group[0].bank
            data, problems = assessment(bank.chapter, bank.title, [i.question for i in group])
            skipped += problems
            chapters.append((bank.chapter, bank.title))
            settings = assessment_meta(bank, len(group) - len(problems))  # 1 point a question
            for name, content in ((f"{bank.chapter}.xml", data), ("assessment_meta.xml", settings)):
                zf.writestr(
                    zipfile.ZipInfo(f"{bank.chapter}/{name}", _ZIP_DATE),
                    content,
                    zipfile.ZIP_DEFLATED,
                )
        zf.writestr(
            zipfile.ZipInfo("imsmanifest.xml", _ZIP_DATE), manifest(chapters), zipfile.ZIP_DEFLATED
        )
    return buffer.getvalue(), skipped

"""The PDF edition (`python -m quizzes.pdf`), built once per session beside the test site (so it
reuses its execution cache) and read back with real PDF readers: pypdf for the outline, links,
fonts and metadata, and Debian's pdftotext (poppler) for the text and where each word sits."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from quizzes import load_banks
from quizzes.export.worksheet import chapter_sheet
from quizzes.figures import svg
from quizzes.markup import to_plain
from quizzes.pdf import APPENDIX, ROOT, WEB_ONLY, PdfBuildError, build, pdf_toc

from conftest import ROOT as BOOK
from conftest import require

pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/benzodiazepines-and-sleep/"
EPOCH = "1795000000"  # 18 November 2026, 18:26 UTC: the edition's date
# what only a browser shows: the quiz's buttons and status, the study pages' loading line
WEB_LABELS = {
    "Check",
    "Try again",
    "Reset",
    "Reset the whole quiz",
    "Print",
    "Print with answers",
    "Hint",
    "Show hint",
    "Loading",
    "Loading…",
    "Loading your progress…",
}
MARKUP = re.compile(r"```|:::|\{(term|cite|cite:t|cite:p|ref|doc|code-cell|glossary|include)\}|¶")


def flat(text: str) -> str:
    """Text as one line: WeasyPrint's hyphenation undone, whitespace collapsed."""
    text = re.sub(r"\u2010\s*\n\s*", "", text)  # a word hyphenated at a line end
    text = re.sub(r"([-\u2013/])\n", r"\1", text)  # a line broken after a dash or a slash
    return " ".join(text.split())


@pytest.fixture(scope="session")
def pdftotext() -> str:
    tool = shutil.which("pdftotext")
    require(tool, "Debian's pdftotext is missing (apt-get install poppler-utils)")
    return tool


@pytest.fixture(scope="session")
def edition(built_site) -> dict:
    """The PDF, built into the test site's output folder; with its build time."""
    start = time.monotonic()
    try:
        pdf = build(
            path_output=Path(built_site).parent.parent,
            env={"BOOK_SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": EPOCH},
            quiet=True,
        )
    except PdfBuildError as exc:
        pytest.fail(str(exc))
    return {"path": pdf, "seconds": time.monotonic() - start}


@pytest.fixture(scope="session")
def reader(edition):
    from pypdf import PdfReader

    return PdfReader(edition["path"])


@pytest.fixture(scope="session")
def pages(edition, pdftotext) -> list[str]:
    out = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(edition["path"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="session")
def outline(reader) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


def chapters() -> list[str]:
    """The PDF's chapters, in order (the site's _toc.yml without its web-only pages)."""
    toc = pdf_toc(yaml.safe_load((BOOK / "_toc.yml").read_text()))
    return [c["file"] for part in toc["parts"] for c in part["chapters"]]


def headings(name: str) -> tuple[str, list[str]]:
    """A page's title and its sections (the contents list both)."""
    text = (BOOK / f"{name}.md").read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)  # no comments in code cells
    title = re.search(r"^# (.+)$", text, re.M).group(1).strip()
    return title, [h.strip() for h in re.findall(r"^## (.+)$", text, re.M)]


def span(pages: list[str], first: int, last: int) -> str:
    """The flattened text of pages first..last (numbers from 1, both included)."""
    return flat("\n".join(pages[first - 1 : last]))


# --- what the edition contains --------------------------------------------------------------------


def test_the_contents_follow_the_sites_toc_without_its_web_only_pages():
    toc = pdf_toc(yaml.safe_load((BOOK / "_toc.yml").read_text()))
    files = chapters()
    assert toc["root"] == ROOT
    assert not set(files) & WEB_ONLY
    site = re.findall(r"file:\s*(\S+)", (BOOK / "_toc.yml").read_text())
    assert [f for f in files if f in site] == [f for f in site if f not in WEB_ONLY]
    # the appendix comes right after the last chapter with a quiz
    banks = load_banks()
    last_quiz = max(k for k, f in enumerate(files) if f.split("/")[-1] in banks)
    assert files[last_quiz + 1] == APPENDIX["chapters"][0]["file"]


def test_page_count_size_and_build_time_are_sane(edition, reader):
    pages = len(reader.pages)
    size = edition["path"].stat().st_size
    print(f"\nPDF edition: {pages} pages, {size / 1e6:.2f} MB, built in {edition['seconds']:.0f} s")
    assert 80 <= pages <= 250
    assert 200_000 < size < 8_000_000


def test_title_page(pages):
    first = flat(pages[0] + "\n" + pages[1])
    for expected in (
        "Benzodiazepines and Sleep",
        "An open textbook",
        "The Benzodiazepines and Sleep contributors",
        "PDF edition, 18 November 2026",
        SITE_URL,
        "For learning, not for treatment",  # the educational-use notice
        "It is not medical advice",
        "CC BY 4.0",
    ):
        assert expected in first, expected


def test_every_chapter_and_section_of_the_contents_is_in_the_book(pages, outline):
    text = flat("\n".join(pages))
    top = [page for level, _, page in outline if level == 1]
    contents = span(pages, top[1], top[2] - 1)  # from "Contents" to the first chapter
    for name in chapters():
        if name == APPENDIX["chapters"][0]["file"]:
            continue
        title, sections = headings(name)
        assert title in contents, f"contents miss {title!r}"
        assert text.count(title) >= 2, f"{title!r} is in the contents but not in the book"
        for section in sections:
            assert section in contents and text.count(section) >= 2, (name, section)


def test_outline_has_every_chapter_with_its_sections(outline):
    top = [title for level, title, _ in outline if level == 1]
    for name in chapters():
        title = "Answer key" if name.endswith("answer_key") else headings(name)[0]
        assert title in top, f"no bookmark for {title!r}"
    assert top[:2] == ["Benzodiazepines and Sleep", "Contents"]
    second = [title for level, title, _ in outline if level == 2]
    assert "The life of a GABA molecule" in second and "Check your understanding" in second
    pages = [page for _, _, page in outline]
    assert pages == sorted(pages)  # bookmarks in reading order, each on its own page


def _chapter_ranges(outline, pages_total):
    """{chapter title: (its worksheet's first page, last page)} and the answer key's ranges."""
    top = [(title, page) for level, title, page in outline if level == 1]
    starts = {title: page for title, page in top}
    after = {
        title: (top[k + 1][1] - 1 if k + 1 < len(top) else pages_total)
        for k, (title, _) in enumerate(top)
    }
    sheets, keys = {}, {}
    current = None
    for level, title, page in outline:
        if level == 1:
            current = title
        elif level == 2 and title == "Check your understanding":
            sheets[current] = (page, after[current])
        elif level == 2 and current == "Answer key":
            keys[title] = page
    key_titles = list(keys)
    # a chapter's key ends on the page where the next one starts
    key_ranges = {
        t: (keys[t], keys[key_titles[k + 1]] if k + 1 < len(key_titles) else after["Answer key"])
        for k, t in enumerate(key_titles)
    }
    assert set(starts) >= set(sheets)
    return sheets, key_ranges


def test_every_question_is_in_its_worksheet_and_in_the_key_with_its_answer(pages, outline):
    sheets, keys = _chapter_ranges(outline, len(pages))
    banks = load_banks()
    checked = 0
    for name in chapters():
        chapter = name.split("/")[-1]
        if chapter not in banks:
            continue
        title = headings(name)[0]
        bank = banks[chapter]
        assert title in sheets and bank.title in keys, title
        sheet = span(pages, *sheets[title])
        key = span(pages, *keys[bank.title])
        shown = chapter_sheet(bank)
        for s in shown:
            stem = f"{s.number}. {flat(to_plain(s.q.stem))}"
            assert stem in sheet, f"{s.q.id}: stem not in the {chapter} worksheet"
            at = key.find(stem)
            assert at >= 0, f"{s.q.id}: stem not in the answer key"
            following = key.find(f"{s.number + 1}. ", at + len(stem))
            answer = key.find(f"Answer: {s.key}", at)
            assert answer >= 0 and (following < 0 or answer < following), (
                f"{s.q.id}: keyed answer {s.key!r} missing after its stem"
            )
            assert flat(to_plain(s.q.explanation))[:60] in key[at:]
            assert flat(to_plain(s.q.explanation))[:60] not in sheet
            checked += 1
    assert checked == sum(len(b.questions) for b in banks.values())


def test_figures_are_printed_with_their_description(pages):
    text = flat("\n".join(pages))
    for fig in (svg.dose_accumulation(), svg.hypnogram(), svg.concentration_response()):
        assert fig.title in text
        assert fig.description in text, fig.figure
        assert fig.note[:60] in text


def test_no_web_only_text_and_no_raw_markup(pages):
    for number, page in enumerate(pages, 1):
        lines = {line.strip() for line in page.splitlines()}
        assert not lines & WEB_LABELS, f"page {number}: {lines & WEB_LABELS}"
        assert not MARKUP.search(page), f"page {number}: {MARKUP.search(page).group(0)!r}"
        assert not re.search(r"^\([a-z_]+\)=$", page, re.M), f"page {number}: a MyST label"


# --- what the file is -----------------------------------------------------------------------------


def _fonts(resources, seen=None):
    """Every font dictionary reachable from a page's resources (forms and patterns too)."""
    seen = set() if seen is None else seen
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for group in ("/XObject", "/Pattern"):
        for obj in (resources.get(group) or {}).values():
            obj = obj.get_object()
            if obj.get("/Resources") is not None:
                yield from _fonts(obj["/Resources"], seen)


def test_fonts_are_embedded_and_text_is_text(reader, pages):
    fonts = {}
    for page in reader.pages:
        for font in _fonts(page.get("/Resources")):
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font.get("/BaseFont"))] = embedded
    assert fonts and all(fonts.values()), fonts
    # the text is text: every page but a blank one has words to select and search
    assert sum(1 for p in pages if len(p.split()) > 20) >= len(pages) - 3


def test_metadata_language_tags_and_paper(reader):
    meta = reader.metadata
    assert meta.title == "Benzodiazepines and Sleep"
    assert meta.author == "The Benzodiazepines and Sleep contributors"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged (PDF/UA-1)
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def _link_pages(reader):
    """(page the link is on, page it leads to) for every internal link."""
    named = {
        name: reader.get_destination_page_number(d) + 1
        for name, d in reader.named_destinations.items()
    }
    numbers = {page.indirect_reference.idnum: k for k, page in enumerate(reader.pages, 1)}
    out = []
    for k, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is None and action is not None and action.get_object().get("/S") == "/GoTo":
                dest = action.get_object()["/D"]
            if dest is None:
                continue
            dest = dest.get_object() if hasattr(dest, "get_object") else dest
            if isinstance(dest, str):
                out.append((k, named.get(dest)))
            else:
                out.append((k, numbers.get(dest[0].idnum)))
    return out


def test_links_inside_the_book_work_and_citations_lead_to_the_references(reader, outline):
    links = _link_pages(reader)
    assert len(links) > 500
    assert all(target is not None for _, target in links), "a link leads nowhere"
    top = {title: page for level, title, page in outline if level == 1}
    references, glossary = top["References"], top["Glossary"]
    first_chapter = top[headings(chapters()[0])[0]]
    from_chapters = [t for page, t in links if first_chapter <= page < top["Answer key"]]
    assert sum(1 for t in from_chapters if t >= references) > 100  # citations
    assert any(glossary <= t < top["Learning objectives"] for t in from_chapters)  # terms
    # the contents' links go to the pages the contents print
    assert any(page in (3, 4, 5) and t == first_chapter for page, t in links)


def test_nothing_runs_off_the_page(edition, pdftotext, tmp_path):
    out = tmp_path / "words.html"
    subprocess.run([pdftotext, "-bbox", str(edition["path"]), str(out)], check=True)
    doc = out.read_text(encoding="utf-8")
    off = []
    for number, (w, h, body) in enumerate(
        re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', doc, re.S), 1
    ):
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)',
            body,
        ):
            # inside the page with a margin of at least 10 mm (28 pt) on either side
            if float(x0) < 28 or float(x1) > float(w) - 28 or float(y0) < 0 or float(y1) > float(h):
                off.append((number, word))
    assert off == []


def test_the_site_links_the_pdf_only_when_it_carries_it(built_site):
    """A site built with a PDF beside it (scripts/site.sh --pdf) links and carries it; one built
    without (scripts/site.sh, the test build) shows no link at all: no build has a dead link."""
    intro = (Path(built_site) / "book" / "intro.html").read_text(encoding="utf-8")
    carried = Path(built_site) / "benzodiazepines-and-sleep.pdf"
    links = re.findall(r'href="([^"]*\.pdf)"', intro)
    if carried.exists():
        assert links == ["../benzodiazepines-and-sleep.pdf"]
        assert "The PDF edition." in intro
    else:
        assert links == [] and "The PDF edition." not in intro
    for page in Path(built_site).rglob("*.html"):
        for href in re.findall(r'href="([^"#]*\.pdf)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().exists(), f"{page}: dead link {href}"

"""The PDF edition inside the Sphinx build: `python -m quizzes.pdf` runs sphinx-simplepdf's
builder ("simplepdf": the book as one HTML page, printed by WeasyPrint) on the contents that
quizzes.pdf derives from _toc.yml. Everything here is inert in a site build, except the Start
here page's link to the PDF, which appears only when the PDF exists (and the PDF is then
copied into the site).

In a PDF build:
- the builder is set up: the edition's theme (quizzes/pdf/theme: sphinx-simplepdf's fonts and
  print rules, the book's page template and stylesheet), WeasyPrint's options (PDF/UA-1: tagged,
  with title and language; nothing fetched but local files), and myst-nb's choice of outputs:
  text/html before the widget view, so a quiz prints as its worksheet and a figure as its
  static drawing (both are in the widgets' mime bundles);
- the site's template overrides are left out: they are made for the site's theme;
- element ids are made unique across the single page (every chapter has a "summary" section
  and docutils numbers citations id1, id2, ... in every document), and every link is pointed
  at the renamed target, so links and the contents' page numbers go where they should;
- `{pdf-contents}` becomes the contents (chapters and their sections, with page numbers from
  CSS) and `{edition}` the edition's date and the site's address;
- `{answer-key}` renders every chapter's key with the worksheet renderer, in contents order.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import time
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx

from ..export.worksheet import answer_key_body, chapter_sheet, key_table
from ..markup import to_nodes
from ..pdf import BUILDER, FILE_NAME, PAPERS
from .directives import _KEY, _Generated, toc_order

HERE = Path(__file__).resolve().parent
SITE_TEMPLATES = HERE / "templates"
THEME = "bookpdf"
THEME_DIR = HERE.parent / "pdf" / "theme"
# myst-nb chooses one output of a cell per builder; it knows nothing of this one
MIME_PRIORITY = [
    (BUILDER, "text/html", 10),
    (BUILDER, "image/svg+xml", 20),
    (BUILDER, "image/png", 30),
    (BUILDER, "text/plain", 90),
]
WEASYPRINT_FLAGS = ["--pdf-variant", "pdf/ua-1", "--allowed-protocols", "file"]
_SOURCES = "<!-- sources -->"


def paragraph(*children, classes=()) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=list(classes))


class pending_contents(nodes.General, nodes.Element):
    """Where the contents go (filled when the single page is assembled)."""


class pending_edition(nodes.General, nodes.Element):
    """The edition's date and the site's address (filled when the page is written)."""


class pending_pdf_link(nodes.General, nodes.Element):
    """A link to the PDF edition, kept only when the PDF exists."""


def building_pdf(config) -> bool:
    # sphinx-simplepdf is loaded (and its settings exist) only when its builder was asked for
    return "simplepdf_theme" in config


def is_pdf(app: Sphinx) -> bool:
    return app.builder is not None and app.builder.name == BUILDER


def configure(app: Sphinx, config) -> None:
    """config-inited, after the site's own settings: a PDF build's settings."""
    if not building_pdf(config):
        return
    config.templates_path = [p for p in config.templates_path if Path(p) != SITE_TEMPLATES]
    config.simplepdf_theme = THEME
    config.simplepdf_theme_options = {}
    config.simplepdf_file_name = FILE_NAME
    config.simplepdf_weasyprint_flags = list(WEASYPRINT_FLAGS)
    config.html_permalinks = False  # no "¶" after every heading
    config.quizzes_app_icons = ""  # a PDF has no web app manifest and no service worker
    config.nb_mime_priority_overrides = [*config.nb_mime_priority_overrides, *MIME_PRIORITY]


def site_url() -> str:
    """The web edition's address: BOOK_SITE_URL (the Pages workflow sets it); "" if unknown."""
    return os.environ.get("BOOK_SITE_URL", "").strip()


def edition_date() -> str:
    """Today (UTC), or the date of SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = time.gmtime(int(epoch)) if epoch.isdigit() else time.gmtime()
    return f"{when.tm_mday} {time.strftime('%B %Y', when)}"


def title(app: Sphinx) -> str:
    # Jupyter Book's `title` is Sphinx's html_title (its `project` stays unset)
    return app.config.html_title or app.config.project


def paper() -> str:
    return PAPERS.get(os.environ.get("BOOK_PDF_PAPER", "a4").strip().lower(), "A4")


# --- directives --------------------------------------------------------------------------------


class PdfContents(_Generated):
    """```{pdf-contents}``` : the edition's contents (chapters and sections, page numbers)."""

    def run(self):
        return [pending_contents()]


class Edition(_Generated):
    """```{edition}``` : the title page's subtitle, authors, edition date and web address."""

    option_spec = {"subtitle": directives.unchanged}

    def run(self):
        return [pending_edition(subtitle=self.options.get("subtitle", ""))]


class PdfLink(_Generated):
    """```{pdf-link}``` : a paragraph linking the PDF edition, shown only when it was built."""

    def run(self):
        return [pending_pdf_link()]


class AnswerKey(_Generated):
    """```{answer-key}``` : every chapter's answer key, in the order of the table of contents:
    the keyed answer of each question of the chapter's worksheet (same letters), the options
    marked, the explanation and its sources (linked to the references)."""

    def run(self):
        banks = self.banks()
        order = toc_order(self.env.srcdir)
        out = []
        for chapter in sorted(banks, key=lambda c: (order.get(c, len(order)), c)):
            bank = banks[chapter]
            shown = chapter_sheet(bank)
            section = nodes.section("", ids=[f"answer-key-{chapter}"], classes=["answer-key"])
            section += nodes.title("", "", *to_nodes(bank.title))
            section += paragraph(
                nodes.Text(f"{len(shown)} questions; the worksheet is at the end of "),
                *self.inline_myst(f"{{ref}}`{chapter}`"),
                nodes.Text("."),
            )
            section += nodes.raw("", "\n".join(key_table(shown)), format="html")
            body = "\n".join(answer_key_body(shown, heading="h4", sources=lambda s: _SOURCES))
            pieces = body.split(_SOURCES)
            for piece, s in zip(pieces, shown, strict=False):
                section += nodes.raw("", piece, format="html")
                section += self.sources(s.q.sources)
            section += nodes.raw("", pieces[-1], format="html")
            out.append(section)
        return out

    def sources(self, keys: list[str]) -> nodes.paragraph:
        bad = [k for k in keys if not _KEY.match(k)]
        if bad:
            raise self.error(f"not a bibliography key: {bad[0]!r}")
        cites = self.inline_myst("; ".join(f"{{cite:t}}`{k}`" for k in keys))
        label = "Source: " if len(keys) == 1 else "Sources: "
        return paragraph(nodes.strong("", label), *cites, classes=["sources"])


# --- the single page ---------------------------------------------------------------------------


def _owned(tree: nodes.Node, root: str):
    """(element, the document it came from) for every element of the assembled page."""
    stack = [(tree, root)]
    while stack:
        node, doc = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            doc = node["docname"]
        yield node, doc
        stack.extend((c, doc) for c in reversed(node.children) if isinstance(c, nodes.Element))


def unique_ids(tree: nodes.Node, root: str):
    """Rename every id that more than one document uses to "<document>-<id>", and every link
    and back-reference to it; returns the renaming (document, id) -> id."""
    pairs = list(_owned(tree, root))
    docs_of = defaultdict(set)
    for node, doc in pairs:
        for i in node["ids"]:
            docs_of[i].add(doc)
    shared = {i for i, docs in docs_of.items() if len(docs) > 1}

    def rename(doc: str, i: str) -> str:
        return f"{doc.replace('/', '-')}-{i}" if i in shared else i

    for node, doc in pairs:
        node["ids"] = [rename(doc, i) for i in node["ids"]]
        if node.get("backrefs"):
            node["backrefs"] = [rename(doc, i) for i in node["backrefs"]]
        if node.get("refid"):
            node["refid"] = rename(doc, node["refid"])
        uri = node.get("refuri", "") if isinstance(node, nodes.reference) else ""
        if uri.startswith("#document-") and "#" in uri[1:]:
            # singlehtml writes a link into another document as #document-<doc>#<id>
            target, anchor = uri[len("#document-") :].split("#", 1)
            node["refuri"] = "#" + rename(target, anchor)
    return rename


def _link(text: str, uri: str) -> nodes.paragraph:
    return paragraph(nodes.reference("", text, refuri=uri, internal=True))


def contents(app: Sphinx, rename) -> nodes.Element:
    """Every part of the root's contents with its chapters and their sections."""
    env = app.env
    box = nodes.container(classes=["pdf-contents"])
    box += nodes.rubric("", "Contents")
    for toctree in env.get_doctree(app.config.root_doc).findall(addnodes.toctree):
        if toctree.get("caption"):
            box += paragraph(nodes.Text(toctree["caption"]), classes=["caption"])
        chapters = nodes.bullet_list(classes=["contents-part"])
        for _, doc in toctree["entries"]:
            item = nodes.list_item(classes=["contents-chapter"])
            item += _link(env.titles[doc].astext(), f"#document-{doc}")
            sections = nodes.bullet_list()
            for top in env.tocs[doc].children[:1]:
                for sub in top.findall(nodes.list_item):
                    if sub is top or sub.parent.parent is not top:
                        continue  # a chapter's sections only, not their subsections
                    ref = next(sub.findall(nodes.reference))
                    sections += nodes.list_item(
                        "", _link(ref.astext(), "#" + rename(doc, ref["anchorname"][1:]))
                    )
            if sections.children:
                item += sections
            chapters += item
        box += chapters
    return box


def edition(app: Sphinx, node: pending_edition) -> list[nodes.Node]:
    out = []
    if node.get("subtitle"):
        out.append(paragraph(nodes.Text(node["subtitle"]), classes=["subtitle"]))
    out.append(paragraph(nodes.Text(app.config.author), classes=["authors"]))
    out.append(paragraph(nodes.Text(f"PDF edition, {edition_date()}"), classes=["edition-date"]))
    url = site_url()
    if url:
        out.append(
            paragraph(
                nodes.Text("Read it online, with interactive quizzes and figures: "),
                nodes.reference("", url, refuri=url),
                classes=["site"],
            )
        )
    return [nodes.container("", *out, classes=["edition"])]


def pdf_source(app: Sphinx) -> Path:
    """Where `python -m quizzes.pdf` leaves the PDF: _build/pdf beside the site's _build/html."""
    return Path(app.outdir).parent / "pdf" / FILE_NAME


def pdf_link(app: Sphinx, docname: str) -> list[nodes.Node]:
    pdf = pdf_source(app)
    if app.builder.format != "html" or is_pdf(app) or not pdf.is_file():
        return []
    here = posixpath.dirname(app.builder.get_target_uri(docname).split("#")[0])
    uri = posixpath.relpath(FILE_NAME, here or ".")
    size = f"{pdf.stat().st_size / 1e6:.1f} MB"
    return [
        paragraph(
            nodes.strong("", "The PDF edition."),
            nodes.Text(
                " The whole book in one file, to print or to read offline: every chapter with "
                "its figures, each quiz as a worksheet, and an answer key: "
            ),
            nodes.reference("", f"{FILE_NAME} (PDF, {size})", refuri=uri),
            nodes.Text("."),
            classes=["pdf-edition"],
        )
    ]


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: the placeholders, and in the PDF's single page its ids."""
    if is_pdf(app) and docname == app.config.root_doc:
        rename = unique_ids(doctree, docname)
        # the section that holds a chapter's worksheet starts a page (it is torn out to use)
        for raw in doctree.findall(nodes.raw):
            if 'class="quiz-worksheet"' in raw.astext():
                section = raw.parent
                while section is not None and not isinstance(section, nodes.section):
                    section = section.parent
                if section is not None:
                    section["classes"].append("worksheet-section")
        for node in list(doctree.findall(pending_contents)):
            node.replace_self(contents(app, rename))
    for node in list(doctree.findall(pending_edition)):
        node.replace_self(edition(app, node) if is_pdf(app) else [])
    for node in list(doctree.findall(pending_pdf_link)):
        node.replace_self(pdf_link(app, docname))
    for node in list(doctree.findall(pending_contents)):
        node.replace_self([])


def page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if not is_pdf(app):
        return
    context["edition_paper"] = paper()
    # singlehtml writes the page where the root document is (book/title_page.html) but makes
    # its paths as if at the top: the stylesheets are one folder up
    context["edition_static"] = posixpath.relpath("_static", posixpath.dirname(pagename) or ".")
    context["edition_title"] = title(app)
    context["edition_author"] = app.config.author
    context["edition_description"] = (
        f"{title(app)}: an open textbook (PDF edition, {edition_date()})"
    )
    # a link whose two anchors singlehtml joined onto the root's file name (a root in a folder)
    root = re.escape(app.config.root_doc + app.builder.out_suffix)
    context["body"] = re.sub(rf'href="{root}#', 'href="#', context.get("body", ""))


def copy_pdf(app: Sphinx, exception) -> None:
    """build-finished: the site carries the PDF edition when one was built beside it."""
    if exception or app.builder.format != "html" or is_pdf(app):
        return
    pdf = pdf_source(app)
    if pdf.is_file():
        shutil.copyfile(pdf, Path(app.outdir) / FILE_NAME)


def setup(app: Sphinx) -> None:
    app.add_html_theme(THEME, str(THEME_DIR))
    for node in (pending_contents, pending_edition, pending_pdf_link):
        app.add_node(node)
    app.add_directive("pdf-contents", PdfContents)
    app.add_directive("edition", Edition)
    app.add_directive("pdf-link", PdfLink)
    app.add_directive("answer-key", AnswerKey)
    app.connect("config-inited", configure, priority=800)  # after the site's settings
    app.connect("doctree-resolved", resolve)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", copy_pdf)

"""The interactive figures' static drawing on the web page, shown until the live figure renders.

A figure's mime bundle carries the widget view and, as text/html, its static drawing
(quizzes.figures.svg). myst-nb keeps one output per builder: for the site, the widget view.
This post-transform runs just before myst-nb's choice and moves a figure's drawing out of the
bundle, to sit beside the view: a reader without JavaScript, or one whose script has not run
yet, sees the drawing and its description; the loader (loader.js) removes the drawing once
the live figure is shown, so a screen reader never meets two descriptions. The PDF builder
keeps myst-nb's own choice (text/html first: the drawing alone), and so do quizzes, whose
text/html is their printed worksheet.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .pdf import is_pdf

VIEW = "application/vnd.jupyter.widget-view+json"
FALLBACK = "data-widget-fallback"


def _is_bundle(node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle"


class FigureFallback(SphinxPostTransform):
    default_priority = 3  # before myst-nb's SelectMimeType (4)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if is_pdf(self.app):
            return
        for bundle in list(self.document.findall(_is_bundle)):
            kinds = {child.get("mime_type"): child for child in bundle.children}
            drawing = kinds.get("text/html")
            if VIEW not in kinds or drawing is None or FALLBACK not in drawing.astext():
                continue
            bundle.remove(drawing)
            # the drawing itself, right after the view's script (no wrapper for the loader to
            # look through)
            raws = [nodes.raw("", raw.astext(), format="html") for raw in drawing.children]
            bundle.parent.insert(bundle.parent.index(bundle) + 1, raws)


def setup(app: Sphinx) -> None:
    app.add_post_transform(FigureFallback)

"""A widget's mime bundle with its printed form beside the live view.

The text/html entry is what a front end that renders no widgets shows, and what the book's PDF
edition prints (myst-nb picks text/html first there): a quiz's worksheet, a figure's static
drawing. A front end that renders widgets shows the live view and ignores it.
"""

from __future__ import annotations


class PrintedForm:
    """Mixed in before anywidget.AnyWidget; the widget says what it prints in `printed()`."""

    def printed(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        return {**data, "text/html": self.printed()}, metadata

"""The book's interactive figures: anywidgets that compute in the browser, so they work in
JupyterLab and, from the widget state myst-nb saves into the page, on the static site.

Each figure's ES module (static/src, bundled with the shared mount helper into
quizzes/static/dist) draws the plot. A chapter shows one with a hidden-input cell, e.g.
`dose_accumulation()`. The parameters are synced traits, so in a live notebook the figure's
current state can be read from Python. The pure model functions, mirrored in the ES modules,
are in `quizzes.figures.models`.

Each figure also draws itself as static SVG from those functions (`static()`, quizzes.figures.svg)
and puts it in its mime bundle as text/html: what the PDF edition prints, and what a page shows
until the live figure renders (or where widgets never render).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from .. import frontend
from .._printed import PrintedForm
from . import models, svg

STATIC = Path(__file__).parent / "static"
CSS = STATIC / "figures.css"
frontend.ensure_built()  # before anywidget reads the modules below

__all__ = [
    "ConcentrationResponse",
    "DoseAccumulation",
    "Hypnogram",
    "concentration_response",
    "dose_accumulation",
    "hypnogram",
    "models",
]


class _StaticFallback(PrintedForm):
    """A figure prints as its static drawing (a page or front end that renders widgets shows
    the view; the others show the drawing)."""

    def static(self) -> svg.StaticFigure:
        raise NotImplementedError

    def printed(self) -> str:
        return self.static().html()


class DoseAccumulation(_StaticFallback, anywidget.AnyWidget):
    """Relative concentration over repeated doses of a short, an intermediate and a long
    half-life drug (one compartment, instant absorption, first-order elimination)."""

    _esm = frontend.bundle("dose")
    _css = CSS

    short_half_life = traitlets.Float(3.0).tag(sync=True)  # h; triazolam about 1.5–5.5 h
    intermediate_half_life = traitlets.Float(12.0).tag(sync=True)  # h; temazepam about 8–22 h
    long_half_life = traitlets.Float(35.0).tag(sync=True)  # h; clonazepam typically 30–40 h
    interval = traitlets.Float(24.0).tag(sync=True)  # h between doses
    days = traitlets.Int(10).tag(sync=True)

    @property
    def accumulation_ratios(self) -> dict[str, float]:
        return {
            name: models.accumulation_ratio(getattr(self, f"{name}_half_life"), self.interval)
            for name in ("short", "intermediate", "long")
        }

    def static(self) -> svg.StaticFigure:
        return svg.responsive(
            svg.dose_accumulation,
            self.short_half_life,
            self.intermediate_half_life,
            self.long_half_life,
            self.interval,
            self.days,
        )


class Hypnogram(_StaticFallback, anywidget.AnyWidget):
    """A model night of 30-s epochs; the summary numbers are computed from the epochs shown."""

    _esm = frontend.bundle("hypnogram")
    _css = CSS

    night = traitlets.Unicode("young").tag(sync=True)  # a key of `nights`
    cursor = traitlets.Float(90.0).tag(sync=True)  # minutes after lights out
    nights = traitlets.Dict(default_value=models.NIGHTS).tag(sync=True)
    # the order of the Night choices: a saved widget state can come back with its keys sorted
    # (jupyter-cache stores notebooks through nbformat, which sorts JSON keys)
    night_order = traitlets.List(traitlets.Unicode(), default_value=list(models.NIGHTS)).tag(
        sync=True
    )

    @traitlets.validate("night")
    def _valid_night(self, proposal):
        if proposal["value"] not in self.nights:
            raise traitlets.TraitError(f"night must be one of {sorted(self.nights)}")
        return proposal["value"]

    @property
    def epochs(self) -> list[str]:
        return models.epochs(self.nights[self.night]["segments"])

    @property
    def stats(self) -> dict:
        return models.sleep_stats(self.epochs)

    def static(self) -> svg.StaticFigure:
        return svg.responsive(svg.hypnogram, self.night, self.cursor, self.nights)


class ConcentrationResponse(_StaticFallback, anywidget.AnyWidget):
    """GABA concentration-response curves (Hill equation, illustrative parameters) alone and
    with a benzodiazepine, a barbiturate, or a benzodiazepine plus flumazenil."""

    _esm = frontend.bundle("response")
    _css = CSS

    ec50 = traitlets.Float(models.GABA_EC50).tag(sync=True)  # µM, illustrative
    hill = traitlets.Float(models.HILL).tag(sync=True)
    max_shift = traitlets.Float(models.BZD_MAX_SHIFT).tag(sync=True)
    # concentrations in multiples of each drug's own constant at its site (illustrative units)
    bzd = traitlets.Float(3.0).tag(sync=True)
    flumazenil = traitlets.Float(10.0).tag(sync=True)
    barbiturate = traitlets.Float(2.0).tag(sync=True)
    shown = traitlets.List(
        traitlets.Unicode(), default_value=["gaba", "bzd", "barbiturate", "flumazenil"]
    ).tag(sync=True)

    def curve(self, condition: str) -> dict:
        return models.curve_params(
            condition,
            bzd=self.bzd,
            flumazenil=self.flumazenil,
            barbiturate=self.barbiturate,
            ec50=self.ec50,
            n=self.hill,
            max_shift=self.max_shift,
        )

    def static(self) -> svg.StaticFigure:
        return svg.responsive(
            svg.concentration_response,
            self.bzd,
            self.flumazenil,
            self.barbiturate,
            self.ec50,
            self.hill,
            self.max_shift,
            tuple(self.shown),
        )


def dose_accumulation(**kwargs) -> DoseAccumulation:
    """`dose_accumulation()` in a chapter's hidden-input cell shows the figure."""
    return DoseAccumulation(**kwargs)


def hypnogram(**kwargs) -> Hypnogram:
    return Hypnogram(**kwargs)


def concentration_response(**kwargs) -> ConcentrationResponse:
    return ConcentrationResponse(**kwargs)

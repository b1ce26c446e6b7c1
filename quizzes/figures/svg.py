"""The interactive figures drawn once, as static SVG, from the same model functions.

Each figure's ES module (static/src) draws its plot in the browser; here the same plot is drawn
at build time from `quizzes.figures.models`, at the figure's default settings and at the width
the browser draws by default (640 px), with the same title, caption and text description. The
book's PDF edition prints it, and the web page shows it until the live figure renders (or when
JavaScript never runs): the widgets carry it as the text/html of their mime bundle.

The text description is the one the live figure gives a screen reader: numbers are written as
the browser writes them (`Number.prototype.toFixed`, `Math.round`, `String(number)`), and
tests/test_figures_static.py checks the two against each other and against hand-computed values.

The drawing has no ids and no scripts, so a page may hold it twice; colours are presentation
attributes (the series colours read on white and on a dark page, text and axes follow the
page's text colour), so it needs no stylesheet.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from . import models as M

WIDTH = 640  # the width the live figures draw at before they measure their box
PHONE = 360  # a phone's width: the live figures switch to their narrow layout below 480 px
# the wide drawing, or on a narrow screen the phone drawing (its text stays legible there); a
# PDF page is wider than the breakpoint
STYLE = (
    "<style>.bzf-static .bzf-svg{display:block;width:100%;max-width:100%;height:auto;"
    "overflow:visible}.bzf-static .bzf-phone{display:none}@media (max-width:520px){"
    ".bzf-static .bzf-wide{display:none}.bzf-static .bzf-phone{display:block}}</style>"
)
EPOCH = M.EPOCH_MIN

# the figures' series: colour (3:1 or more against white and against a dark page) and dash
SERIES = {
    1: {"stroke": "#2b6cb0"},
    2: {"stroke": "#b3367a", "stroke-dasharray": "7 4"},
    3: {"stroke": "currentColor", "stroke-dasharray": "2 3"},
    4: {"stroke": "#1a7f37", "stroke-dasharray": "9 3 2 3"},
}


# --- numbers as the browser writes them ------------------------------------------------------


def to_fixed(x: float, digits: int) -> str:
    """JavaScript's `x.toFixed(digits)`: the exact binary value, halves rounded away from 0."""
    quantum = Decimal(1).scaleb(-digits)
    d = Decimal(x).quantize(quantum, rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)  # toFixed never writes "-0.00"
    return f"{d:f}"


def js_round(x: float) -> int:
    """JavaScript's `Math.round`: halves go up (toward +∞)."""
    return math.floor(x + 0.5)


def js_string(x: float) -> str:
    """JavaScript's `String(x)` for the plain numbers a figure shows: 1, 0.5, 1.25."""
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    return repr(float(x))


def _attr(value) -> str:
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return html.escape(str(value), quote=True)


def el(tag: str, attrs: dict | None = None, text: str | None = None) -> str:
    a = "".join(f' {k}="{_attr(v)}"' for k, v in (attrs or {}).items() if v is not None)
    if text is None:
        return f"<{tag}{a}/>"
    return f"<{tag}{a}>{html.escape(text, quote=False)}</{tag}>"


def _text(x, y, text, anchor=None, bold=False) -> str:
    attrs = {"x": x, "y": y, "text-anchor": anchor, "font-weight": "600" if bold else None}
    return el("text", attrs, text)


def _line(x1, y1, x2, y2, **style) -> str:
    return el("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, **style})


def _grid(x1, y1, x2, y2) -> str:
    return _line(x1, y1, x2, y2, stroke="currentColor", **{"stroke-opacity": "0.2"})


def _axis(d: str) -> str:
    return el("path", {"d": d, "fill": "none", "stroke": "currentColor", "stroke-opacity": "0.7"})


def _series(k: int, d: str, width: float = 2.25, name: str | None = None) -> str:
    style = {"fill": "none", "stroke-width": width, "stroke-linejoin": "round", **SERIES[k]}
    return el("path", {"d": d, **style, "data-series": name})


def _dot(k: int, cx: float, cy: float, r: float = 3.5) -> str:
    fill = SERIES[k]["stroke"]
    return el("circle", {"cx": cx, "cy": cy, "r": r, "fill": fill})


@dataclass(frozen=True)
class StaticFigure:
    """A figure as printed: its id, title, the plot, the text description and the caption."""

    figure: str  # the live figure's data-figure id
    title: str
    width: int
    height: int
    shapes: tuple[str, ...]
    description: str
    note: str
    phone: StaticFigure | None = None  # the same figure drawn for a phone's width

    def svg(self, size: str = "wide") -> str:
        label = f"{self.title} (plot; described in the text below it)"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="bzf-svg bzf-{size}" role="img" '
            f'aria-label="{html.escape(label)}" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" '
            'font-size="12" font-family="inherit" fill="currentColor">'
            + "".join(self.shapes)
            + "</svg>"
        )

    def html(self) -> str:
        """The figure as one HTML element (no ids, no script): a page's fallback, a PDF figure.

        `data-widget-fallback` tells the page's loader to remove it once the live figure is
        shown; the inline styles are all it needs where no stylesheet of the figures loads."""
        return (
            f'<figure class="bzf bzf-static" data-figure-static="{self.figure}" '
            f'data-widget-fallback style="margin:1rem 0">{STYLE}'
            f'<p class="bzf-title" style="font-weight:600;margin:0 0 .25rem">'
            f"{html.escape(self.title)}</p>"
            f"{self.svg()}{self.phone.svg('phone') if self.phone else ''}"
            f'<p class="bzf-description" style="font-size:.9em">'
            f"{html.escape(self.description)}</p>"
            f'<figcaption class="bzf-note" style="font-size:.85em;text-align:left">'
            f"{html.escape(self.note)}</figcaption>"
            "</figure>"
        )


def responsive(draw, *args, **kwargs) -> StaticFigure:
    """`draw`'s figure at the width the live figure draws on a wide screen, holding the
    drawing it makes on a phone."""
    return replace(draw(*args, **kwargs), phone=draw(*args, **kwargs, width=PHONE))


# --- dose accumulation -------------------------------------------------------------------------

DOSE_DRUGS = (
    ("short_half_life", "Short"),
    ("intermediate_half_life", "Intermediate"),
    ("long_half_life", "Long"),
)
DOSE_TITLE = "Repeated doses: build-up toward steady state"
DOSE_NOTE = (
    "Model: one compartment, instant absorption, first-order elimination (k = ln2/t½); "
    "relative concentrations, not doses. Half-lives are example values from the sources. "
    f"Dots: {js_string(M.MORNING_HOURS)} h after the first and the last dose. "
    "Thin lines: steady-state peak."
)


def curve_points(half_life: float, interval: float, hours: float, step: float = 1.0) -> list:
    """Points of the sawtooth over [0, hours]: both sides of every jump, and samples between
    (dose.js `curvePoints`)."""
    pts: list[tuple[float, float]] = []
    d = 0
    while d * interval < hours:
        t0 = d * interval
        if d == 0:
            pts.append((0.0, 0.0))
        t1 = min(hours, t0 + interval)
        n = max(2, math.ceil((t1 - t0) / step))
        for i in range(n + 1):
            t = t0 + (t1 - t0) * i / n
            at = t - 1e-7 if i == n and t1 < hours else t
            pts.append((t, M.concentration(at, half_life, interval)))
        d += 1
    return pts


def nice_scale(v: float) -> tuple[float, float]:
    """An axis top and tick step for values up to v: at most 6 ticks of 1, 2, 2.5 or 5 × 10^k
    (dose.js `niceScale`)."""
    target = v * 1.05
    p = 10 ** math.floor(math.log10(target / 6))
    step = next(m * p for m in (1, 2, 2.5, 5, 10) if target / (m * p) <= 6)
    return math.ceil(target / step) * step, step


def _fmt(x: float, digits: int = 2) -> str:
    return to_fixed(x, 0) if abs(x) >= 100 else to_fixed(x, digits)


def _hours_text(t: float) -> str:
    return _fmt(t, 1 if t % 1 else 0)


def _span(a: float, b: float) -> str:
    days = f" ({_fmt(a / 24, 1)}–{_fmt(b / 24, 1)} days)" if b >= 48 else ""
    return f"{_fmt(a, 0)}–{_fmt(b, 0)} h{days}"


def dose_description(half_lives: tuple[float, float, float], interval: float, days: int) -> str:
    """dose.js `describe`."""
    hours = js_string(M.MORNING_HOURS)
    parts = []
    for (_, name), t in zip(DOSE_DRUGS, half_lives, strict=True):
        a, b = M.steady_state_window(t)
        first, steady = M.morning_levels(t, interval)
        parts.append(
            f"{name} half-life {_hours_text(t)} h: accumulation ratio R = "
            f"{_fmt(M.accumulation_ratio(t, interval))}; about 94–97% of steady state after 4–5 "
            f"half-lives, {_span(a, b)}; {hours} h after the first dose {_fmt(first)}, "
            f"{hours} h after a dose at steady state {_fmt(steady)}."
        )
    return (
        f"Relative concentration (first dose's peak = 1) over {days} days with a dose every "
        f"{js_string(interval)} h. " + " ".join(parts)
    )


def dose_accumulation(
    short_half_life: float = 3.0,
    intermediate_half_life: float = 12.0,
    long_half_life: float = 35.0,
    interval: float = 24.0,
    days: int = 10,
    width: int = WIDTH,
) -> StaticFigure:
    half_lives = (short_half_life, intermediate_half_life, long_half_life)
    hours = days * 24
    w = max(300, min(900, width))
    h = js_round(min(380, w * 0.8 if w < 480 else w * 0.55))
    ml, mr, mt, mb = 40, (96 if w < 480 else 140), 10, 38
    pw, ph = w - ml - mr, h - mt - mb
    ymax, ystep = nice_scale(max(M.accumulation_ratio(t, interval) for t in half_lives))

    def X(t):
        return ml + t / hours * pw

    def Y(c):
        return mt + ph - c / ymax * ph

    g = []
    i = 0
    while i * ystep <= ymax + 1e-9:
        v = i * ystep
        g += [_grid(ml, Y(v), ml + pw, Y(v)), _text(ml - 5, Y(v) + 4, js_string(v), "end")]
        i += 1
    day_step = 2 if w < 480 else 1
    g += [_text(X(d * 24), mt + ph + 15, str(d), "middle") for d in range(0, days + 1, day_step)]
    g += [
        _axis(f"M{ml},{mt}V{mt + ph}H{ml + pw}"),
        _text(ml + pw / 2, h - 4, "Days since the first dose", "middle"),
        _text(ml + 4, mt + 10, "Relative concentration"),
    ]
    labels = []
    for k, ((key, name), t) in enumerate(zip(DOSE_DRUGS, half_lives, strict=True), 1):
        r = M.accumulation_ratio(t, interval)
        ref = {**SERIES[k], "stroke-width": 1, "stroke-opacity": "0.55"}
        g.append(_line(ml, Y(r), ml + pw, Y(r), **ref))
        # 200 samples over the days shown (the live figure redraws with 400 as it resizes)
        pts = curve_points(t, interval, hours, hours / 200)
        d = "".join(f"{'L' if j else 'M'}{X(x):.1f},{Y(y):.1f}" for j, (x, y) in enumerate(pts))
        g.append(_series(k, d, name=key))
        last_dose = math.floor((hours - 1e-9) / interval) * interval
        late = last_dose + M.MORNING_HOURS
        for tm in (M.MORNING_HOURS, late - (interval if late > hours else 0)):
            if 0 <= tm <= hours:
                g.append(_dot(k, X(tm), Y(M.concentration(tm, t, interval))))
        short = "Interm." if w < 480 and name == "Intermediate" else name
        labels.append([Y(r), f"{short} {_hours_text(t)} h", k])
    labels.sort(key=lambda lab: lab[0])
    for j in range(1, len(labels)):
        labels[j][0] = max(labels[j][0], labels[j - 1][0] + 14)
    for y, text, k in labels:
        style = {"stroke-width": 2.25, **SERIES[k]}
        g += [
            _line(ml + pw + 3, y, ml + pw + 17, y, **style),
            _text(ml + pw + 20, y + 4, text, bold=True),
        ]
    return StaticFigure(
        "dose-accumulation",
        DOSE_TITLE,
        w,
        h,
        tuple(g),
        dose_description(half_lives, interval, days),
        DOSE_NOTE,
    )


# --- hypnogram ---------------------------------------------------------------------------------

ROWS = ("W", "R", "N1", "N2", "N3")  # top to bottom, as hypnograms are drawn
STAGE_NAMES = {"W": "wake", "N1": "N1", "N2": "N2", "N3": "N3", "R": "REM"}
HYPNOGRAM_TITLE = "A night of sleep, stage by stage"
HYPNOGRAM_NOTE = (
    "Model: schematic nights of 30-second epochs built from published typical cycle lengths "
    "and stage shares, not recordings; the numbers are computed from the epochs shown. REM is "
    "also drawn as a thick bar."
)


def clock(minutes: float) -> str:
    """hypnogram.js `clock`: 90 -> "1 h 30 min"."""
    return f"{math.floor(minutes / 60)} h {js_round(minutes % 60):02d} min"


def runs(hyp: list[str]) -> list[list]:
    """Runs of equal stages: [stage, first epoch, number of epochs]."""
    out: list[list] = []
    for i, s in enumerate(hyp):
        if out and out[-1][0] == s:
            out[-1][2] += 1
        else:
            out.append([s, i, 1])
    return out


def hypnogram_description(label: str, stats: dict, cursor: float, stage: str) -> str:
    """hypnogram.js `describe`."""
    p = stats["percent"]
    rem = "no REM" if stats["rem_latency"] is None else f"{js_round(stats['rem_latency'])} min"
    return (
        f"{label}. Time in bed {clock(stats['time_in_bed'])}; total sleep time "
        f"{clock(stats['total_sleep'])}; sleep latency {js_round(stats['sleep_latency'] or 0)} "
        f"min; REM latency {rem}; wake after sleep onset {js_round(stats['waso'])} min; sleep "
        f"efficiency {js_round(stats['efficiency'])}%. Share of sleep: N1 {js_round(p['N1'])}%, "
        f"N2 {js_round(p['N2'])}%, N3 {js_round(p['N3'])}%, REM {js_round(p['R'])}%. "
        f"At {clock(cursor)} after lights out the stage is {STAGE_NAMES[stage]}."
    )


def hypnogram(
    night: str = "young", cursor: float = 90.0, nights: dict | None = None, width: int = WIDTH
) -> StaticFigure:
    nights = M.NIGHTS if nights is None else nights
    chosen = nights.get(night) or next(iter(nights.values()))
    hyp = M.epochs(chosen["segments"])
    tib = len(hyp) * EPOCH
    cursor = min(float(cursor), tib - EPOCH)
    stage = M.stage_at(hyp, cursor)
    w = max(300, min(900, width))
    h = js_round(min(320, w * 0.7 if w < 480 else w * 0.45))
    ml, mr, mt, mb = 44, 10, 22, 36
    pw, ph = w - ml - mr, h - mt - mb

    def X(minute):
        return ml + minute / tib * pw

    def Y(s):
        return mt + (ROWS.index(s) + 0.5) * (ph / len(ROWS))

    g = []
    for s in ROWS:
        name = "Wake" if s == "W" else "REM" if s == "R" else s
        g += [_grid(ml, Y(s), ml + pw, Y(s)), _text(ml - 6, Y(s) + 4, name, "end")]
    hr = 0
    while hr * 60 <= tib:
        g.append(_text(X(hr * 60), mt + ph + 15, str(hr), "middle"))
        hr += 1
    g += [
        _axis(f"M{ml},{mt}V{mt + ph}H{ml + pw}"),
        _text(ml + pw / 2, h - 4, "Hours after lights out", "middle"),
    ]
    rs = runs(hyp)
    d = ""
    for j, (s, i, n) in enumerate(rs):
        x0, x1, y = f"{X(i * EPOCH):.1f}", f"{X((i + n) * EPOCH):.1f}", f"{Y(s):.1f}"
        d += f"{'V' if j else f'M{x0},'}{y}H{x1}"
    g.append(_series(1, d, width=1.5, name="hypnogram"))
    for s, i, n in rs:
        if s == "R":
            box = {"x": X(i * EPOCH), "y": Y("R") - 4, "width": max(1, X(n * EPOCH) - ml)}
            g.append(el("rect", {**box, "height": 8, "fill": SERIES[2]["stroke"]}))
    cx = X(cursor + EPOCH / 2)
    g += [
        el(
            "path",
            {
                "d": f"M{cx:.1f},{mt - 4}V{mt + ph}",
                "fill": "none",
                "stroke": "currentColor",
                "stroke-dasharray": "3 3",
            },
        ),
        _dot(3, cx, Y(stage), 4.5),
        _text(min(max(cx, ml + 30), ml + pw - 30), mt - 8, STAGE_NAMES[stage], "middle", True),
    ]
    stats = M.sleep_stats(hyp)
    return StaticFigure(
        "hypnogram",
        HYPNOGRAM_TITLE,
        w,
        h,
        tuple(g),
        hypnogram_description(chosen["label"], stats, cursor, stage),
        HYPNOGRAM_NOTE,
    )


# --- concentration-response --------------------------------------------------------------------

CONDITIONS = (
    ("gaba", "GABA alone", 1),
    ("bzd", "+ benzodiazepine", 2),
    ("flumazenil", "+ benzodiazepine + flumazenil", 4),
    ("barbiturate", "+ barbiturate", 3),
)
RESPONSE_TITLE = "GABA concentration–response curves"
RESPONSE_NOTE = (
    "Model: Hill-equation model with illustrative parameters, not measured data. Flumazenil "
    "competes with the benzodiazepine for its site; the barbiturate raises the maximum and, at "
    "high levels, opens the channel without GABA. Dots mark each EC50."
)


def _num(x: float) -> str:
    return to_fixed(x, 0) if x >= 10 else to_fixed(x, 1) if x >= 1 else to_fixed(x, 2)


def _pct(x: float) -> str:
    return f"{js_round(100 * x)}%"


def response_description(params: dict, shown: list[str]) -> str:
    """response.js `describe`."""
    parts = []
    for key, name, _ in CONDITIONS:
        if key not in shown:
            continue
        p = M.curve_params(key, **params)
        s = f"{name}: EC50 {_num(p['ec50'])} µM, maximum {_pct(p['top'])}"
        if p["bottom"] > 0.005:
            s += f", {_pct(p['bottom'])} without GABA"
        parts.append(s)
    return (
        "Hill-equation model with illustrative parameters; responses as % of the maximum with "
        "GABA alone. " + (f"{'; '.join(parts)}." if parts else "No curve selected.")
    )


def concentration_response(
    bzd: float = 3.0,
    flumazenil: float = 10.0,
    barbiturate: float = 2.0,
    ec50: float = M.GABA_EC50,
    hill: float = M.HILL,
    max_shift: float = M.BZD_MAX_SHIFT,
    shown: tuple[str, ...] = ("gaba", "bzd", "barbiturate", "flumazenil"),
    width: int = WIDTH,
) -> StaticFigure:
    params = {
        "bzd": bzd,
        "flumazenil": flumazenil,
        "barbiturate": barbiturate,
        "ec50": ec50,
        "n": hill,
        "max_shift": max_shift,
    }
    w = max(300, min(900, width))
    h = js_round(min(380, w * 0.8 if w < 480 else w * 0.55))
    ml, mr, mt, mb = 44, 12, 10, 38
    pw, ph = w - ml - mr, h - mt - mb
    lo, hi, ymax = -1, 3, 2

    def X(lg):
        return ml + (lg - lo) / (hi - lo) * pw

    def Y(v):
        return mt + ph - v / ymax * ph

    g = []
    for k in range(5):  # 0% to 200% in steps of 50%
        v = k * 0.5
        g += [_grid(ml, Y(v), ml + pw, Y(v)), _text(ml - 5, Y(v) + 4, _pct(v), "end")]
    g += [_text(X(lg), mt + ph + 15, js_string(10.0**lg), "middle") for lg in range(lo, hi + 1)]
    g += [
        _axis(f"M{ml},{mt}V{mt + ph}H{ml + pw}"),
        _text(ml + pw / 2, h - 4, "GABA concentration (µM, log scale)", "middle"),
        _text(ml + 4, mt + 10, "Response (% of GABA's maximum)"),
    ]
    row = 1
    for key, name, k in CONDITIONS:
        if key not in shown:
            continue
        p = M.curve_params(key, **params)
        d = ""
        for i in range(161):
            lg = lo + (hi - lo) * i / 160
            d += f"{'L' if i else 'M'}{X(lg):.1f},{Y(M.response(10**lg, p)):.1f}"
        g += [
            _series(k, d, name=key),
            _dot(k, X(math.log10(p["ec50"])), Y(M.response(p["ec50"], p))),
        ]
        if w < 520:  # on phones the live figure's checkboxes carry the key
            continue
        ly = mt + 12 + row * 16
        row += 1
        style = {"stroke-width": 2.25, **SERIES[k]}
        g += [_line(ml + 8, ly - 4, ml + 36, ly - 4, **style), _text(ml + 42, ly, name)]
    return StaticFigure(
        "concentration-response",
        RESPONSE_TITLE,
        w,
        h,
        tuple(g),
        response_description(params, list(shown)),
        RESPONSE_NOTE,
    )

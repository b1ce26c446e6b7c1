"""The figures' static drawings (quizzes.figures.svg): drawn from the same model functions as the
live figures, checked against the same hand-computed values as the models (tests/test_figures.py),
with the very description the live figure gives a screen reader; and carried by the widgets'
mime bundles beside the widget view."""

from __future__ import annotations

import json
import re

import pytest
from test_figures import CURVES, MORNINGS, RATIOS, TEN, close, js

from quizzes import quiz
from quizzes.export.worksheet import chapter_sheet
from quizzes.figures import concentration_response, dose_accumulation, hypnogram, svg
from quizzes.figures import models as M
from quizzes.markup import to_html

# the same night as test_figures.TEN, as (stage, minutes) segments
TEN_NIGHT = {
    "test": {
        "label": "Test night",
        "segments": [
            ["W", 1],
            ["N1", 0.5],
            ["N2", 1],
            ["W", 0.5],
            ["N3", 0.5],
            ["R", 1],
            ["W", 0.5],
        ],
    }
}


def shapes(fig, tag):
    """The attributes of every `tag` element of a static drawing."""
    found = re.findall(rf"<{tag}\b([^>]*)/?>", fig.svg())
    return [dict(re.findall(r'([\w:-]+)="([^"]*)"', attrs)) for attrs in found]


# --- numbers written as the browser writes them ---------------------------------------------------

NUMBERS = [0.125, 0.375, 2.5, 1.005, 0.5, 1.45, 2.675, 12.5, 99.5, 0.0049, 135.5, 1 / 3]


def test_numbers_are_written_as_the_browser_writes_them():
    got = js(
        "dose.js",
        f"const xs = {json.dumps(NUMBERS)};\n"
        "out = xs.map((x) =>"
        " [x.toFixed(0), x.toFixed(1), x.toFixed(2), Math.round(x), String(x)]);",
    )
    want = [
        [svg.to_fixed(x, 0), svg.to_fixed(x, 1), svg.to_fixed(x, 2), svg.js_round(x)]
        + [svg.js_string(x)]
        for x in NUMBERS
    ]
    assert got == want


# --- dose accumulation ----------------------------------------------------------------------------


def test_dose_drawing_holds_the_hand_computed_numbers():
    fig = svg.dose_accumulation()  # the defaults: 3, 12 and 35 h, a dose every 24 h, 10 days
    text = fig.description
    assert "Intermediate half-life 12 h: accumulation ratio R = 1.33" in text  # 1/(1 − 1/4)
    assert "48–60 h (2.0–2.5 days)" in text  # 4–5 half-lives
    for half_life, interval, (first, steady) in MORNINGS:
        if interval == 24 and half_life == 12:
            assert f"10 h after the first dose {first:.2f}" in text  # 0.56
            assert f"10 h after a dose at steady state {steady:.2f}" in text  # 0.75
    # the thin steady-state lines sit at R for each half-life, on the axis the drawing chose
    ymax, _ = svg.nice_scale(M.accumulation_ratio(35, 24))
    assert ymax == 3

    def y(c):  # 640 × 352 px: plot from y = 10 to y = 314
        return 10 + 304 - c / ymax * 304

    refs = [s for s in shapes(fig, "line") if s.get("stroke-opacity") == "0.55"]
    ratios = {12: 4 / 3, 3: 256 / 255}  # from test_figures.RATIOS (interval 24 h)
    assert {t: r for t, tau, r in RATIOS if tau == 24 and t in ratios} == pytest.approx(ratios)
    want = sorted(y(r) for r in (256 / 255, 4 / 3, M.accumulation_ratio(35, 24)))
    assert sorted(float(s["y1"]) for s in refs) == pytest.approx(want, abs=0.01)
    # every sawtooth starts at 0 and jumps to the first dose's peak (relative concentration 1)
    paths = [s for s in shapes(fig, "path") if s.get("data-series", "").endswith("half_life")]
    assert len(paths) == 3
    for p in paths:
        assert p["d"].startswith(f"M40.0,{y(0):.1f}L40.0,{y(1):.1f}")
    assert len(shapes(fig, "circle")) == 6  # 10 h after the first and after the last dose


def test_dose_drawing_follows_its_parameters_and_the_live_figure():
    for args in [(3, 12, 35, 24, 10), (2, 20, 80, 12, 10), (1.5, 6, 24, 48, 10)]:
        fig = svg.dose_accumulation(*args)
        half_lives, interval, days = list(args[:3]), args[3], args[4]
        assert fig.description == js(
            "dose.js", f"out = m.describe({json.dumps(half_lives)}, {interval}, {days});"
        )
    assert close(
        js("dose.js", "out = m.curvePoints(12, 24, 48, 1);"), svg.curve_points(12, 24, 48, 1)
    )
    scales = js("dose.js", "out = [1.333, 2.64, 24.5].map(m.niceScale);")
    assert scales == [list(svg.nice_scale(v)) for v in (1.333, 2.64, 24.5)]


# --- hypnogram ------------------------------------------------------------------------------------


def test_hypnogram_drawing_of_a_hand_made_night():
    assert M.epochs(TEN_NIGHT["test"]["segments"]) == TEN
    fig = svg.hypnogram("test", 3.4, TEN_NIGHT)
    # test_figures.test_hypnogram_description_gives_the_key_numbers, worked by hand
    assert fig.description == (
        "Test night. Time in bed 0 h 05 min; total sleep time 0 h 03 min; sleep latency 1 min; "
        "REM latency 3 min; wake after sleep onset 1 min; sleep efficiency 60%. "
        "Share of sleep: N1 17%, N2 33%, N3 17%, REM 33%. "
        "At 0 h 03 min after lights out the stage is N3."
    )
    (rem,) = shapes(fig, "rect")  # one REM run: epochs 7 and 8 of 10, on a 586-px-wide plot
    assert float(rem["x"]) == pytest.approx(44 + 7 / 10 * 586, abs=0.01)
    assert float(rem["width"]) == pytest.approx(2 / 10 * 586, abs=0.01)


def test_hypnogram_default_drawing_is_the_live_figures():
    fig = svg.hypnogram()
    night = M.NIGHTS["young"]
    want = js(
        "hypnogram.js",
        f"const n = {json.dumps(night)}; const h = m.epochs(n.segments);\n"
        "out = m.describe(n.label, m.sleepStats(h), 90, m.stageAt(h, 90));",
    )
    assert fig.description == want
    hyp = M.epochs(night["segments"])
    rem_runs = sum(1 for i, s in enumerate(hyp) if s == "R" and (i == 0 or hyp[i - 1] != "R"))
    assert len(shapes(fig, "rect")) == rem_runs


# --- concentration-response -----------------------------------------------------------------------


def test_response_drawing_holds_the_hand_computed_curves():
    fig = svg.concentration_response()
    for part in (
        "GABA alone: EC50 10 µM, maximum 100%",
        "+ benzodiazepine: EC50 4.0 µM, maximum 100%",
        "+ benzodiazepine + flumazenil: EC50 7.0 µM, maximum 100%",
        "+ barbiturate: EC50 6.0 µM, maximum 153%, 7% without GABA",
    ):
        assert part in fig.description

    def x(conc):  # log scale from 0.1 to 1000 µM over 584 px
        import math

        return 44 + (math.log10(conc) + 1) / 4 * 584

    # one dot per curve at its EC50, worked by hand in test_figures.CURVES
    ec50s = {c: e for c, bzd, flu, barb, (e, _, _) in CURVES if (bzd, flu, barb) == (3, 10, 2)}
    dots = sorted(float(d["cx"]) for d in shapes(fig, "circle"))
    assert dots == pytest.approx(sorted(x(e) for e in ec50s.values()), abs=0.01)
    assert fig.description == js(
        "response.js",
        "out = m.describe({ bzd: 3, flumazenil: 10, barbiturate: 2, ec50: 10, n: 1.5,"
        " maxShift: 3 }, ['gaba', 'bzd', 'barbiturate', 'flumazenil']);",
    )


# --- the widgets carry the drawing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "figure_id"),
    [
        (dose_accumulation, "dose-accumulation"),
        (hypnogram, "hypnogram"),
        (concentration_response, "concentration-response"),
    ],
)
def test_figure_mime_bundle_carries_the_drawing(make, figure_id):
    widget = make()
    data, _ = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    page = data["text/html"]
    assert page == widget.static().html()
    assert f'data-figure-static="{figure_id}"' in page and "data-widget-fallback" in page
    # a fallback, not a second live figure: no id, no script, not the figures' DOM contract
    assert " id=" not in page and "<script" not in page
    assert "data-figure=" not in page and "data-figure-description" not in page
    assert 'role="img"' in page and "<figcaption" in page
    assert widget.static().description in page.replace("&#x27;", "'")


def test_figure_drawing_follows_the_widgets_settings():
    widget = dose_accumulation(interval=12.0)
    assert "with a dose every 12 h" in widget._repr_mimebundle_()[0]["text/html"]
    night = hypnogram(night="older")
    assert "Older adult, typical night." in night.static().description


def test_quiz_mime_bundle_carries_its_worksheet():
    widget = quiz("gaba_receptor")
    data, _ = widget._repr_mimebundle_()
    sheet = data["text/html"]
    shown = chapter_sheet(widget._bank)
    assert sheet.count('<section class="question"') == len(shown) == len(widget.questions)
    for s in shown:
        assert to_html(" ".join(s.q.stem.split())) in sheet
        assert " ".join(s.q.explanation.split())[:40] not in sheet  # no answer given away
    assert 'href="#answer-key-gaba_receptor"' in sheet

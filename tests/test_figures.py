"""The interactive figures' models: Python (quizzes.figures.models) and the ES modules the
browser runs (quizzes/figures/static/src/*.js, run here with Node) against the same hand-computed
numbers, and the widgets' Python side."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess

import pytest

from quizzes.figures import (
    STATIC,
    ConcentrationResponse,
    DoseAccumulation,
    Hypnogram,
    concentration_response,
    dose_accumulation,
    hypnogram,
)
from quizzes.figures import models as M

NODE = shutil.which("node")


def js(module: str, body: str):
    """Run `body` (which sets `out`) with the module's exports as `m`; return `out` from JSON."""
    if NODE is None:
        pytest.skip("Node.js is not installed")
    url = (STATIC / "src" / module).as_uri()
    code = (
        f"import * as m from {json.dumps(url)};\nlet out;\n{body}\n"
        "console.log(JSON.stringify(out));"
    )
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def flat(x):
    """Nested lists and tuples as one flat list (pytest.approx compares flat sequences)."""
    return [y for item in x for y in flat(item)] if isinstance(x, (list, tuple)) else [x]


def close(got, want, rel=1e-9, abs=1e-12):
    return flat(got) == pytest.approx(flat(want), rel=rel, abs=abs) and len(flat(got)) == len(
        flat(want)
    )


# --- dose accumulation: hand-computed values ----------------------------------------------------

# (half-life h, interval h) -> accumulation ratio R = 1/(1 − e^(−kτ)) = 1/(1 − 2^(−τ/t½))
RATIOS = [
    (12, 24, 4 / 3),  # e^(−kτ) = 1/4
    (24, 24, 2.0),  # interval = half-life: e^(−kτ) = 1/2
    (3, 24, 256 / 255),  # 2^(−8)
    (48, 24, 1 / (1 - 2**-0.5)),  # ≈ 3.414
    (8, 8, 2.0),
]


@pytest.mark.parametrize(("half_life", "interval", "ratio"), RATIOS)
def test_accumulation_ratio_python(half_life, interval, ratio):
    assert M.accumulation_ratio(half_life, interval) == pytest.approx(ratio, rel=1e-12)


def test_accumulation_ratio_js():
    got = js(
        "dose.js", f"out = {json.dumps(RATIOS)}.map(([t, tau]) => m.accumulationRatio(t, tau));"
    )
    assert got == pytest.approx([r for _, _, r in RATIOS], rel=1e-12)


def test_elimination_rate():
    assert M.elimination_rate(12) == pytest.approx(math.log(2) / 12)
    assert js("dose.js", "out = m.eliminationRate(12);") == pytest.approx(math.log(2) / 12)


# (t, half-life, interval) -> relative concentration, first dose's peak = 1
CONCENTRATIONS = [
    (0, 12, 24, 1.0),
    (12, 12, 24, 0.5),
    (23.999999, 12, 24, 0.25),  # just before the second dose
    (24, 12, 24, 1.25),  # second dose given: 1 + 1/4
    (48, 12, 24, 1 + 0.25 + 0.0625),
    (36, 12, 24, 0.625),
    (-1, 12, 24, 0.0),
    (10, 6, 6, 2 ** (-10 / 6) + 2 ** (-4 / 6)),  # doses at 0 and 6 h
]


def test_concentration_python():
    for t, half_life, interval, want in CONCENTRATIONS:
        assert M.concentration(t, half_life, interval) == pytest.approx(want, rel=1e-6), t


def test_concentration_js():
    got = js(
        "dose.js",
        f"out = {json.dumps(CONCENTRATIONS)}.map(([t, h, tau]) => m.concentration(t, h, tau));",
    )
    assert got == pytest.approx([c[3] for c in CONCENTRATIONS], rel=1e-6)


def test_peaks_approach_the_accumulation_ratio():
    # the peak after n doses is R(1 − e^(−nkτ)); after 4–5 half-lives it is 94–97% of R
    r = M.accumulation_ratio(12, 12)
    assert M.concentration(3 * 12, 12, 12) == pytest.approx(r * (1 - 2**-4))  # 4 doses
    assert M.fraction_of_steady_state(48, 12) == pytest.approx(15 / 16)  # 93.75%
    assert M.fraction_of_steady_state(60, 12) == pytest.approx(31 / 32)  # 96.9%
    assert M.steady_state_window(12) == (48, 60)
    assert M.concentration(24 * 200, 35, 24) == pytest.approx(M.accumulation_ratio(35, 24))
    got = js(
        "dose.js",
        "out = [m.fractionOfSteadyState(48, 12), m.fractionOfSteadyState(60, 12),"
        " m.steadyStateWindow(12)];",
    )
    assert close(got, [15 / 16, 31 / 32, [48, 60]])


MORNINGS = [
    # (half-life, interval) -> (10 h after the first dose, 10 h after a dose at steady state)
    (12, 24, (2 ** (-10 / 12), 2 ** (-10 / 12) * 4 / 3)),
    (3, 24, (2 ** (-10 / 3), 2 ** (-10 / 3) * 256 / 255)),
    (6, 6, (2 ** (-10 / 6) + 2 ** (-4 / 6), 2 ** (-4 / 6) * 2)),  # a dose at 6 h comes first
]


def test_morning_levels_python_and_js():
    for half_life, interval, want in MORNINGS:
        assert M.morning_levels(half_life, interval) == pytest.approx(want, rel=1e-9)
    got = js(
        "dose.js",
        f"out = {json.dumps([x[:2] for x in MORNINGS])}"
        ".map(([h, tau]) => m.morningLevels(h, tau));",
    )
    assert close(got, [x[2] for x in MORNINGS])


def test_python_and_js_agree_on_a_grid():
    grid = [
        (t, h, tau)
        for t in (0, 5, 10, 23.5, 24, 47, 100, 239.9)
        for h in (1, 3, 12, 35, 100)
        for tau in (6, 12, 24, 48)
    ]
    got = js(
        "dose.js", f"out = {json.dumps(grid)}.map(([t, h, tau]) => m.concentration(t, h, tau));"
    )
    assert got == pytest.approx([M.concentration(*g) for g in grid], rel=1e-9)


def test_curve_points_show_the_sawtooth():
    pts = js("dose.js", "out = m.curvePoints(12, 24, 48, 1);")
    assert pts[0] == [0, 0]
    assert any(p[0] == 0 and p[1] == pytest.approx(1) for p in pts)  # the first dose's jump to 1
    before = [p for p in pts if p[0] == pytest.approx(24, abs=1e-6)]
    assert sorted(round(p[1], 6) for p in before) == [0.25, 1.25]  # both sides of the jump
    assert pts[-1][0] == 48


def test_nice_axis_scale():
    got = js("dose.js", "out = [1.333, 2.64, 24.5].map(m.niceScale);")
    assert close(got, [[1.5, 0.25], [3, 0.5], [30, 5]])


def test_dose_description_gives_the_key_numbers():
    text = js("dose.js", "out = m.describe([3, 12, 35], 24, 10);")
    assert "dose every 24 h" in text
    assert "Intermediate half-life 12 h: accumulation ratio R = 1.33" in text
    assert "48–60 h (2.0–2.5 days)" in text  # 4–5 half-lives
    assert f"10 h after the first dose {2 ** (-10 / 12):.2f}" in text  # 0.56
    assert f"10 h after a dose at steady state {2 ** (-10 / 12) * 4 / 3:.2f}" in text  # 0.75
    assert "Long half-life 35 h" in text and "Short half-life 3 h" in text


# --- hypnogram ----------------------------------------------------------------------------------

# ten 30-s epochs, worked by hand: time in bed 5 min; sleep = N1, N2, N2, N3, R, R = 3 min;
# latency 2 epochs = 1 min; REM latency from onset (epoch 2) to epoch 7 = 2.5 min; WASO epochs
# 5 and 9 = 1 min; efficiency 3/5 = 60%; N1 1/6, N2 2/6, N3 1/6, R 2/6 of sleep
TEN = ["W", "W", "N1", "N2", "N2", "W", "N3", "R", "R", "W"]
TEN_STATS = {
    "time_in_bed": 5.0,
    "total_sleep": 3.0,
    "sleep_latency": 1.0,
    "rem_latency": 2.5,
    "waso": 1.0,
    "efficiency": 60.0,
    "percent": {"N1": 100 / 6, "N2": 200 / 6, "N3": 100 / 6, "R": 200 / 6},
}


def _approx_stats(stats):
    return {
        **stats,
        "percent": pytest.approx(stats["percent"]),
        **{k: pytest.approx(v) for k, v in stats.items() if isinstance(v, float)},
    }


def test_sleep_stats_of_a_hand_made_hypnogram_python():
    assert M.sleep_stats(TEN) == _approx_stats(TEN_STATS)


def test_sleep_stats_of_a_hand_made_hypnogram_js():
    assert js("hypnogram.js", f"out = m.sleepStats({json.dumps(TEN)});") == _approx_stats(TEN_STATS)


def test_no_sleep_and_no_rem():
    awake = ["W"] * 4
    for stats in (
        M.sleep_stats(awake),
        js("hypnogram.js", f"out = m.sleepStats({json.dumps(awake)});"),
    ):
        assert (
            stats["total_sleep"] == 0
            and stats["sleep_latency"] is None
            and stats["efficiency"] == 0
        )
    no_rem = ["W", "N2", "N3"]
    assert M.sleep_stats(no_rem)["rem_latency"] is None
    assert js("hypnogram.js", f"out = m.sleepStats({json.dumps(no_rem)}).rem_latency;") is None


def test_epochs_and_stage_at():
    segments = [["W", 1], ["N2", 1.5]]
    assert M.epochs(segments) == ["W", "W", "N2", "N2", "N2"]
    assert js("hypnogram.js", f"out = m.epochs({json.dumps(segments)});") == [
        "W",
        "W",
        "N2",
        "N2",
        "N2",
    ]
    minutes = [0, 0.49, 0.5, 3.4, 4.99, 99]
    want = ["W", "W", "W", "N3", "W", "W"]  # 3.4 min is epoch 6; past the end: the last epoch
    assert [M.stage_at(TEN, x) for x in minutes] == want
    assert (
        js(
            "hypnogram.js",
            f"out = {json.dumps(minutes)}.map((x) => m.stageAt({json.dumps(TEN)}, x));",
        )
        == want
    )


def test_the_nights_agree_between_python_and_js():
    got = js(
        "hypnogram.js",
        f"const nights = {json.dumps(M.NIGHTS)};\n"
        "out = Object.fromEntries(Object.entries(nights)"
        ".map(([k, n]) => [k, m.sleepStats(m.epochs(n.segments))]));",
    )
    for key, night in M.NIGHTS.items():
        assert got[key] == _approx_stats(M.sleep_stats(M.epochs(night["segments"])))


def _rem_periods(hyp):
    runs, prev = [], None
    for s in hyp:
        if s == "R" and prev == "R":
            runs[-1] += 1
        elif s == "R":
            runs.append(1)
        prev = s
    return runs


def test_young_night_matches_the_published_shape():
    hyp = M.epochs(M.NIGHTS["young"]["segments"])
    st = M.sleep_stats(hyp)
    p = st["percent"]
    assert 2 <= p["N1"] <= 5 and 45 <= p["N2"] <= 55 and 13 <= p["N3"] <= 23 and 20 <= p["R"] <= 25
    assert st["time_in_bed"] == 480
    rem = _rem_periods(hyp)
    assert 4 <= len(rem) <= 6  # one REM period per ~90-min cycle
    assert rem[-1] > rem[0] * 2  # REM lengthens toward morning
    third = len(hyp) // 3
    assert hyp[:third].count("N3") > 2 * hyp[third:].count("N3")  # N3 front-loaded
    assert 80 <= st["rem_latency"] <= 100


def test_older_and_benzodiazepine_nights_differ_in_the_published_directions():
    young, older, bzd = (
        M.sleep_stats(M.epochs(M.NIGHTS[k]["segments"]))
        for k in ("young", "older", "benzodiazepine")
    )
    # older adults: less N3, more WASO and N1/N2, slightly less REM, lower efficiency
    assert older["percent"]["N3"] < young["percent"]["N3"]
    assert older["waso"] > 2 * young["waso"]
    assert (
        older["percent"]["N1"] + older["percent"]["N2"]
        > young["percent"]["N1"] + young["percent"]["N2"]
    )
    assert young["percent"]["R"] - 8 < older["percent"]["R"] < young["percent"]["R"]
    assert older["efficiency"] < young["efficiency"]
    # on a benzodiazepine: shorter latency, fewer awakenings, more N2, less N3 and REM, later REM
    assert bzd["sleep_latency"] < young["sleep_latency"]
    assert bzd["waso"] <= young["waso"]
    assert bzd["percent"]["N2"] > young["percent"]["N2"]
    assert bzd["percent"]["N3"] < young["percent"]["N3"]
    assert bzd["percent"]["R"] < young["percent"]["R"]
    assert bzd["rem_latency"] > young["rem_latency"]

    def awakenings(key):
        hyp = M.epochs(M.NIGHTS[key]["segments"])
        onset = next(i for i, s in enumerate(hyp) if s != "W")
        return sum(1 for i in range(onset + 1, len(hyp)) if hyp[i] == "W" and hyp[i - 1] != "W")

    assert awakenings("benzodiazepine") < awakenings("young") < awakenings("older")


def test_hypnogram_description_gives_the_key_numbers():
    text = js(
        "hypnogram.js",
        f"const h = {json.dumps(TEN)};\n"
        "out = m.describe('Test night', m.sleepStats(h), 3.4, m.stageAt(h, 3.4));",
    )
    assert text == (
        "Test night. Time in bed 0 h 05 min; total sleep time 0 h 03 min; sleep latency 1 min; "
        "REM latency 3 min; wake after sleep onset 1 min; sleep efficiency 60%. "
        "Share of sleep: N1 17%, N2 33%, N3 17%, REM 33%. "
        "At 0 h 03 min after lights out the stage is N3."
    )


# --- concentration-response -----------------------------------------------------------------------


def test_hill_equation():
    assert M.hill(10, 10, 1.5) == pytest.approx(0.5)
    assert M.hill(20, 10, 2) == pytest.approx(0.8)  # 400 / (400 + 100)
    assert M.hill(0, 10, 1.5, top=2, bottom=0.1) == 0.1
    assert M.hill(10, 10, 1, top=1.5, bottom=0.5) == pytest.approx(1.0)
    got = js(
        "response.js",
        "out = [m.hill(10, 10, 1.5), m.hill(20, 10, 2), m.hill(0, 10, 1.5, 2, 0.1),"
        " m.hill(10, 10, 1, 1.5, 0.5)];",
    )
    assert got == pytest.approx([0.5, 0.8, 0.1, 1.0])


# (condition, bzd, flumazenil, barbiturate) -> (EC50 µM, top, bottom), worked by hand with
# EC50 10 µM, n 1.5, maximal benzodiazepine shift 3-fold
CURVES = [
    ("gaba", 3, 10, 2, (10, 1, 0)),
    ("bzd", 3, 10, 2, (4, 1, 0)),  # occupancy 3/4, shift 1 + 2·3/4 = 2.5
    ("bzd", 1, 0, 0, (5, 1, 0)),  # occupancy 1/2, shift 2
    ("bzd", 0, 0, 0, (10, 1, 0)),  # no benzodiazepine, no shift
    ("flumazenil", 3, 10, 2, (7, 1, 0)),  # occupancy 3/14, shift 10/7
    ("flumazenil", 3, 0, 2, (4, 1, 0)),  # no flumazenil: the benzodiazepine curve
    ("barbiturate", 3, 10, 2, (6, 1 + 0.8 * 2 / 3, 0.5 * 4 / 29)),  # f = 2/3
    ("barbiturate", 3, 10, 5, (10 / (1 + 5 / 6), 1 + 0.8 * 5 / 6, 0.25)),
    ("barbiturate", 3, 10, 0, (10, 1, 0)),
]


def test_curve_params_python():
    for cond, bzd, flu, barb, (ec50, top, bottom) in CURVES:
        p = M.curve_params(cond, bzd=bzd, flumazenil=flu, barbiturate=barb)
        assert (p["ec50"], p["top"], p["bottom"]) == pytest.approx((ec50, top, bottom)), cond


def test_curve_params_js():
    got = js(
        "response.js",
        f"out = {json.dumps([c[:4] for c in CURVES])}.map(([c, bzd, flumazenil, barbiturate]) => "
        "{ const p = m.curveParams(c, { bzd, flumazenil, barbiturate });"
        " return [p.ec50, p.top, p.bottom]; });",
    )
    assert close(got, [c[4] for c in CURVES])


def test_benzodiazepine_has_a_ceiling_and_barbiturate_does_not():
    huge = M.curve_params("bzd", bzd=1e6)
    assert huge["top"] == 1 and huge["ec50"] == pytest.approx(10 / 3, rel=1e-5)
    assert M.response(0, huge) == 0  # no opening without GABA
    barb = M.curve_params("barbiturate", barbiturate=10)
    assert M.response(0, barb) > 0.3  # direct activation without GABA
    assert barb["top"] > 1.5
    with pytest.raises(ValueError):
        M.curve_params("alcohol")


def test_response_python_and_js_agree():
    xs = [0, 0.1, 1, 4, 10, 33, 1000]
    params = [
        M.curve_params(c, bzd=5, flumazenil=20, barbiturate=7)
        for c in ("gaba", "bzd", "flumazenil", "barbiturate")
    ]
    got = js(
        "response.js",
        f"out = {json.dumps(params)}.map((p) => {json.dumps(xs)}.map((x) => m.response(x, p)));",
    )
    assert close(got, [[M.response(x, p) for x in xs] for p in params], rel=1e-12)


def test_response_description_gives_ec50_and_max_of_each_shown_curve():
    text = js(
        "response.js",
        "out = m.describe({ bzd: 3, flumazenil: 10, barbiturate: 2,"
        " ec50: 10, n: 1.5, maxShift: 3 },"
        " ['gaba', 'bzd', 'flumazenil', 'barbiturate']);",
    )
    assert text.startswith("Hill-equation model with illustrative parameters")
    for part in (
        "GABA alone: EC50 10 µM, maximum 100%",
        "+ benzodiazepine: EC50 4.0 µM, maximum 100%",
        "+ benzodiazepine + flumazenil: EC50 7.0 µM, maximum 100%",
        "+ barbiturate: EC50 6.0 µM, maximum 153%, 7% without GABA",
    ):
        assert part in text
    assert "No curve selected" in js("response.js", "out = m.describe({}, []);")


# --- the widgets ----------------------------------------------------------------------------------


def test_widgets_carry_their_module_and_parameters():
    dose, night, curves = dose_accumulation(), hypnogram(), concentration_response()
    assert isinstance(dose, DoseAccumulation) and isinstance(night, Hypnogram)
    assert isinstance(curves, ConcentrationResponse)
    for widget, figure_id in (
        (dose, "dose-accumulation"),
        (night, "hypnogram"),
        (curves, "concentration-response"),
    ):
        state = widget.get_state()
        # the bundled, minified module: a default export and the figure's DOM contract
        assert re.search(r"export\s*\{[^}]*\bas default\b", state["_esm"])
        assert re.search(rf'"data-figure":\s*"{figure_id}"', state["_esm"])
        assert "data-figure-description" in state["_esm"]
        assert ".bzf" in state["_css"] and "@media print" in state["_css"]
        assert len(state["_esm"].encode()) < 12_000  # the state repeats the module per figure
    assert (dose.short_half_life, dose.intermediate_half_life, dose.long_half_life) == (3, 12, 35)
    assert dose.interval == 24
    assert dose.accumulation_ratios["intermediate"] == pytest.approx(4 / 3)
    assert night.get_state()["nights"] == M.NIGHTS
    assert night.stats == M.sleep_stats(M.epochs(M.NIGHTS["young"]["segments"]))
    assert curves.curve("bzd")["ec50"] == pytest.approx(4)


def test_widget_traits_follow_the_page():
    # what the page does when a slider moves: set the trait; Python reads the new state
    dose = dose_accumulation()
    dose.set_state({"interval": 12.0, "long_half_life": 40.0})
    assert dose.accumulation_ratios["long"] == pytest.approx(1 / (1 - 2 ** (-12 / 40)))
    night = hypnogram(night="benzodiazepine")
    assert night.stats["sleep_latency"] == 5
    with pytest.raises(Exception, match="night must be one of"):
        night.night = "cat"


def test_modules_import_without_a_document():
    # Node has no DOM: importing proves the modules only touch `document` inside render()
    got = js("dose.js", "out = typeof m.default.render;")
    assert got == "function"
    for module in ("hypnogram.js", "response.js"):
        assert js(module, "out = typeof m.default.render;") == "function"


def test_the_night_choices_keep_their_order_through_a_cached_build():
    """A saved widget state can come back with sorted keys (nbformat sorts JSON): the Night
    choices follow night_order, not the order of the nights' keys."""
    state = hypnogram().get_state()
    assert state["night_order"] == ["young", "older", "benzodiazepine"]
    assert list(json.loads(json.dumps(state["nights"], sort_keys=True))) != state["night_order"]

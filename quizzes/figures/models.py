"""Pure model functions of the interactive figures.

Each function here has a twin of the same name (camelCase) in the figure's ES module under
static/, and tests/test_figures.py checks both against the same hand-computed numbers. The
browser draws from the JavaScript; Python has them so the state of a figure in a notebook can
be read and checked, and so the numbers in the book can be tested.
"""

from __future__ import annotations

import math

# --- dose accumulation: one compartment, instant absorption, first-order elimination -----------

MORNING_HOURS = 10.0  # "next morning": 10 h after a bedtime dose


def elimination_rate(half_life: float) -> float:
    """k = ln 2 / t½ (per hour)."""
    return math.log(2) / half_life


def accumulation_ratio(half_life: float, interval: float) -> float:
    """R = 1 / (1 − e^(−kτ)): the steady-state peak relative to the first dose's peak."""
    return 1.0 / (1.0 - math.exp(-elimination_rate(half_life) * interval))


def concentration(t: float, half_life: float, interval: float) -> float:
    """Relative concentration at time t (h) with a dose at 0, τ, 2τ, ... (first peak = 1).

    A dose given exactly at t counts (instant absorption: the value just after the jump)."""
    if t < 0:
        return 0.0
    k = elimination_rate(half_life)
    n = math.floor(t / interval + 1e-9) + 1  # doses given so far
    last = (n - 1) * interval
    # geometric sum of the n doses' remainders, seen from the last dose
    return (
        math.exp(-k * (t - last))
        * (1 - math.exp(-k * interval * n))
        / (1 - math.exp(-k * interval))
    )


def fraction_of_steady_state(t: float, half_life: float) -> float:
    """How far the peaks have climbed toward steady state after time t: 1 − 2^(−t/t½)."""
    return 1.0 - 2.0 ** (-t / half_life)


def steady_state_window(half_life: float) -> tuple[float, float]:
    """4 and 5 half-lives (h): about 94% (1 − 1/16) and 97% (1 − 1/32) of steady state."""
    return 4 * half_life, 5 * half_life


def morning_levels(
    half_life: float, interval: float, after: float = MORNING_HOURS
) -> tuple[float, float]:
    """The level `after` hours after the first dose, and after a dose at steady state (the
    limit over many doses; doses given within those hours are included)."""
    k = elimination_rate(half_life)
    first = concentration(after, half_life, interval)
    steady = math.exp(-k * (after % interval)) / (1 - math.exp(-k * interval))
    return first, steady


# --- hypnogram: 30-s epochs, stages W N1 N2 N3 R -----------------------------------------------

EPOCH_MIN = 0.5
STAGES = ("W", "N1", "N2", "N3", "R")
SLEEP = ("N1", "N2", "N3", "R")

# Each night runs from lights out to lights on as (stage, minutes) segments: about 90-minute
# cycles, N3 front-loaded and REM lengthening toward morning, tuned so that the stage shares
# computed from the epochs fall in the published ranges (young adult: N1 2–5%, N2 45–55%,
# N3 13–23%, REM 20–25%; Carskadon & Dement). The older night has less N3, more N1/N2 and wake
# after sleep onset and a little less REM (Ohayon et al. 2004); the benzodiazepine night has a
# shorter latency, fewer awakenings, more N2, less N3 and REM and a later first REM period
# (de Mendonça et al. 2023). They are schematics, not recordings.
NIGHTS: dict[str, dict] = {
    "young": {
        "label": "Young adult, typical night",
        "segments": [
            ["W", 12],
            ["N1", 5],
            ["N2", 20],
            ["N3", 45],
            ["N2", 15],
            ["R", 10],
            ["N1", 2],
            ["N2", 25],
            ["N3", 30],
            ["N2", 18],
            ["R", 20],
            ["W", 2],
            ["N1", 3],
            ["N2", 46],
            ["N3", 12],
            ["N2", 10],
            ["R", 25],
            ["N1", 3],
            ["N2", 55],
            ["R", 28],
            ["W", 3],
            ["N1", 3],
            ["N2", 48],
            ["R", 27],
            ["W", 13],
        ],
    },
    "older": {
        "label": "Older adult, typical night",
        "segments": [
            ["W", 22],
            ["N1", 10],
            ["N2", 28],
            ["N3", 18],
            ["N2", 15],
            ["W", 6],
            ["N1", 4],
            ["R", 10],
            ["N1", 6],
            ["N2", 38],
            ["N3", 10],
            ["N2", 14],
            ["W", 12],
            ["N1", 5],
            ["R", 16],
            ["N1", 5],
            ["N2", 48],
            ["W", 15],
            ["N1", 6],
            ["N2", 14],
            ["R", 18],
            ["W", 8],
            ["N1", 6],
            ["N2", 42],
            ["R", 18],
            ["W", 18],
            ["N1", 5],
            ["N2", 34],
            ["R", 10],
            ["W", 19],
        ],
    },
    "benzodiazepine": {
        "label": "On a benzodiazepine",
        "segments": [
            ["W", 5],
            ["N1", 3],
            ["N2", 35],
            ["N3", 25],
            ["N2", 40],
            ["N3", 10],
            ["N2", 15],
            ["R", 8],
            ["N1", 2],
            ["N2", 48],
            ["N3", 10],
            ["N2", 15],
            ["R", 16],
            ["N1", 2],
            ["N2", 60],
            ["R", 22],
            ["N1", 2],
            ["N2", 55],
            ["R", 25],
            ["N2", 50],
            ["R", 20],
            ["W", 12],
        ],
    },
}


def epochs(segments: list) -> list[str]:
    """The 30-s epoch sequence of a night given as (stage, minutes) segments."""
    out: list[str] = []
    for stage, minutes in segments:
        out.extend([stage] * round(minutes / EPOCH_MIN))
    return out


def sleep_stats(hyp: list[str]) -> dict:
    """The standard summary of a hypnogram (lights out at epoch 0, lights on at its end).

    time_in_bed, total_sleep, sleep_latency (lights out to the first sleep epoch), rem_latency
    (sleep onset to the first R epoch, None without R), waso (wake after sleep onset up to
    lights on) in minutes; efficiency = total sleep / time in bed (%); percent: each sleep
    stage as % of total sleep time."""
    tib = len(hyp) * EPOCH_MIN
    sleep_idx = [i for i, s in enumerate(hyp) if s in SLEEP]
    tst = len(sleep_idx) * EPOCH_MIN
    if not sleep_idx:
        return {
            "time_in_bed": tib,
            "total_sleep": 0.0,
            "sleep_latency": None,
            "rem_latency": None,
            "waso": 0.0,
            "efficiency": 0.0,
            "percent": {s: 0.0 for s in SLEEP},
        }
    onset = sleep_idx[0]
    first_r = next((i for i, s in enumerate(hyp) if s == "R"), None)
    return {
        "time_in_bed": tib,
        "total_sleep": tst,
        "sleep_latency": onset * EPOCH_MIN,
        "rem_latency": None if first_r is None else (first_r - onset) * EPOCH_MIN,
        "waso": sum(1 for s in hyp[onset:] if s == "W") * EPOCH_MIN,
        "efficiency": 100.0 * tst / tib if tib else 0.0,
        "percent": {s: 100.0 * hyp.count(s) * EPOCH_MIN / tst for s in SLEEP},
    }


def stage_at(hyp: list[str], minute: float) -> str:
    """The stage scored for the epoch that contains `minute` after lights out."""
    i = min(max(int(minute / EPOCH_MIN), 0), len(hyp) - 1)
    return hyp[i]


# --- concentration-response: Hill equation with illustrative parameters ------------------------

GABA_EC50 = 10.0  # µM, illustrative
HILL = 1.5  # illustrative
BZD_MAX_SHIFT = 3.0  # fold fall of EC50 at full occupancy of the benzodiazepine site
BARB_MAX_GAIN = 0.8  # extra maximal response (fraction of GABA's maximum) at full potentiation
BARB_DIRECT_MAX = 0.5  # largest response without GABA, as a fraction of GABA's maximum
BARB_DIRECT_K = 5.0  # barbiturate level (relative units) for half the direct activation


def hill(x: float, ec50: float, n: float, top: float = 1.0, bottom: float = 0.0) -> float:
    """bottom + (top − bottom) · xⁿ / (xⁿ + EC50ⁿ)."""
    if x <= 0:
        return bottom
    return bottom + (top - bottom) * x**n / (x**n + ec50**n)


def bzd_occupancy(bzd: float, flumazenil: float = 0.0) -> float:
    """Fraction of benzodiazepine sites holding the benzodiazepine, with concentrations in
    multiples of each drug's dissociation constant; flumazenil competes for the same site:
    d / (1 + d + f)."""
    return bzd / (1.0 + bzd + flumazenil)


def curve_params(
    condition: str,
    bzd: float = 3.0,
    flumazenil: float = 10.0,
    barbiturate: float = 2.0,
    ec50: float = GABA_EC50,
    n: float = HILL,
    max_shift: float = BZD_MAX_SHIFT,
) -> dict:
    """EC50, top (maximum) and bottom (response without GABA) of one condition's curve:
    "gaba", "bzd" (benzodiazepine), "flumazenil" (benzodiazepine + flumazenil) or "barbiturate".
    Responses are fractions of GABA's own maximum."""
    if condition == "gaba":
        return {"ec50": ec50, "n": n, "top": 1.0, "bottom": 0.0}
    if condition in ("bzd", "flumazenil"):
        occ = bzd_occupancy(bzd, flumazenil if condition == "flumazenil" else 0.0)
        shift = 1.0 + (max_shift - 1.0) * occ
        return {"ec50": ec50 / shift, "n": n, "top": 1.0, "bottom": 0.0}
    if condition == "barbiturate":
        f = barbiturate / (1.0 + barbiturate)  # potentiating site, units of its constant
        direct = BARB_DIRECT_MAX * barbiturate**2 / (barbiturate**2 + BARB_DIRECT_K**2)
        return {"ec50": ec50 / (1.0 + f), "n": n, "top": 1.0 + BARB_MAX_GAIN * f, "bottom": direct}
    raise ValueError(f"unknown condition {condition!r}")


def response(gaba: float, params: dict) -> float:
    """The response to a GABA concentration (µM) for one curve's parameters."""
    return hill(gaba, params["ec50"], params["n"], params["top"], params["bottom"])

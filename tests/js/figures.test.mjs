// The interactive figures' model functions (quizzes/figures/static/src/*.js) under Node's test
// runner, against values worked out by hand (the same ones tests/test_figures.py uses). The
// figures' DOM code is tested in the browser (tests/test_figures_browser.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as dose from "../../quizzes/figures/static/src/dose.js";
import * as hyp from "../../quizzes/figures/static/src/hypnogram.js";
import * as resp from "../../quizzes/figures/static/src/response.js";

const near = (got, want, tol = 1e-9) => assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${got} != ${want}`);

// --- dose accumulation: R = 1/(1 − 2^(−τ/t½)); concentrations relative to the first peak ------

test("accumulation ratio and elimination rate", () => {
  near(dose.accumulationRatio(12, 24), 4 / 3); // e^(−kτ) = 1/4
  near(dose.accumulationRatio(24, 24), 2); // interval = half-life
  near(dose.accumulationRatio(3, 24), 256 / 255); // 2^(−8)
  near(dose.eliminationRate(12), Math.LN2 / 12);
});

test("concentration over repeated doses", () => {
  near(dose.concentration(0, 12, 24), 1);
  near(dose.concentration(12, 12, 24), 0.5);
  near(dose.concentration(23.999999, 12, 24), 0.25, 1e-6); // just before the second dose
  near(dose.concentration(24, 12, 24), 1.25); // second dose: 1 + 1/4
  near(dose.concentration(36, 12, 24), 0.625);
  near(dose.concentration(48, 12, 24), 1 + 0.25 + 0.0625);
  near(dose.concentration(10, 6, 6), 2 ** (-10 / 6) + 2 ** (-4 / 6)); // doses at 0 and 6 h
  assert.equal(dose.concentration(-1, 12, 24), 0);
  assert.equal(dose.concentration(-1e-9, 12, 24), 0);
});

test("steady state: 15/16 after four half-lives, 31/32 after five", () => {
  near(dose.fractionOfSteadyState(48, 12), 15 / 16);
  near(dose.fractionOfSteadyState(60, 12), 31 / 32);
  assert.deepEqual(dose.steadyStateWindow(12), [48, 60]);
});

test("levels 10 h after the first dose and after a dose at steady state", () => {
  const cases = [
    [12, 24, 2 ** (-10 / 12), (2 ** (-10 / 12) * 4) / 3],
    [3, 24, 2 ** (-10 / 3), (2 ** (-10 / 3) * 256) / 255],
    [6, 6, 2 ** (-10 / 6) + 2 ** (-4 / 6), 2 ** (-4 / 6) * 2], // a dose at 6 h comes first
  ];
  for (const [t, tau, first, steady] of cases) {
    const [a, b] = dose.morningLevels(t, tau);
    near(a, first);
    near(b, steady);
  }
  const [a] = dose.morningLevels(12, 24, 12); // another hour: 12 h after a dose = one half-life
  near(a, 0.5);
});

test("the sawtooth: from 0, a jump to 1, both sides of every later jump, up to the end", () => {
  const pts = dose.curvePoints(12, 24, 48, 1);
  assert.equal(pts.length, 1 + 25 + 25); // the start, then 24 steps (25 points) per interval
  assert.deepEqual(pts[0], [0, 0]);
  assert.deepEqual(pts[1], [0, 1]);
  assert.equal(pts[2][0], 1);
  near(pts[2][1], 2 ** (-1 / 12));
  assert.equal(pts[25][0], 24); // drawn at 24 h, valued just before the dose
  near(pts[25][1], 0.25, 1e-6);
  assert.deepEqual(pts[26][0], 24);
  near(pts[26][1], 1.25);
  assert.equal(pts[50][0], 48); // the last point is the end of the plot, not before a dose
  near(pts[50][1], 1.3125);
  // a coarse step still gives at least two steps per interval; a short last interval is cut
  const coarse = dose.curvePoints(12, 24, 36, 100);
  assert.deepEqual(coarse.map(([t]) => t), [0, 0, 12, 24, 24, 30, 36]);
});

test("axis scales: at most 6 ticks of 1, 2, 2.5 or 5 × 10^k", () => {
  assert.deepEqual(dose.niceScale(1.333), [1.5, 0.25]);
  assert.deepEqual(dose.niceScale(2.64), [3, 0.5]);
  assert.deepEqual(dose.niceScale(24.5), [30, 5]);
  assert.deepEqual(dose.niceScale(5.5), [6, 1]);
  assert.deepEqual(dose.niceScale(9), [10, 2]);
});

test("numbers in the description: two decimals, none from 100 up", () => {
  assert.equal(dose.fmt(1.005), "1.00"); // toFixed's own rounding of 1.00499999...
  assert.equal(dose.fmt(99.994), "99.99");
  assert.equal(dose.fmt(100.4), "100");
  assert.equal(dose.fmt(-100.4), "-100");
  assert.equal(dose.fmt(2.25, 1), "2.3");
});

test("the dose figure describes itself in words", () => {
  assert.equal(
    dose.describe([3, 12, 35], 24, 10),
    "Relative concentration (first dose's peak = 1) over 10 days with a dose every 24 h. " +
      "Short half-life 3 h: accumulation ratio R = 1.00; about 94–97% of steady state after 4–5 half-lives, 12–15 h; " +
      "10 h after the first dose 0.10, 10 h after a dose at steady state 0.10. " +
      "Intermediate half-life 12 h: accumulation ratio R = 1.33; about 94–97% of steady state after 4–5 half-lives, " +
      "48–60 h (2.0–2.5 days); 10 h after the first dose 0.56, 10 h after a dose at steady state 0.75. " +
      "Long half-life 35 h: accumulation ratio R = 2.64; about 94–97% of steady state after 4–5 half-lives, " +
      "140–175 h (5.8–7.3 days); 10 h after the first dose 0.82, 10 h after a dose at steady state 2.17.",
  );
  // half-lives with a half hour keep one decimal; 4–5 × 9.5 h = 38–47.5 h, under two days
  const text = dose.describe([1.5, 9.5, 24], 12, 7);
  assert.match(text, /Short half-life 1\.5 h: /);
  assert.match(text, /Intermediate half-life 9\.5 h: .* 38–48 h; /);
  assert.match(text, /Long half-life 24 h: .* 96–120 h \(4\.0–5\.0 days\); /);
});

test("the drugs' sliders keep their ranges", () => {
  assert.deepEqual(dose.DRUGS.map((d) => [d.key, d.min, d.max, d.step]), [
    ["short_half_life", 1, 6, 0.5],
    ["intermediate_half_life", 6, 24, 1],
    ["long_half_life", 24, 100, 1],
  ]);
});

// --- hypnogram: ten 30-s epochs worked by hand ----------------------------------------------

// time in bed 5 min; sleep N1, N2, N2, N3, R, R = 3 min; latency 2 epochs = 1 min; REM latency
// from onset (epoch 2) to epoch 7 = 2.5 min; WASO epochs 5 and 9 = 1 min; efficiency 60%
const TEN = ["W", "W", "N1", "N2", "N2", "W", "N3", "R", "R", "W"];

test("epochs from (stage, minutes) segments", () => {
  assert.deepEqual(hyp.epochs([["W", 1], ["N2", 1.5]]), ["W", "W", "N2", "N2", "N2"]);
  assert.deepEqual(hyp.epochs([["W", 0.74], ["N1", 0.76]]), ["W", "N1", "N1"]); // rounded
});

test("sleep statistics of a hand-made night", () => {
  const st = hyp.sleepStats(TEN);
  assert.deepEqual({ ...st, percent: undefined }, {
    time_in_bed: 5, total_sleep: 3, sleep_latency: 1, rem_latency: 2.5, waso: 1, efficiency: 60, percent: undefined,
  });
  near(st.percent.N1, 100 / 6);
  near(st.percent.N2, 200 / 6);
  near(st.percent.N3, 100 / 6);
  near(st.percent.R, 200 / 6);
});

test("a night without sleep, and one without REM", () => {
  assert.deepEqual(hyp.sleepStats(["W", "W", "W", "W"]), {
    time_in_bed: 2, total_sleep: 0, sleep_latency: null, rem_latency: null, waso: 0, efficiency: 0,
    percent: { N1: 0, N2: 0, N3: 0, R: 0 },
  });
  const st = hyp.sleepStats(["N2", "W", "N3"]); // asleep at once
  assert.equal(st.sleep_latency, 0);
  assert.equal(st.rem_latency, null);
  assert.equal(st.waso, 0.5);
  near(st.efficiency, 100 * 2 / 3);
  assert.deepEqual(st.percent, { N1: 0, N2: 50, N3: 50, R: 0 });
});

test("the stage at a time, clamped to the night", () => {
  const at = [0, 0.49, 0.5, 3.4, 4.99, 99, -3].map((m) => hyp.stageAt(TEN, m));
  assert.deepEqual(at, ["W", "W", "W", "N3", "W", "W", "W"]);
  assert.equal(hyp.stageAt(["N1", "N2"], 0.5), "N2");
});

test("runs of equal stages", () => {
  assert.deepEqual(hyp.runs(TEN), [["W", 0, 2], ["N1", 2, 1], ["N2", 3, 2], ["W", 5, 1], ["N3", 6, 1], ["R", 7, 2], ["W", 9, 1]]);
  assert.deepEqual(hyp.runs([]), []);
});

test("clock times", () => {
  assert.equal(hyp.clock(75), "1 h 15 min");
  assert.equal(hyp.clock(5), "0 h 05 min");
  assert.equal(hyp.clock(480), "8 h 00 min");
});

test("the hypnogram describes itself in words", () => {
  assert.equal(
    hyp.describe("Test night", hyp.sleepStats(TEN), 3.4, hyp.stageAt(TEN, 3.4)),
    "Test night. Time in bed 0 h 05 min; total sleep time 0 h 03 min; sleep latency 1 min; " +
      "REM latency 3 min; wake after sleep onset 1 min; sleep efficiency 60%. " +
      "Share of sleep: N1 17%, N2 33%, N3 17%, REM 33%. At 0 h 03 min after lights out the stage is N3.",
  );
  const awake = hyp.describe("Awake", hyp.sleepStats(["W", "W"]), 0, "W");
  assert.equal(
    awake,
    "Awake. Time in bed 0 h 01 min; total sleep time 0 h 00 min; sleep latency 0 min; REM latency no REM; " +
      "wake after sleep onset 0 min; sleep efficiency 0%. Share of sleep: N1 0%, N2 0%, N3 0%, REM 0%. " +
      "At 0 h 00 min after lights out the stage is wake.",
  );
  assert.match(hyp.describe("R", hyp.sleepStats(["R"]), 0, "R"), /the stage is REM\.$/);
});

// --- concentration-response: Hill equation, EC50 10 µM, n 1.5, maximal shift 3-fold -----------

test("the Hill equation", () => {
  near(resp.hill(10, 10, 1.5), 0.5);
  near(resp.hill(20, 10, 2), 0.8); // 400 / (400 + 100)
  assert.equal(resp.hill(0, 10, 1.5, 2, 0.1), 0.1);
  assert.equal(resp.hill(-1, 10, 1.5, 2, 0.1), 0.1);
  near(resp.hill(10, 10, 1, 1.5, 0.5), 1.0);
  near(resp.response(10, { ec50: 10, n: 1, top: 1.5, bottom: 0.5 }), 1.0);
});

test("benzodiazepine site occupancy", () => {
  near(resp.bzdOccupancy(3), 3 / 4);
  near(resp.bzdOccupancy(3, 10), 3 / 14);
});

test("curve parameters of each condition", () => {
  const p = (c, o) => { const x = resp.curveParams(c, o); return [x.ec50, x.n, x.top, x.bottom]; };
  const close = (got, want) => got.forEach((g, i) => near(g, want[i]));
  close(p("gaba"), [10, 1.5, 1, 0]);
  close(p("bzd"), [4, 1.5, 1, 0]); // occupancy 3/4, shift 1 + 2·3/4 = 2.5
  close(p("bzd", { bzd: 1 }), [5, 1.5, 1, 0]);
  close(p("flumazenil"), [7, 1.5, 1, 0]); // occupancy 3/14, shift 10/7
  close(p("flumazenil", { flumazenil: 0 }), [4, 1.5, 1, 0]);
  close(p("barbiturate"), [6, 1.5, 1 + (0.8 * 2) / 3, (0.5 * 4) / 29]); // f = 2/3
  close(p("barbiturate", { barbiturate: 5 }), [10 / (1 + 5 / 6), 1.5, 1 + (0.8 * 5) / 6, 0.25]);
  close(p("gaba", { ec50: 2, n: 1 }), [2, 1, 1, 0]);
  close(p("bzd", { maxShift: 5 }), [2.5, 1.5, 1, 0]); // shift 1 + 4·3/4 = 4
  assert.throws(() => resp.curveParams("alcohol"), /unknown condition alcohol/);
});

test("the response figure describes the curves shown", () => {
  const params = { bzd: 3, flumazenil: 10, barbiturate: 2, ec50: 10, n: 1.5, maxShift: 3 };
  assert.equal(
    resp.describe(params, ["barbiturate", "gaba", "flumazenil", "bzd"]),
    "Hill-equation model with illustrative parameters; responses as % of the maximum with GABA alone. " +
      "GABA alone: EC50 10 µM, maximum 100%; + benzodiazepine: EC50 4.0 µM, maximum 100%; " +
      "+ benzodiazepine + flumazenil: EC50 7.0 µM, maximum 100%; + barbiturate: EC50 6.0 µM, maximum 153%, 7% without GABA.",
  );
  assert.equal(
    resp.describe({ ...params, ec50: 0.5 }, ["gaba"]),
    "Hill-equation model with illustrative parameters; responses as % of the maximum with GABA alone. " +
      "GABA alone: EC50 0.50 µM, maximum 100%.",
  );
  // a direct effect under half a percent is not mentioned: 0.5 · 0.25 / 25.25 = 0.00495
  assert.doesNotMatch(resp.describe({ ...params, barbiturate: 0.5 }, ["barbiturate"]), /without GABA/);
  assert.match(resp.describe({}, []), /alone\. No curve selected\.$/);
});

// --- edges (found by mutation testing: benchmarks/stryker.sh) ---------------------------------

test("edges of the dose figure's numbers", () => {
  assert.deepEqual(dose.niceScale(40 / 7), [6, 1]); // 40/7 × 1.05 = 6: six ticks of 1 are allowed
  assert.equal(dose.fmt(100), "100");
  // 5 × 9.6 h = 48 h: from two days up the span is also given in days
  assert.match(dose.describe([1, 9.6, 24], 24, 10), /Intermediate half-life 9\.6 h: .* 38–48 h \(1\.6–2\.0 days\); /);
});

test("edges of the hypnogram's numbers and names", () => {
  assert.equal(hyp.sleepStats(["R", "N2"]).rem_latency, 0); // REM at once: latency 0, not "no REM"
  assert.deepEqual(hyp.ROWS, ["W", "R", "N1", "N2", "N3"]); // top to bottom, as hypnograms are drawn
  const stageName = (s) => hyp.describe("x", hyp.sleepStats([s]), 0, s).split("the stage is ")[1];
  assert.deepEqual(["W", "N1", "N2", "N3", "R"].map(stageName), ["wake.", "N1.", "N2.", "N3.", "REM."]);
});

test("an EC50 of exactly 1 µM has one decimal", () => {
  assert.match(resp.describe({ ec50: 1, n: 1.5 }, ["gaba"]), /GABA alone: EC50 1\.0 µM, maximum 100%\.$/);
});

test("what the figures' controls show: example drugs, and each curve's name and line style", () => {
  // the sliders' labels name an example drug and its half-lives (from the book's sources); each
  // curve's class gives it the dash pattern its checkbox swatch shows
  assert.deepEqual(dose.DRUGS.map((d) => [d.name, d.abbr, d.example]), [
    ["Short", undefined, "triazolam, about 1.5–5.5 h"],
    ["Intermediate", "Interm.", "temazepam, about 8–22 h"],
    ["Long", undefined, "clonazepam, typically 30–40 h"],
  ]);
  assert.deepEqual(resp.CONDITIONS.map((c) => [c.key, c.cls]), [
    ["gaba", "bzf-s1"],
    ["bzd", "bzf-s2"],
    ["flumazenil", "bzf-s4"],
    ["barbiturate", "bzf-s3"],
  ]);
});

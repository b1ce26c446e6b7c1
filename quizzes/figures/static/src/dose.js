// Dose accumulation: repeated doses in a one-compartment model with instant absorption and
// first-order elimination. Concentrations are relative (the first dose's peak is 1).
// The pure functions are exported for the tests; nothing touches `document` at import time.

import { h, mount, nextId, slider, swatch } from "./mount.js";

export const MORNING_HOURS = 10;
export const DRUGS = [
  { key: "short_half_life", name: "Short", example: "triazolam, about 1.5–5.5 h", min: 1, max: 6, step: 0.5 },
  { key: "intermediate_half_life", name: "Intermediate", abbr: "Interm.", example: "temazepam, about 8–22 h", min: 6, max: 24, step: 1 },
  { key: "long_half_life", name: "Long", example: "clonazepam, typically 30–40 h", min: 24, max: 100, step: 1 },
];

export const eliminationRate = (halfLife) => Math.LN2 / halfLife;

export function accumulationRatio(halfLife, interval) {
  return 1 / (1 - Math.exp(-eliminationRate(halfLife) * interval));
}

export function concentration(t, halfLife, interval) {
  if (t < 0) return 0;
  const k = eliminationRate(halfLife);
  const n = Math.floor(t / interval + 1e-9) + 1;
  const last = (n - 1) * interval;
  return (Math.exp(-k * (t - last)) * (1 - Math.exp(-k * interval * n))) / (1 - Math.exp(-k * interval));
}

export const fractionOfSteadyState = (t, halfLife) => 1 - 2 ** (-t / halfLife);
export const steadyStateWindow = (halfLife) => [4 * halfLife, 5 * halfLife];

export function morningLevels(halfLife, interval, after = MORNING_HOURS) {
  const k = eliminationRate(halfLife);
  const first = concentration(after, halfLife, interval);
  const steady = Math.exp(-k * (after % interval)) / (1 - Math.exp(-k * interval));
  return [first, steady];
}

/** Points of the sawtooth over [0, hours]: both sides of every jump, and samples between. */
export function curvePoints(halfLife, interval, hours, step = 1) {
  const pts = [];
  for (let d = 0; d * interval < hours; d++) {
    const t0 = d * interval;
    if (d === 0) pts.push([0, 0]); // later jumps start from the previous interval's last point
    const t1 = Math.min(hours, t0 + interval);
    const n = Math.max(2, Math.ceil((t1 - t0) / step));
    for (let i = 0; i <= n; i++) {
      const t = t0 + ((t1 - t0) * i) / n;
      pts.push([t, concentration(i === n && t1 < hours ? t - 1e-7 : t, halfLife, interval)]);
    }
  }
  return pts;
}

/** An axis top and tick step for values up to v: at most 6 ticks of 1, 2, 2.5 or 5 × 10^k. */
export function niceScale(v) {
  const target = v * 1.05;
  const p = 10 ** Math.floor(Math.log10(target / 6));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => target / s <= 6);
  return [Math.ceil(target / step) * step, step];
}

export const fmt = (x, d = 2) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(d));
const fmtSpan = (a, b) => `${fmt(a, 0)}–${fmt(b, 0)} h` + (b >= 48 ? ` (${fmt(a / 24, 1)}–${fmt(b / 24, 1)} days)` : "");

export function describe(halfLives, interval, days) {
  const parts = DRUGS.map((d, i) => {
    const t = halfLives[i];
    const [a, b] = steadyStateWindow(t);
    const [m1, mss] = morningLevels(t, interval);
    return `${d.name} half-life ${fmt(t, t % 1 ? 1 : 0)} h: accumulation ratio R = ${fmt(accumulationRatio(t, interval))}; ` +
      `about 94–97% of steady state after 4–5 half-lives, ${fmtSpan(a, b)}; ` +
      `${MORNING_HOURS} h after the first dose ${fmt(m1)}, ${MORNING_HOURS} h after a dose at steady state ${fmt(mss)}.`;
  });
  return `Relative concentration (first dose's peak = 1) over ${days} days with a dose every ${interval} h. ` + parts.join(" ");
}

// --- DOM ---------------------------------------------------------------------------------------

function render({ model, el }) {
  const days = model.get("days") || 10;
  const hours = days * 24;
  const root = h("figure", { class: "bzf", "data-figure": "dose-accumulation" });
  const svg = h("svg:svg", { class: "bzf-svg", role: "img" });
  const desc = h("p", { class: "bzf-description", "data-figure-description": "", id: nextId() });
  svg.setAttribute("aria-labelledby", desc.id);
  const controls = h("div", { class: "bzf-controls" });
  const sliders = DRUGS.map((d, i) => {
    const s = slider(`${d.name} half-life (example: ${d.example})`,
      { min: d.min, max: d.max, step: d.step, value: model.get(d.key) }, (v) => `${v} h`, swatch(`bzf-s${i + 1}`));
    s.input.addEventListener("input", () => { model.set(d.key, Number(s.input.value)); model.save_changes(); });
    return s;
  });
  const tau = slider("Dosing interval", { min: 6, max: 48, step: 1, value: model.get("interval") }, (v) => `every ${v} h`);
  tau.input.addEventListener("input", () => { model.set("interval", Number(tau.input.value)); model.save_changes(); });
  controls.append(tau.row, ...sliders.map((s) => s.row));
  root.append(
    h("p", { class: "bzf-title" }, "Repeated doses: build-up toward steady state"),
    svg, controls, desc,
    h("figcaption", { class: "bzf-note" },
      "Model: one compartment, instant absorption, first-order elimination (k = ln2/t½); " +
      "relative concentrations, not doses. Half-lives are example values from the sources. " +
      `Dots: ${MORNING_HOURS} h after the first and the last dose. Thin lines: steady-state peak.`),
  );

  function draw(width) {
    const halfLives = DRUGS.map((d) => Number(model.get(d.key)));
    const interval = Number(model.get("interval"));
    const W = Math.max(300, Math.min(900, width));
    const H = Math.round(Math.min(380, W < 480 ? W * 0.8 : W * 0.55));
    const m = { l: 40, r: W < 480 ? 96 : 140, t: 10, b: 38 };
    const pw = W - m.l - m.r, ph = H - m.t - m.b;
    const [ymax, ystep] = niceScale(Math.max(...halfLives.map((t) => accumulationRatio(t, interval))));
    const X = (t) => m.l + (t / hours) * pw;
    const Y = (c) => m.t + ph - (c / ymax) * ph;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const g = [];
    for (let i = 0; i * ystep <= ymax + 1e-9; i++) {
      const v = i * ystep;
      g.push(h("svg:line", { class: "bzf-grid", x1: m.l, x2: m.l + pw, y1: Y(v), y2: Y(v) }),
        h("svg:text", { x: m.l - 5, y: Y(v) + 4, "text-anchor": "end" }, String(+v.toFixed(2))));
    }
    const dayStep = W < 480 ? 2 : 1;
    for (let d = 0; d <= days; d += dayStep) {
      g.push(h("svg:text", { x: X(d * 24), y: m.t + ph + 15, "text-anchor": "middle" }, String(d)));
    }
    g.push(h("svg:path", { class: "bzf-axis", d: `M${m.l},${m.t}V${m.t + ph}H${m.l + pw}` }),
      h("svg:text", { x: m.l + pw / 2, y: H - 4, "text-anchor": "middle" }, "Days since the first dose"),
      h("svg:text", { x: m.l + 4, y: m.t + 10 }, "Relative concentration"));
    const labels = [];
    halfLives.forEach((t, i) => {
      const cls = `bzf-s${i + 1}`;
      const R = accumulationRatio(t, interval);
      g.push(h("svg:line", { class: `bzf-ref ${cls}`, x1: m.l, x2: m.l + pw, y1: Y(R), y2: Y(R) }));
      const d = curvePoints(t, interval, hours, hours / 400)
        .map(([x, y], j) => `${j ? "L" : "M"}${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join("");
      g.push(h("svg:path", { class: `bzf-line ${cls}`, d, "data-series": DRUGS[i].key }));
      const lastDose = Math.floor((hours - 1e-9) / interval) * interval;
      for (const tm of [MORNING_HOURS, lastDose + MORNING_HOURS - (lastDose + MORNING_HOURS > hours ? interval : 0)]) {
        if (tm >= 0 && tm <= hours) g.push(h("svg:circle", { class: `bzf-dot ${cls}`, cx: X(tm), cy: Y(concentration(tm, t, interval)), r: 3.5 }));
      }
      labels.push({ y: Y(R), text: `${(W < 480 && DRUGS[i].abbr) || DRUGS[i].name} ${fmt(t, t % 1 ? 1 : 0)} h`, cls });
    });
    labels.sort((a, b) => a.y - b.y);
    for (let i = 1; i < labels.length; i++) labels[i].y = Math.max(labels[i].y, labels[i - 1].y + 14);
    // direct labels: a sample of the line's dash pattern, then the name in the text colour
    for (const l of labels) {
      g.push(h("svg:line", { class: `bzf-line ${l.cls}`, x1: m.l + pw + 3, x2: m.l + pw + 17, y1: l.y, y2: l.y }),
        h("svg:text", { class: "bzf-label", x: m.l + pw + 20, y: l.y + 4 }, l.text));
    }
    svg.replaceChildren(...g);
    desc.textContent = describe(halfLives, interval, days);
  }

  const update = (width) => {
    sliders.forEach((s, i) => { s.input.value = model.get(DRUGS[i].key); s.show(); });
    tau.input.value = model.get("interval");
    tau.show();
    draw(width);
  };
  return mount({ model, el, root, svg, events: ["interval", ...DRUGS.map((d) => d.key)], draw: update });
}

export default { render };

// GABA concentration-response: a Hill-equation model with illustrative parameters, alone and
// with a benzodiazepine (left shift, same maximum), flumazenil (competes the benzodiazepine off
// its site) and a barbiturate (larger maximum, direct opening without GABA at high levels).
// The pure functions are exported for the tests; nothing touches `document` at import time.

import { h, mount, nextId, swatch } from "./mount.js";

export const BARB_MAX_GAIN = 0.8;
export const BARB_DIRECT_MAX = 0.5;
export const BARB_DIRECT_K = 5;
export const CONDITIONS = [
  { key: "gaba", name: "GABA alone", cls: "bzf-s1" },
  { key: "bzd", name: "+ benzodiazepine", cls: "bzf-s2" },
  { key: "flumazenil", name: "+ benzodiazepine + flumazenil", cls: "bzf-s4" },
  { key: "barbiturate", name: "+ barbiturate", cls: "bzf-s3" },
];

export function hill(x, ec50, n, top = 1, bottom = 0) {
  if (x <= 0) return bottom;
  return bottom + ((top - bottom) * x ** n) / (x ** n + ec50 ** n);
}

export const bzdOccupancy = (bzd, flumazenil = 0) => bzd / (1 + bzd + flumazenil);

export function curveParams(condition, { bzd = 3, flumazenil = 10, barbiturate = 2, ec50 = 10, n = 1.5, maxShift = 3 } = {}) {
  if (condition === "gaba") return { ec50, n, top: 1, bottom: 0 };
  if (condition === "bzd" || condition === "flumazenil") {
    const occ = bzdOccupancy(bzd, condition === "flumazenil" ? flumazenil : 0);
    return { ec50: ec50 / (1 + (maxShift - 1) * occ), n, top: 1, bottom: 0 };
  }
  if (condition === "barbiturate") {
    const f = barbiturate / (1 + barbiturate);
    const direct = (BARB_DIRECT_MAX * barbiturate ** 2) / (barbiturate ** 2 + BARB_DIRECT_K ** 2);
    return { ec50: ec50 / (1 + f), n, top: 1 + BARB_MAX_GAIN * f, bottom: direct };
  }
  throw new Error(`unknown condition ${condition}`);
}

export const response = (gaba, p) => hill(gaba, p.ec50, p.n, p.top, p.bottom);

const num = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));
const pct = (x) => `${Math.round(100 * x)}%`;

export function describe(params, shown) {
  const parts = CONDITIONS.filter((c) => shown.includes(c.key)).map((c) => {
    const p = curveParams(c.key, params);
    let s = `${c.name}: EC50 ${num(p.ec50)} µM, maximum ${pct(p.top)}`;
    if (p.bottom > 0.005) s += `, ${pct(p.bottom)} without GABA`;
    return s;
  });
  return "Hill-equation model with illustrative parameters; responses as % of the maximum with GABA alone. " +
    (parts.length ? `${parts.join("; ")}.` : "No curve selected.");
}

// --- DOM ---------------------------------------------------------------------------------------

const SLIDERS = [
  { key: "bzd", label: "Benzodiazepine concentration (× its Kd)", min: 0, max: 30, step: 0.5, fmt: (v) => `${v} × Kd` },
  { key: "flumazenil", label: "Flumazenil concentration (× its Ki)", min: 0, max: 100, step: 1, fmt: (v) => `${v} × Ki` },
  { key: "barbiturate", label: "Barbiturate level (relative units)", min: 0, max: 10, step: 0.5, fmt: (v) => String(v) },
];

function render({ model, el }) {
  const root = h("figure", { class: "bzf", "data-figure": "concentration-response" });
  const svg = h("svg:svg", { class: "bzf-svg", role: "img" });
  const desc = h("p", { class: "bzf-description", "data-figure-description": "", id: nextId() });
  svg.setAttribute("aria-labelledby", desc.id);
  const checks = h("fieldset", { class: "bzf-checks" }, h("legend", {}, "Curves shown"));
  const boxes = CONDITIONS.map((c) => {
    const box = h("input", { type: "checkbox", value: c.key });
    box.addEventListener("change", () => {
      model.set("shown", boxes.filter((b) => b.checked).map((b) => b.value));
      model.save_changes();
    });
    checks.append(h("label", {}, box, swatch(c.cls), c.name));
    return box;
  });
  const ranges = SLIDERS.map((s) => {
    const id = nextId();
    const input = h("input", { type: "range", id, min: s.min, max: s.max, step: s.step, value: model.get(s.key) });
    const out = h("output", { for: id });
    input.addEventListener("input", () => { model.set(s.key, Number(input.value)); model.save_changes(); });
    return { s, input, out, row: h("div", { class: "bzf-control" }, h("label", { for: id }, s.label), out, input) };
  });
  root.append(
    h("p", { class: "bzf-title" }, "GABA concentration–response curves"),
    svg,
    h("div", { class: "bzf-controls" }, checks, ...ranges.map((r) => r.row)),
    desc,
    h("figcaption", { class: "bzf-note" },
      "Model: Hill-equation model with illustrative parameters, not measured data. Flumazenil competes with the " +
      "benzodiazepine for its site; the barbiturate raises the maximum and, at high levels, opens the channel without GABA. Dots mark each EC50."),
  );

  function draw(width) {
    const params = {
      bzd: Number(model.get("bzd")), flumazenil: Number(model.get("flumazenil")), barbiturate: Number(model.get("barbiturate")),
      ec50: Number(model.get("ec50")), n: Number(model.get("hill")), maxShift: Number(model.get("max_shift")),
    };
    const shown = model.get("shown") ?? [];
    boxes.forEach((b) => (b.checked = shown.includes(b.value)));
    for (const r of ranges) { r.input.value = String(model.get(r.s.key)); r.out.textContent = r.s.fmt(Number(r.input.value)); }

    const W = Math.max(300, Math.min(900, width));
    const H = Math.round(Math.min(380, W < 480 ? W * 0.8 : W * 0.55));
    const m = { l: 44, r: 12, t: 10, b: 38 };
    const pw = W - m.l - m.r, ph = H - m.t - m.b;
    const [lo, hi, ymax] = [-1, 3, 2];
    const X = (lg) => m.l + ((lg - lo) / (hi - lo)) * pw;
    const Y = (v) => m.t + ph - (v / ymax) * ph;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const g = [];
    for (let v = 0; v <= ymax + 1e-9; v += 0.5) {
      g.push(h("svg:line", { class: "bzf-grid", x1: m.l, x2: m.l + pw, y1: Y(v), y2: Y(v) }),
        h("svg:text", { x: m.l - 5, y: Y(v) + 4, "text-anchor": "end" }, pct(v)));
    }
    for (let lg = lo; lg <= hi; lg++) g.push(h("svg:text", { x: X(lg), y: m.t + ph + 15, "text-anchor": "middle" }, String(10 ** lg)));
    g.push(h("svg:path", { class: "bzf-axis", d: `M${m.l},${m.t}V${m.t + ph}H${m.l + pw}` }),
      h("svg:text", { x: m.l + pw / 2, y: H - 4, "text-anchor": "middle" }, "GABA concentration (µM, log scale)"),
      h("svg:text", { x: m.l + 4, y: m.t + 10 }, "Response (% of GABA's maximum)"));
    let row = 1;
    for (const c of CONDITIONS) {
      if (!shown.includes(c.key)) continue;
      const p = curveParams(c.key, params);
      let d = "";
      for (let i = 0; i <= 160; i++) {
        const lg = lo + ((hi - lo) * i) / 160;
        d += `${i ? "L" : "M"}${X(lg).toFixed(1)},${Y(response(10 ** lg, p)).toFixed(1)}`;
      }
      g.push(h("svg:path", { class: `bzf-line ${c.cls}`, d, "data-series": c.key }),
        h("svg:circle", { class: `bzf-dot ${c.cls}`, cx: X(Math.log10(p.ec50)), cy: Y(response(p.ec50, p)), r: 3.5 }));
      // on wide screens a key in the empty upper left of the plot (the checkboxes below carry the
      // same dash swatches on phones): dash pattern and name, not colour alone
      if (W < 520) continue;
      const ly = m.t + 12 + row++ * 16;
      g.push(h("svg:line", { class: `bzf-line ${c.cls}`, x1: m.l + 8, x2: m.l + 36, y1: ly - 4, y2: ly - 4 }),
        h("svg:text", { x: m.l + 42, y: ly }, c.name));
    }
    svg.replaceChildren(...g);
    desc.textContent = describe(params, shown);
  }

  const events = ["shown", "bzd", "flumazenil", "barbiturate", "ec50", "hill", "max_shift"];
  return mount({ model, el, root, svg, events, draw });
}

export default { render };

// Hypnogram: a model night of 30-s epochs and the summary numbers computed from the epochs
// shown. The nights (stage, minutes segments) come from the model; the pure functions are
// exported for the tests and nothing touches `document` at import time.

import { h, mount, nextId } from "./mount.js";

export const EPOCH_MIN = 0.5;
export const SLEEP = ["N1", "N2", "N3", "R"];
export const ROWS = ["W", "R", "N1", "N2", "N3"]; // top to bottom, as hypnograms are drawn
const NAMES = { W: "wake", N1: "N1", N2: "N2", N3: "N3", R: "REM" };

export function epochs(segments) {
  const out = [];
  for (const [stage, minutes] of segments) for (let i = 0; i < Math.round(minutes / EPOCH_MIN); i++) out.push(stage);
  return out;
}

export function sleepStats(hyp) {
  const tib = hyp.length * EPOCH_MIN;
  const onset = hyp.findIndex((s) => SLEEP.includes(s));
  const count = (s, from = 0) => hyp.slice(from).filter((x) => x === s).length;
  const tst = hyp.filter((s) => SLEEP.includes(s)).length * EPOCH_MIN;
  if (onset < 0) {
    return { time_in_bed: tib, total_sleep: 0, sleep_latency: null, rem_latency: null, waso: 0,
      efficiency: 0, percent: Object.fromEntries(SLEEP.map((s) => [s, 0])) };
  }
  const firstR = hyp.indexOf("R");
  return {
    time_in_bed: tib,
    total_sleep: tst,
    sleep_latency: onset * EPOCH_MIN,
    rem_latency: firstR < 0 ? null : (firstR - onset) * EPOCH_MIN,
    waso: count("W", onset) * EPOCH_MIN,
    efficiency: tib ? (100 * tst) / tib : 0,
    percent: Object.fromEntries(SLEEP.map((s) => [s, (100 * count(s) * EPOCH_MIN) / tst])),
  };
}

export function stageAt(hyp, minute) {
  return hyp[Math.min(Math.max(Math.floor(minute / EPOCH_MIN), 0), hyp.length - 1)];
}

/** Runs of equal stages: [stage, first epoch, number of epochs]. */
export function runs(hyp) {
  const out = [];
  hyp.forEach((s, i) => (out.length && out[out.length - 1][0] === s ? out[out.length - 1][2]++ : out.push([s, i, 1])));
  return out;
}

export const clock = (min) => `${Math.floor(min / 60)} h ${String(Math.round(min % 60)).padStart(2, "0")} min`;
const r0 = (x) => Math.round(x);

export function describe(label, st, cursor, stage) {
  const p = st.percent;
  return `${label}. Time in bed ${clock(st.time_in_bed)}; total sleep time ${clock(st.total_sleep)}; ` +
    `sleep latency ${r0(st.sleep_latency ?? 0)} min; REM latency ${st.rem_latency === null ? "no REM" : `${r0(st.rem_latency)} min`}; ` +
    `wake after sleep onset ${r0(st.waso)} min; sleep efficiency ${r0(st.efficiency)}%. ` +
    `Share of sleep: N1 ${r0(p.N1)}%, N2 ${r0(p.N2)}%, N3 ${r0(p.N3)}%, REM ${r0(p.R)}%. ` +
    `At ${clock(cursor)} after lights out the stage is ${NAMES[stage]}.`;
}

// --- DOM ---------------------------------------------------------------------------------------

function render({ model, el }) {
  const nights = model.get("nights");
  const root = h("figure", { class: "bzf", "data-figure": "hypnogram" });
  const svg = h("svg:svg", { class: "bzf-svg", role: "img" });
  const desc = h("p", { class: "bzf-description", "data-figure-description": "", id: nextId() });
  svg.setAttribute("aria-labelledby", desc.id);

  const selId = nextId();
  const select = h("select", { id: selId },
    ...(model.get("night_order") ?? Object.keys(nights)).filter((key) => key in nights)
      .map((key) => { const o = h("option", { value: key }); o.textContent = nights[key].label; return o; }));
  select.value = model.get("night");
  const curId = nextId();
  const range = h("input", { type: "range", id: curId, min: 0, step: 5, value: model.get("cursor") });
  const out = h("output", { for: curId });
  root.append(
    h("p", { class: "bzf-title" }, "A night of sleep, stage by stage"),
    svg,
    h("div", { class: "bzf-controls" },
      h("div", { class: "bzf-control" }, h("label", { for: selId }, "Night"), h("span"), select),
      h("div", { class: "bzf-control" }, h("label", { for: curId }, "Time after lights out"), out, range)),
    desc,
    h("figcaption", { class: "bzf-note" },
      "Model: schematic nights of 30-second epochs built from published typical cycle lengths and stage shares, " +
      "not recordings; the numbers are computed from the epochs shown. REM is also drawn as a thick bar."),
  );
  select.addEventListener("change", () => { model.set("night", select.value); model.save_changes(); });
  range.addEventListener("input", () => { model.set("cursor", Number(range.value)); model.save_changes(); });

  function draw(width) {
    const night = nights[model.get("night")] ?? nights[(model.get("night_order") ?? Object.keys(nights))[0]];
    const hyp = epochs(night.segments);
    const tib = hyp.length * EPOCH_MIN;
    range.max = String(tib);
    const cursor = Math.min(Number(model.get("cursor")), tib - EPOCH_MIN);
    select.value = model.get("night");
    range.value = String(model.get("cursor"));
    const stage = stageAt(hyp, cursor);
    out.textContent = `${clock(cursor)}: ${NAMES[stage]}`;

    const W = Math.max(300, Math.min(900, width));
    const H = Math.round(Math.min(320, W < 480 ? W * 0.7 : W * 0.45));
    const m = { l: 44, r: 10, t: 22, b: 36 };
    const pw = W - m.l - m.r, ph = H - m.t - m.b;
    const X = (min) => m.l + (min / tib) * pw;
    const Y = (s) => m.t + (ROWS.indexOf(s) + 0.5) * (ph / ROWS.length);
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const g = [];
    for (const s of ROWS) {
      g.push(h("svg:line", { class: "bzf-grid", x1: m.l, x2: m.l + pw, y1: Y(s), y2: Y(s) }),
        h("svg:text", { x: m.l - 6, y: Y(s) + 4, "text-anchor": "end" }, s === "W" ? "Wake" : s === "R" ? "REM" : s));
    }
    for (let hr = 0; hr * 60 <= tib; hr++) g.push(h("svg:text", { x: X(hr * 60), y: m.t + ph + 15, "text-anchor": "middle" }, String(hr)));
    g.push(h("svg:path", { class: "bzf-axis", d: `M${m.l},${m.t}V${m.t + ph}H${m.l + pw}` }),
      h("svg:text", { x: m.l + pw / 2, y: H - 4, "text-anchor": "middle" }, "Hours after lights out"));
    const rs = runs(hyp);
    let d = "";
    rs.forEach(([s, i, n], j) => {
      const x0 = X(i * EPOCH_MIN).toFixed(1), x1 = X((i + n) * EPOCH_MIN).toFixed(1), y = Y(s).toFixed(1);
      d += `${j ? "V" : `M${x0},`}${y}H${x1}`;
    });
    g.push(h("svg:path", { class: "bzf-line bzf-s1", d, "data-series": "hypnogram", style: "stroke-width: 1.5" }));
    for (const [s, i, n] of rs) {
      if (s === "R") g.push(h("svg:rect", { class: "bzf-rem", x: X(i * EPOCH_MIN), y: Y("R") - 4, width: Math.max(1, X(n * EPOCH_MIN) - m.l), height: 8 }));
    }
    const cx = X(cursor + EPOCH_MIN / 2);
    g.push(h("svg:path", { class: "bzf-cursor", d: `M${cx.toFixed(1)},${m.t - 4}V${m.t + ph}` }),
      h("svg:circle", { class: "bzf-dot bzf-s3", cx, cy: Y(stage), r: 4.5 }),
      h("svg:text", { class: "bzf-label", x: Math.min(Math.max(cx, m.l + 30), m.l + pw - 30), y: m.t - 8, "text-anchor": "middle" }, NAMES[stage]));
    svg.replaceChildren(...g);
    desc.textContent = describe(night.label, sleepStats(hyp), cursor, stage);
  }

  return mount({ model, el, root, svg, events: ["night", "cursor"], draw });
}

export default { render };

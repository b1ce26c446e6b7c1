// What every interactive figure shares: element helpers, labelled range controls, and mounting
// (redraw on every model change and on resize, clean up on unmount). Bundled into each figure's
// module at build time, so a fix lands once.

const SVGNS = "http://www.w3.org/2000/svg";

/** An element; "svg:" names make SVG elements. */
export function h(tag, attrs = {}, ...kids) {
  const el = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
}

// ids unique across all figures of a page (each figure's module is loaded on its own)
export const nextId = () => `bzf-${(globalThis.__bzfUid = (globalThis.__bzfUid || 0) + 1)}`;

/** A short line in a series' style, beside its name (dash pattern, not colour alone). */
export const swatch = (cls) =>
  h("svg:svg", { class: "bzf-swatch", viewBox: "0 0 32 12", "aria-hidden": "true" },
    h("svg:line", { x1: 0, y1: 6, x2: 32, y2: 6, class: cls }));

/** A labelled range control with its value shown beside it. */
export function slider(label, { min, max, step, value }, format, mark = null) {
  const id = nextId();
  const input = h("input", { type: "range", id, min, max, step, value });
  const out = h("output", { for: id });
  const row = h("div", { class: "bzf-control" }, h("label", { for: id }, ...(mark ? [mark, " "] : []), label), out, input);
  const show = () => (out.textContent = format(Number(input.value)));
  show();
  input.addEventListener("input", show);
  return { row, input, out, show };
}

/**
 * Put `root` into `el`, draw it at the width `svg` gets, and draw again on each model event in
 * `events` and when the width changes. Returns the cleanup anywidget calls on unmount.
 */
export function mount({ model, el, root, svg, events, draw }) {
  let width = 640;
  const redraw = () => draw(width);
  const names = events.map((k) => `change:${k}`);
  names.forEach((e) => model.on(e, redraw));
  const ro = typeof ResizeObserver === "function"
    ? new ResizeObserver(() => {
      const w = Math.round(svg.getBoundingClientRect().width);
      if (w && Math.abs(w - width) > 4) {
        width = w;
        redraw();
      }
    })
    : null;
  ro?.observe(root);
  el.replaceChildren(root);
  width = Math.round(svg.getBoundingClientRect().width) || width;
  redraw();
  return () => {
    names.forEach((e) => model.off(e, redraw));
    ro?.disconnect();
    root.remove();
  };
}

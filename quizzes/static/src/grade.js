// Grading: pure functions of a question and a response (exported for Node's test runner).
// Responses: single -> option index; multiple -> sorted option indices; numeric -> the text
// typed; ordering -> item indices in the chosen order; matching -> for each left item the index
// of the chosen right item.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A stable permutation of 0..n-1 for this quiz seed and question id. */
export function shuffledOrder(n, seed, qid) {
  const rand = mulberry32((seed ^ hashString(qid)) >>> 0);
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export function parseNumber(text) {
  const cleaned = String(text ?? "").trim().replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

/** Within the tolerance, allowing only for binary rounding (a few units in the last place of
 * the numbers involved), so 4.0 is inside 4.5 ± 0.5 and 1.0000002e-7 is outside 1e-7 ± 1e-13. */
export function withinTolerance(x, answer, tolerance) {
  const slack = 4 * Number.EPSILON * Math.max(Math.abs(x), Math.abs(answer), Math.abs(tolerance));
  return Math.abs(x - answer) <= tolerance + slack;
}

/** A number as plain positional text, with the digits JavaScript round-trips (1e-7 -> 0.0000001). */
export function numberText(x) {
  const text = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = "", exp] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp); // where the decimal point goes in `digits`
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function grade(q, response) {
  switch (q.type) {
    case "single":
      return q.options[response]?.correct === true;
    case "multiple": {
      const chosen = new Set(response);
      return q.options.every((o, i) => Boolean(o.correct) === chosen.has(i));
    }
    case "numeric": {
      const x = parseNumber(response);
      return x !== null && withinTolerance(x, q.answer, q.tolerance);
    }
    case "ordering":
      return response.length === q.items.length && response.every((v, i) => v === i);
    case "matching":
      return response.length === q.pairs.length && response.every((v, i) => v === i);
    default:
      return false;
  }
}

/** Is the response a whole answer (every part given) of the right shape? */
export function isComplete(q, response) {
  if (response === null || response === undefined) return false;
  switch (q.type) {
    case "single":
      return Number.isInteger(response) && response >= 0 && response < q.options.length;
    case "multiple":
      return Array.isArray(response) && response.length > 0 &&
        response.every((v) => Number.isInteger(v) && v >= 0 && v < q.options.length);
    case "numeric":
      return String(response).trim() !== "";
    default: {
      const n = q.type === "ordering" ? q.items.length : q.pairs.length;
      return Array.isArray(response) && response.length === n &&
        response.every((v) => Number.isInteger(v) && v >= 0 && v < n);
    }
  }
}

const unit = (q) => (q.unit ? ` ${q.unit}` : "");

/** The keyed answer in words (the printed answer key and the feedback use it). */
export function answerText(q) {
  switch (q.type) {
    case "single":
      return q.options.find((o) => o.correct).text;
    case "multiple":
      return q.options.filter((o) => o.correct).map((o) => o.text).join("; ");
    case "numeric":
      return `${numberText(q.answer)}${unit(q)} (accepted within ± ${numberText(q.tolerance)})`;
    case "ordering":
      return q.items.map((item, i) => `${i + 1}. ${item}`).join("  ");
    case "matching":
      return q.pairs.map((p) => `${p.left} → ${p.right}`).join("; ");
  }
  return "";
}

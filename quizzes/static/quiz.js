// The Quiz front end: one ES module for JupyterLab (anywidget) and the static site (our loader).
// Grading runs here, in the browser; the model is only told the answers and the score.
// Question text and feedback are rendered as text (with **bold**, *em* and `code`), never as HTML.

const STORE_KEY = "bzsleep-quiz:v1";

// --- pure helpers (exported for Node's test runner) -------------------------------------------

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

/** Grade a response; returns true or false. Responses: single -> option index, multiple ->
 * sorted option indices, numeric -> text, ordering -> item indices in the chosen order,
 * matching -> for each left item the index of the chosen right item. */
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
      return x !== null && Math.abs(x - q.answer) <= q.tolerance + 1e-9;
    }
    case "ordering":
      return response.length === q.items.length && response.every((v, i) => v === i);
    case "matching":
      return response.length === q.pairs.length && response.every((v, i) => v === i);
    default:
      return false;
  }
}

export function isComplete(q, response) {
  if (response === null || response === undefined) return false;
  switch (q.type) {
    case "single":
      return Number.isInteger(response);
    case "multiple":
      return response.length > 0;
    case "numeric":
      return String(response).trim() !== "";
    default:
      return response.length > 0 && response.every((v) => Number.isInteger(v) && v >= 0);
  }
}

// --- progress in localStorage: unavailable, full or garbage must never break the quiz ---------

export function makeStore(storage) {
  // Read what is stored now (another tab may have written since); garbage is removed.
  const load = () => {
    try {
      const raw = storage?.getItem(STORE_KEY);
      const parsed = raw ? JSON.parse(raw) : {};
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
    } catch {
      /* not JSON: fall through and reset */
    }
    try {
      storage?.removeItem(STORE_KEY);
    } catch {
      /* storage unavailable */
    }
    return {};
  };
  // in memory too, so progress lasts for the page even when storage is blocked or full
  const cache = load();
  return {
    get(key) {
      const v = cache[key];
      return v && typeof v === "object" ? v : null;
    },
    set(key, value) {
      const fresh = load();
      for (const target of [cache, fresh]) {
        if (value === null) delete target[key];
        else target[key] = value;
      }
      try {
        storage?.setItem(STORE_KEY, JSON.stringify(fresh));
      } catch {
        /* full or blocked: progress lasts for this page only */
      }
    },
  };
}

function safeStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a sandboxed frame or disabled storage throws on access
  }
}

// --- DOM ---------------------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** **bold**, *em* and `code` as elements; everything else as text nodes. */
export function inline(text) {
  const frag = document.createDocumentFragment();
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)/g;
  let last = 0;
  for (const m of String(text).matchAll(re)) {
    frag.append(document.createTextNode(text.slice(last, m.index)));
    const tok = m[0];
    const [tag, body] = tok.startsWith("**")
      ? ["strong", tok.slice(2, -2)]
      : tok.startsWith("`")
        ? ["code", tok.slice(1, -1)]
        : ["em", tok.slice(1, -1)];
    const el = document.createElement(tag);
    el.textContent = body;
    frag.append(el);
    last = m.index + tok.length;
  }
  frag.append(document.createTextNode(String(text).slice(last)));
  return frag;
}

let uid = 0;

function renderQuestion(q, index, ctx) {
  const base = `bzq-${ctx.quizId}-${q.id}`;
  const root = h("li", {
    class: "bzq-question",
    "data-quiz-question": q.id,
    "data-quiz-state": "unanswered",
    "data-quiz-type": q.type,
  });
  const legendId = `${base}-stem-${uid++}`;
  const fieldset = h("fieldset", { class: "bzq-fieldset", "aria-describedby": legendId });
  fieldset.append(h("legend", { class: "bzq-stem", id: legendId }, inline(q.stem)));
  const controls = [];

  if (q.type === "single" || q.type === "multiple") {
    const order = shuffledOrder(q.options.length, ctx.seed, q.id);
    const list = h("div", { class: "bzq-options" });
    for (const i of order) {
      const input = h("input", {
        type: q.type === "single" ? "radio" : "checkbox",
        name: base,
        value: String(i),
        class: "bzq-input",
      });
      controls.push(input);
      list.append(h("label", { class: "bzq-option" }, input, h("span", {}, inline(q.options[i].text))));
    }
    if (q.type === "multiple") fieldset.append(h("p", { class: "bzq-help" }, "Select all that apply."));
    fieldset.append(list);
  } else if (q.type === "numeric") {
    const input = h("input", {
      type: "text",
      inputmode: "decimal",
      autocomplete: "off",
      class: "bzq-number",
      id: `${base}-num`,
    });
    controls.push(input);
    fieldset.append(
      h("div", { class: "bzq-numeric" },
        h("label", { for: `${base}-num` }, "Your answer"), input,
        q.unit ? h("span", { class: "bzq-unit" }, q.unit) : null),
    );
  } else {
    // ordering: a position for each item; matching: a right-hand item for each left item
    const isOrdering = q.type === "ordering";
    const rows = isOrdering ? q.items : q.pairs.map((p) => p.left);
    const choices = isOrdering ? q.items.map((_, i) => String(i + 1)) : q.pairs.map((p) => p.right);
    const rowOrder = isOrdering ? shuffledOrder(rows.length, ctx.seed, q.id) : [...rows.keys()];
    const choiceOrder = isOrdering ? [...choices.keys()] : shuffledOrder(choices.length, ctx.seed, q.id);
    fieldset.append(h("p", { class: "bzq-help" },
      isOrdering ? "Give each item its position (1 = first)." : "Choose the match for each item."));
    const table = h("div", { class: "bzq-rows" });
    for (const r of rowOrder) {
      const id = `${base}-row-${r}`;
      const select = h("select", { id, class: "bzq-select", "data-row": String(r) },
        h("option", { value: "" }, isOrdering ? "Position…" : "Choose…"),
        ...choiceOrder.map((c) => {
          const opt = h("option", { value: String(c) });
          opt.textContent = choices[c];
          return opt;
        }));
      controls.push(select);
      table.append(h("div", { class: "bzq-row" }, h("label", { for: id }, inline(rows[r])), select));
    }
    fieldset.append(table);
  }

  const status = h("div", { class: "bzq-feedback", role: "status", "aria-live": "polite" });
  // printed only in the answer-key view (see quiz.css); never shown on screen
  const key = h("div", { class: "bzq-key", "aria-hidden": "true" },
    h("p", {}, h("strong", {}, "Answer: "), inline(answerText(q))),
    h("p", {}, h("strong", {}, "Explanation: "), inline(q.explanation)),
    h("p", { class: "bzq-sources" }, `Source${q.sources.length > 1 ? "s" : ""}: ${q.source_labels.join("; ")}`));
  const explanation = h("div", { class: "bzq-explanation", hidden: true });
  const hint = q.hint ? h("p", { class: "bzq-hint", hidden: true }, h("strong", {}, "Hint: "), inline(q.hint)) : null;
  const checkBtn = h("button", { type: "button", class: "bzq-btn bzq-primary", "data-quiz-action": "check" }, "Check");
  const hintBtn = q.hint ? h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "hint", "aria-expanded": "false" }, "Hint") : null;
  const resetBtn = h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "reset" }, "Try again");
  root.append(
    ...[
      h("span", { class: "bzq-number-label" }, `Question ${index + 1}`),
      fieldset,
      h("div", { class: "bzq-actions" }, checkBtn, hintBtn, resetBtn),
      hint, status, explanation, key,
    ].filter(Boolean),
  );

  const response = () => {
    switch (q.type) {
      case "single": {
        const c = controls.find((i) => i.checked);
        return c ? Number(c.value) : null;
      }
      case "multiple":
        return controls.filter((i) => i.checked).map((i) => Number(i.value)).sort((a, b) => a - b);
      case "numeric":
        return controls[0].value;
      case "ordering": {
        // positions -> item indices in the chosen order
        const byRow = new Map(controls.map((s) => [Number(s.dataset.row), s.value === "" ? null : Number(s.value)]));
        const out = [];
        for (const [row, pos] of byRow) if (pos !== null) out[pos] = row;
        return out.length === q.items.length && !out.includes(undefined) && [...byRow.values()].every((v) => v !== null)
          ? out : [];
      }
      case "matching": {
        const out = [];
        for (const s of controls) out[Number(s.dataset.row)] = s.value === "" ? -1 : Number(s.value);
        return out.includes(-1) ? [] : out;
      }
    }
    return null;
  };

  const setResponse = (r) => {
    if (q.type === "single") controls.forEach((i) => (i.checked = Number(i.value) === r));
    else if (q.type === "multiple") controls.forEach((i) => (i.checked = r.includes(Number(i.value))));
    else if (q.type === "numeric") controls[0].value = r;
    else if (q.type === "ordering") controls.forEach((s) => (s.value = String(r.indexOf(Number(s.dataset.row)))));
    else controls.forEach((s) => (s.value = String(r[Number(s.dataset.row)])));
  };

  const showResult = (r, correct, announce) => {
    root.dataset.quizState = correct ? "correct" : "incorrect";
    status.replaceChildren(
      h("span", { class: "bzq-verdict" }, correct ? "✓ Correct." : "✗ Not quite."),
      " ",
      ...optionFeedback(q, r),
    );
    if (!announce) status.setAttribute("aria-live", "off");
    explanation.replaceChildren(
      h("p", {}, h("strong", {}, "Explanation: "), inline(q.explanation)),
      h("p", { class: "bzq-sources" }, `Source${q.sources.length > 1 ? "s" : ""}: `,
        ...q.source_labels.flatMap((label, i) => [i ? "; " : "", ctx.sourceLink(label)])),
    );
    explanation.hidden = false;
    if (!announce) queueMicrotask(() => status.setAttribute("aria-live", "polite"));
  };

  const clear = () => {
    root.dataset.quizState = "unanswered";
    status.replaceChildren();
    explanation.hidden = true;
    explanation.replaceChildren();
    controls.forEach((c) => {
      if (c.type === "radio" || c.type === "checkbox") c.checked = false;
      else c.value = "";
    });
  };

  checkBtn.addEventListener("click", () => {
    const r = response();
    if (!isComplete(q, r)) {
      root.dataset.quizState = "unanswered";
      const ask = { numeric: "Enter a number first.", ordering: "Give every item a different position first." };
      status.replaceChildren(h("span", { class: "bzq-verdict" }, ask[q.type] ?? "Answer every part first."));
      return;
    }
    if (q.type === "numeric" && parseNumber(r) === null) {
      status.replaceChildren(h("span", { class: "bzq-verdict" }, "That is not a number: use digits, e.g. 4.5."));
      return;
    }
    const correct = grade(q, r);
    showResult(r, correct, true);
    ctx.record(q, r, correct);
  });
  hintBtn?.addEventListener("click", () => {
    hint.hidden = !hint.hidden;
    hintBtn.setAttribute("aria-expanded", String(!hint.hidden));
  });
  resetBtn.addEventListener("click", () => {
    clear();
    ctx.record(q, null, null);
    controls[0]?.focus();
  });

  const saved = ctx.saved(q);
  if (saved) {
    try {
      setResponse(saved.response);
      showResult(saved.response, grade(q, saved.response), false);
    } catch {
      clear();
    }
  }
  return root;
}

// the verdict is shown already: "✓ Correct. Correct. GAD needs B6" reads badly
const LEADING_VERDICT = /^(correct|incorrect|right|wrong|yes|no|not quite)\s*[.!:,;—-]\s*/i;

export function answerText(q) {
  switch (q.type) {
    case "single":
      return q.options.find((o) => o.correct).text;
    case "multiple":
      return q.options.filter((o) => o.correct).map((o) => o.text).join("; ");
    case "numeric":
      return `${q.answer}${q.unit ? ` ${q.unit}` : ""} (accepted within ± ${q.tolerance})`;
    case "ordering":
      return q.items.map((item, i) => `${i + 1}. ${item}`).join("  ");
    case "matching":
      return q.pairs.map((p) => `${p.left} → ${p.right}`).join("; ");
  }
  return "";
}

function optionFeedback(q, r) {
  const text = (fb) => inline(fb.replace(LEADING_VERDICT, ""));
  if (q.type === "single") {
    const fb = q.options[r]?.feedback;
    return fb ? [text(fb)] : [];
  }
  if (q.type === "multiple") {
    return q.options
      .map((o, i) => (r.includes(i) && o.feedback ? [text(o.feedback), " "] : null))
      .filter(Boolean)
      .flat();
  }
  if (q.type === "numeric" && !grade(q, r)) {
    return [`The accepted answer is ${q.answer}${q.unit ? ` ${q.unit}` : ""} (± ${q.tolerance}).`];
  }
  return [];
}

function render({ model, el }) {
  const quizId = model.get("quiz_id");
  const questions = model.get("questions");
  const seed = model.get("seed");
  const store = makeStore(safeStorage());
  const results = {};
  const answers = {};
  const key = (q) => `${quizId}/${q.id}#${q.hash}`;
  const onSphinxPage = Boolean(document.querySelector('link[href*="references"], .bd-article'));

  const scoreLine = h("p", { class: "bzq-score", "aria-live": "polite" });
  const sync = () => {
    const score = Object.values(results).filter((v) => v === "correct").length;
    const answered = Object.keys(results).length;
    scoreLine.textContent = `${score} of ${questions.length} correct` +
      (answered < questions.length ? ` (${answered} answered)` : "");
    model.set("answers", { ...answers });
    model.set("results", { ...results });
    model.set("score", score);
    model.save_changes();
  };

  const ctx = {
    quizId,
    seed,
    saved: (q) => {
      const s = store.get(key(q));
      if (s && isComplete(q, s.response)) {
        answers[q.id] = s.response;
        results[q.id] = grade(q, s.response) ? "correct" : "incorrect";
        return s;
      }
      return null;
    },
    record: (q, response, correct) => {
      if (response === null) {
        delete answers[q.id];
        delete results[q.id];
        store.set(key(q), null);
      } else {
        answers[q.id] = response;
        results[q.id] = correct ? "correct" : "incorrect";
        store.set(key(q), { response });
      }
      sync();
    },
    sourceLink: (label) =>
      onSphinxPage ? h("a", { href: "references.html" }, label) : h("span", {}, label),
  };

  const list = h("ol", { class: "bzq-list" });
  questions.forEach((q, i) => list.append(renderQuestion(q, i, ctx)));
  const resetAll = h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "reset-all" }, "Reset the whole quiz");
  resetAll.addEventListener("click", () => {
    for (const btn of list.querySelectorAll('[data-quiz-action="reset"]')) btn.click();
    scoreLine.focus();
  });
  scoreLine.tabIndex = -1;
  const printKey = h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "print-key" }, "Print with answers");
  printKey.addEventListener("click", () => {
    // the answer-key view exists only while printing; a plain print is a blank worksheet
    document.body.classList.add("bzq-answer-key");
    addEventListener("afterprint", () => document.body.classList.remove("bzq-answer-key"), { once: true });
    print();
  });
  const root = h("section", { class: "bzq", "data-quiz": quizId, "aria-label": `Quiz: ${model.get("title")}` },
    scoreLine, list, h("div", { class: "bzq-footer" }, resetAll, printKey));
  el.replaceChildren(root);
  sync();
  return () => root.remove();
}

export default { render };

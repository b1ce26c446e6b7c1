// One question as accessible form controls, with its check, hint and "Try again" (the DOM
// contract in ../../../../shared design: data-quiz-question, data-quiz-state, data-quiz-action).
// Used by the chapter quiz and the review page, so a question looks and grades the same in both.

import { answerText, grade, isComplete, numberText, parseNumber, shuffledOrder } from "./grade.js";
import { inline, plain } from "./markup.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

let uid = 0;

// the verdict is shown already: "✓ Correct. Correct. GAD needs B6" reads badly
const LEADING_VERDICT = /^(correct|incorrect|right|wrong|yes|no|not quite)\s*[.!:,;—-]\s*/i;

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
    const unit = q.unit ? ` ${q.unit}` : "";
    return [`The accepted answer is ${numberText(q.answer)}${unit} (± ${numberText(q.tolerance)}).`];
  }
  return [];
}

// what to say when Check is pressed on an answer that is not whole yet
const ASK = {
  single: "Choose an answer first.",
  multiple: "Choose at least one answer first.",
  numeric: "Enter a number first.",
  ordering: "Give every item a different position first.",
  matching: "Choose a match for every item first.",
};

/**
 * `ctx`: {idPrefix, seed, tag? ("li"), saved(q) -> response or null, record(q, response,
 * correct, {hint, retry}), clear(q), sourceLink(label) -> node, checked?(q, correct, root)}.
 */
export function renderQuestion(q, index, ctx) {
  const base = `bzq-${ctx.idPrefix}-${q.id}`;
  const root = h(ctx.tag ?? "li", {
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
    const choices = isOrdering ? q.items.map((_, i) => String(i + 1)) : q.pairs.map((p) => plain(p.right));
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
  const hint = q.hint ? h("p", { class: "bzq-hint", id: `${base}-hint`, hidden: true }, h("strong", {}, "Hint: "), inline(q.hint)) : null;
  const checkBtn = h("button", { type: "button", class: "bzq-btn bzq-primary", "data-quiz-action": "check" }, "Check");
  const hintBtn = q.hint
    ? h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "hint", "aria-expanded": "false", "aria-controls": `${base}-hint` }, "Hint")
    : null;
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
        // positions -> item indices in the chosen order; [] unless every item has its own
        const out = [];
        for (const s of controls) {
          if (s.value === "") return [];
          const pos = Number(s.value);
          if (out[pos] !== undefined) return [];
          out[pos] = Number(s.dataset.row);
        }
        return out;
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
    if (!announce) status.setAttribute("aria-live", "off");
    status.replaceChildren(
      h("span", { class: "bzq-verdict" }, correct ? "✓ Correct." : "✗ Not quite."),
      " ",
      ...optionFeedback(q, r),
    );
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

  // for the review schedule: was the hint open, or is this not the first try in this view?
  let hintUsed = false;
  let tries = 0;

  checkBtn.addEventListener("click", () => {
    const r = response();
    if (!isComplete(q, r)) {
      root.dataset.quizState = "unanswered";
      status.replaceChildren(h("span", { class: "bzq-verdict" }, ASK[q.type]));
      return;
    }
    if (q.type === "numeric" && parseNumber(r) === null) {
      root.dataset.quizState = "unanswered";
      status.replaceChildren(h("span", { class: "bzq-verdict" }, "That is not a number: use digits, e.g. 4.5."));
      return;
    }
    const correct = grade(q, r);
    showResult(r, correct, true);
    ctx.record(q, r, correct, { hint: hintUsed, retry: tries > 0 });
    tries++;
    ctx.checked?.(q, correct, root);
  });
  hintBtn?.addEventListener("click", () => {
    hint.hidden = !hint.hidden;
    hintUsed ||= !hint.hidden;
    hintBtn.setAttribute("aria-expanded", String(!hint.hidden));
  });
  resetBtn.addEventListener("click", () => {
    clear();
    tries++;
    ctx.clear(q);
    controls[0]?.focus();
  });

  const saved = ctx.saved(q);
  if (saved !== null && saved !== undefined && isComplete(q, saved)) {
    setResponse(saved);
    showResult(saved, grade(q, saved), false);
  }
  return root;
}

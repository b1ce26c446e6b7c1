// The chapter quiz: one anywidget module for JupyterLab and the static site (quizzes/sphinxext
// loader.js renders it from the saved widget state). Grading runs here, in the browser; the
// model is only told the answers and the score. Every check is also an attempt in the progress
// store, so the review page can bring the question back (see store.js and schedule.js).

import { makeStore, browserStorage } from "./store.js";
import { h, renderQuestion } from "./question.js";
import { grade, isComplete } from "./grade.js";

function render({ model, el }) {
  const quizId = model.get("quiz_id");
  const questions = model.get("questions");
  const seed = model.get("seed");
  const known = new Map(questions.map((q) => [q.id, { chapter: quizId, hash: q.hash, question: q }]));
  const store = makeStore(browserStorage(), { known });
  const results = {};
  const answers = {};
  const onSphinxPage = Boolean(document.querySelector(".bd-article"));

  const scoreLine = h("p", { class: "bzq-score", "aria-live": "polite", tabindex: "-1" });
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
    idPrefix: quizId,
    seed,
    saved: (q) => {
      const response = store.get(q.id)?.response;
      if (!isComplete(q, response)) return null;
      answers[q.id] = response;
      results[q.id] = grade(q, response) ? "correct" : "incorrect";
      return response;
    },
    record: (q, response, correct, how) => {
      answers[q.id] = response;
      results[q.id] = correct ? "correct" : "incorrect";
      store.record(q.id, { chapter: quizId, hash: q.hash, response, correct, ...how });
      sync();
    },
    clear: (q) => {
      delete answers[q.id];
      delete results[q.id];
      store.clearResponse(q.id);
      sync();
    },
    sourceLink: (label) => (onSphinxPage ? h("a", { href: "references.html" }, label) : h("span", {}, label)),
  };

  const list = h("ol", { class: "bzq-list" });
  questions.forEach((q, i) => list.append(renderQuestion(q, i, ctx)));
  const resetAll = h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "reset-all" }, "Reset the whole quiz");
  resetAll.addEventListener("click", () => {
    for (const btn of list.querySelectorAll('[data-quiz-action="reset"]')) btn.click();
    scoreLine.focus();
  });
  const printKey = h("button", { type: "button", class: "bzq-btn", "data-quiz-action": "print-key" }, "Print with answers");
  printKey.addEventListener("click", () => {
    // the answer-key view exists only while printing; a plain print is a blank worksheet
    document.body.classList.add("bzq-answer-key");
    addEventListener("afterprint", () => document.body.classList.remove("bzq-answer-key"), { once: true });
    print();
  });
  const footer = h("div", { class: "bzq-footer" }, resetAll, printKey);
  if (onSphinxPage) {
    footer.append(h("p", { class: "bzq-review-link" },
      "Questions you answer come back for review: ", h("a", { href: "review.html" }, "open the review page"), "."));
  }
  const root = h("section", { class: "bzq", "data-quiz": quizId, "aria-label": `Quiz: ${model.get("title")}` },
    scoreLine, list, footer);
  el.replaceChildren(root);
  sync();
  return () => root.remove();
}

export default { render };

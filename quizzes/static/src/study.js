// The review page (questions due now, spaced by FSRS) and the progress page (per chapter and
// objective; export, import, reset). Loaded only on those two pages, as a classic script after
// the book's questions (a script the build writes that sets globalThis.bzsleepBook, cached like
// any asset), so both pages work from files on disk too. They read and write the progress store
// the chapter quizzes write.

import { inline } from "./markup.js";
import { h, renderQuestion } from "./question.js";
import { browserStorage, makeStore, parseExport } from "./store.js";
import { cardJSON, dueAt, replay } from "./schedule.js";

const NEW_BATCH = 5; // "study new questions" adds this many

/** The site's root: Sphinx writes the path from this page to it on <html>. */
const siteRoot = () => new URL(document.documentElement.dataset.content_root ?? "./", document.baseURI);

function loadBook() {
  const book = globalThis.bzsleepBook;
  if (!book || !Array.isArray(book.chapters)) throw new Error("the book's questions did not load");
  const questions = new Map();
  for (const chapter of book.chapters) {
    chapter.url = new URL(chapter.href, siteRoot()).href;
    for (const q of chapter.questions) questions.set(q.id, { chapter: chapter.chapter, hash: q.hash, question: q, info: chapter });
  }
  return { chapters: book.chapters, questions };
}

function openStore(book) {
  const store = makeStore(browserStorage(), { known: book.questions });
  store.prune(new Set(book.questions.keys())); // questions no longer in the book
  return store;
}

const when = (date) =>
  date.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

function fromNow(date, now = new Date()) {
  const minutes = Math.round((date - now) / 60000);
  if (minutes < 1) return "now";
  if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} hours`;
  const days = Math.round(hours / 24);
  return `in ${days} days`;
}

/** Due questions, interleaved: one from each chapter in turn, each chapter's oldest first. */
export function interleave(due) {
  const byChapter = new Map();
  for (const item of [...due].sort((a, b) => a.due - b.due)) {
    if (!byChapter.has(item.chapter)) byChapter.set(item.chapter, []);
    byChapter.get(item.chapter).push(item);
  }
  const queues = [...byChapter.values()];
  const out = [];
  while (queues.some((q) => q.length)) for (const q of queues) if (q.length) out.push(q.shift());
  return out;
}

// --- review -------------------------------------------------------------------------------------

function review(root, book, store) {
  const now = new Date();
  const schedule = new Map(); // id -> next due Date
  for (const [id, entry] of Object.entries(store.questions())) {
    if (!book.questions.has(id)) continue;
    const due = dueAt(entry);
    if (due) schedule.set(id, due);
  }
  const due = interleave(
    [...schedule].filter(([, d]) => d <= now).map(([id, d]) => ({ id, due: d, chapter: book.questions.get(id).chapter })),
  );

  const summary = h("p", { class: "bzr-summary", role: "status" });
  const list = h("ol", { class: "bzr-list" });
  const more = h("div", { class: "bzr-more" });
  const pending = new Set(due.map((d) => d.id)); // due and not yet answered right here

  const describe = () => {
    root.dataset.reviewDue = String(pending.size);
    if (pending.size) {
      summary.textContent = `${pending.size} question${pending.size === 1 ? " is" : "s are"} due for review now.`;
      return;
    }
    const upcoming = [...schedule.values()].filter((d) => d > new Date()).sort((a, b) => a - b)[0];
    summary.replaceChildren(
      schedule.size ? "Nothing is due now. " : "Nothing is due: answer questions in the chapters, and the ones you answer come back here when they are due. ",
      upcoming ? `The next question is due ${fromNow(upcoming)} (${when(upcoming)}).` : "",
    );
  };

  const item = (id, label) => {
    const { question: q, info } = book.questions.get(id);
    const next = h("p", { class: "bzr-next", "aria-live": "polite" });
    const li = h("li", { class: "bzr-item", "data-review-item": id },
      h("p", { class: "bzr-from" }, label, h("a", { href: info.url }, inline(info.title))));
    const ctx = {
      idPrefix: `review-${info.chapter}`,
      seed: info.seed,
      tag: "div",
      saved: () => null, // a review starts blank
      record: (question, response, correct, how) => {
        store.record(id, { chapter: info.chapter, hash: q.hash, response, correct, ...how });
      },
      clear: () => {},
      sourceLink: (text) => h("a", { href: new URL("book/references.html", siteRoot()).href }, text),
      checked: (question, correct) => {
        const entry = store.get(id);
        const nextDue = dueAt(entry);
        schedule.set(id, nextDue);
        const card = replay(entry.attempts);
        if (card) store.setCards({ [id]: cardJSON(card) });
        li.dataset.reviewNext = nextDue.toISOString();
        if (correct && nextDue > new Date()) pending.delete(id);
        else pending.add(id);
        next.textContent = correct
          ? `Next review ${fromNow(nextDue)} (${when(nextDue)}).`
          : "Due again now: try it once more, or come back to it later.";
        describe();
      },
    };
    li.append(renderQuestion(q, list.children.length, ctx), next);
    return li;
  };

  for (const d of due) list.append(item(d.id, "From "));

  // new questions from chapters already read (any answer there), never answered before
  const read = new Set([...schedule.keys()].map((id) => book.questions.get(id).chapter));
  const fresh = interleave(
    [...book.questions.values()]
      .filter((v) => read.has(v.chapter) && !schedule.has(v.question.id))
      .map((v, k) => ({ id: v.question.id, due: k, chapter: v.chapter })),
  );
  const addNew = h("button", { type: "button", class: "bzq-btn", "data-review-action": "new" });
  const showNew = () => {
    addNew.textContent = `Study ${Math.min(NEW_BATCH, fresh.length)} new question${fresh.length === 1 ? "" : "s"} from the chapters you have started`;
    addNew.hidden = fresh.length === 0;
  };
  addNew.addEventListener("click", () => {
    const first = list.children.length;
    for (const d of fresh.splice(0, NEW_BATCH)) list.append(item(d.id, "New, from "));
    showNew();
    list.children[first]?.querySelector("input, select")?.focus();
  });
  showNew();
  more.append(addNew);
  root.replaceChildren(summary, list, more);
  describe();
}

// --- progress -----------------------------------------------------------------------------------

function progress(root, book, store) {
  const status = h("p", { class: "bzp-status", role: "status" });
  const tables = h("div", { class: "bzp-tables" });
  const objectivesUrl = new URL("book/objectives.html", siteRoot()).href;

  const draw = () => {
    const entries = store.questions();
    const now = new Date();
    const lastCorrect = (id) => {
      const attempts = entries[id]?.attempts.filter((a) => typeof a.correct === "boolean") ?? [];
      return attempts.length ? attempts[attempts.length - 1].correct : null;
    };
    const rows = book.chapters.map((c) => {
      const ids = c.questions.map((q) => q.id);
      const answered = ids.filter((id) => entries[id]?.attempts.length);
      const correct = ids.filter((id) => lastCorrect(id) === true);
      const due = ids.filter((id) => {
        const d = entries[id] && dueAt(entries[id]);
        return d && d <= now;
      });
      return h("tr", {
        "data-progress-chapter": c.chapter,
        "data-total": ids.length,
        "data-answered": answered.length,
        "data-correct": correct.length,
        "data-due": due.length,
      },
      h("th", { scope: "row" }, h("a", { href: c.url }, inline(c.title)),
        h("span", { class: "bzp-total" }, `${ids.length} questions`)),
      h("td", {}, String(answered.length)), h("td", {}, String(correct.length)),
      h("td", {}, String(due.length)));
    });
    const chapters = h("table", { class: "bzp-table" },
      h("caption", {}, "By chapter: questions answered, answered right the last time, and due for review"),
      h("colgroup", {}, h("col", { class: "bzp-col-chapter" }), h("col"), h("col"), h("col")),
      h("thead", {}, h("tr", {}, ...["Chapter", "Answered", "Right", "Due"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows));

    const objectives = book.chapters.map((c) => {
      const items = c.objectives.map((o) => {
        const ids = c.questions.filter((q) => q.objectives.includes(o.id)).map((q) => q.id);
        const right = ids.filter((id) => lastCorrect(id) === true).length;
        const share = ids.length ? Math.round((100 * right) / ids.length) : 0;
        return h("li", { "data-progress-objective": o.id, "data-share": share },
          h("span", { class: "bzp-objective" }, inline(o.text)), " ",
          h("meter", { min: "0", max: String(ids.length), value: String(right), "aria-label": `${right} of ${ids.length} answered right` }),
          ` ${right} of ${ids.length} answered right (${share}%) · `,
          h("a", { href: `${objectivesUrl}#objective-${o.id}` }, `objective ${o.id}`));
      });
      return h("section", { class: "bzp-chapter" },
        h("h3", {}, h("a", { href: c.url }, inline(c.title))), h("ul", { class: "bzp-objectives" }, ...items));
    });
    tables.replaceChildren(chapters, h("h2", { class: "bzp-heading" }, "By learning objective"), ...objectives);
  };

  const exportBtn = h("button", { type: "button", class: "bzq-btn", "data-progress-action": "export" }, "Download my progress");
  exportBtn.addEventListener("click", () => {
    const doc = store.exportDoc();
    const name = `benzodiazepines-and-sleep-progress-${doc.exported.slice(0, 10)}.json`;
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 1)], { type: "application/json" }));
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    const n = Object.keys(doc.questions).length;
    status.textContent = `Saved your progress on ${n} question${n === 1 ? "" : "s"} as ${name}.`;
  });

  const fileId = "bzp-import-file";
  const importInput = h("input", { type: "file", id: fileId, accept: ".json,application/json", "data-progress-action": "import" });
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const parsed = parseExport(await file.text());
    importInput.value = "";
    if (parsed.error) {
      status.textContent = `Nothing was imported. ${parsed.error}`;
      return;
    }
    const { added, updated } = store.importDoc(parsed.doc);
    status.textContent = `Imported ${file.name}: ${added} question${added === 1 ? "" : "s"} added, ${updated} updated.`;
    draw();
  });

  const clearBtn = h("button", { type: "button", class: "bzq-btn bzp-danger", "data-progress-action": "clear" }, "Reset all my progress");
  clearBtn.addEventListener("click", () => {
    const sure = confirm("Reset all your progress in this browser? Every answer and the review history of every chapter will be deleted. This cannot be undone.");
    if (!sure) {
      status.textContent = "Nothing was reset.";
      return;
    }
    store.clearAll();
    status.textContent = "All your progress in this browser was reset.";
    draw();
  });

  const notice = store.persistent()
    ? null
    : h("p", { class: "bzp-warning" }, "This browser is not keeping data for this site, so progress lasts only while this page is open.");
  root.replaceChildren(
    ...[notice, tables,
      h("h2", { class: "bzp-heading" }, "Carry your progress to another device"),
      h("p", {}, "Download your progress as a file, then import it in the book on another browser or device. Importing merges: every answer is kept, and the most recent one counts."),
      h("div", { class: "bzp-actions" }, exportBtn, h("label", { for: fileId, class: "bzp-import" }, "Import a progress file: ", importInput)),
      h("h2", { class: "bzp-heading" }, "Start over"),
      h("div", { class: "bzp-actions" }, clearBtn),
      status].filter(Boolean),
  );
  draw();
}

// --- start --------------------------------------------------------------------------------------

function start() {
  const root = document.querySelector("[data-review], [data-progress]");
  if (!root) return;
  let book;
  try {
    book = loadBook();
  } catch (err) {
    console.warn("could not load the book's questions", err);
    root.replaceChildren(h("p", { role: "status" }, "The book's questions could not be loaded. Reload the page to try again."));
    return;
  }
  const store = openStore(book);
  if (root.hasAttribute("data-review")) review(root, book, store);
  else progress(root, book, store);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

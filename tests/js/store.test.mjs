// The progress store (quizzes/static/src/store.js): format, migration from v1, other tabs,
// blocked and full storage, and the checks an imported file must pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LEGACY_KEY, STORE_KEY, makeStore, merge, parseExport, validate } from "../../quizzes/static/src/store.js";

const V1 = readFileSync(new URL("../fixtures/progress/v1-store.json", import.meta.url), "utf8");
const NOW = new Date("2026-11-26T12:00:00Z");
const clock = (iso = NOW.toISOString()) => () => new Date(iso);

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => { data[k] = String(v); },
    removeItem: (k) => { delete data[k]; },
  };
}
const stored = (storage) => JSON.parse(storage.data[STORE_KEY]);

// questions of chapter "alpha" as the page knows them (hash = current content hash)
const alpha = new Map([
  ["alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", question: { type: "single", options: [{ text: "x" }, { text: "y", correct: true }] } }],
  ["alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", question: { type: "multiple", options: [{ text: "a", correct: true }, { text: "b" }, { text: "c" }] } }],
  ["alpha-edited", { chapter: "alpha", hash: "newhash11111", question: { type: "single", options: [{ text: "x", correct: true }, { text: "y" }] } }],
  ["alpha-garbled", { chapter: "alpha", hash: "dddddddddddd", question: { type: "single", options: [{ text: "x", correct: true }, { text: "y" }] } }],
]);

test("v1 answers of the questions a page knows become v2 attempts; nothing else is lost", () => {
  const storage = memoryStorage({ [LEGACY_KEY]: V1 });
  const store = makeStore(storage, { known: alpha, now: clock() });
  // right and wrong answers keep their response and get one graded attempt, dated now
  assert.deepEqual(store.get("alpha-single"), {
    chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1,
    attempts: [{ at: NOW.toISOString(), correct: true, hint: false, retry: false }],
  });
  assert.equal(store.get("alpha-multi").attempts[0].correct, false);
  // an answer to a question edited since, or one that is not a whole answer, is dropped
  assert.equal(store.get("alpha-edited"), null);
  assert.equal(store.get("alpha-garbled"), null);
  // a question gone from this chapter is dropped; another chapter's answer waits for its page
  assert.deepEqual(JSON.parse(storage.data[LEGACY_KEY]), { "beta/beta-numeric#cccccccccccc": { response: "4.5" } });
  assert.deepEqual(Object.keys(stored(storage).questions).sort(), ["alpha-multi", "alpha-single"]);
  // ... which migrates it, and the old key goes
  const beta = new Map([["beta-numeric", { chapter: "beta", hash: "cccccccccccc", question: { type: "numeric", answer: 4.5, tolerance: 0 } }]]);
  makeStore(storage, { known: beta, now: clock() });
  assert.equal(LEGACY_KEY in storage.data, false);
  assert.deepEqual(Object.keys(stored(storage).questions).sort(), ["alpha-multi", "alpha-single", "beta-numeric"]);
});

test("a v1 answer does not overwrite a v2 history of the same question", () => {
  const v2 = { format: "bzsleep-progress", version: 2, questions: { "alpha-single": { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 0, attempts: [{ at: "2026-11-01T00:00:00.000Z", correct: false, hint: false, retry: false }] } } };
  const storage = memoryStorage({ [LEGACY_KEY]: V1, [STORE_KEY]: JSON.stringify(v2) });
  const store = makeStore(storage, { known: alpha, now: clock() });
  assert.equal(store.get("alpha-single").attempts.length, 1);
  assert.equal(store.get("alpha-single").response, 0);
});

test("checks are recorded as attempts; Try again clears the answer shown, not the history", () => {
  const storage = memoryStorage();
  const store = makeStore(storage, { known: alpha, now: clock() });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 0, correct: false });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true, hint: true, retry: true });
  store.clearResponse("alpha-single");
  const entry = stored(storage).questions["alpha-single"];
  assert.equal(entry.response, null);
  assert.deepEqual(entry.attempts.map((a) => [a.correct, a.hint, a.retry]), [[false, false, false], [true, true, true]]);
});

test("an edited question starts fresh and the others keep their answers", () => {
  const storage = memoryStorage();
  makeStore(storage, { known: alpha, now: clock() }).record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  makeStore(storage, { known: alpha, now: clock() }).record("alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", response: [0], correct: true });
  const edited = new Map(alpha);
  edited.set("alpha-single", { ...alpha.get("alpha-single"), hash: "changed00000" });
  const store = makeStore(storage, { known: edited, now: clock() });
  assert.equal(store.get("alpha-single"), null);
  assert.deepEqual(Object.keys(stored(storage).questions), ["alpha-multi"]);
});

test("another tab's answers are kept when this tab writes", () => {
  const shared = memoryStorage();
  const tab1 = makeStore(shared, { known: alpha, now: clock() });
  const tab2 = makeStore(shared, { known: alpha, now: clock() });
  tab1.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  tab2.record("alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", response: [0], correct: true });
  assert.deepEqual(Object.keys(stored(shared).questions).sort(), ["alpha-multi", "alpha-single"]);
});

test("garbage or a foreign document in storage is reset quietly", () => {
  for (const junk of ["{not json", "[1,2,3]", '{"format":"other"}', '{"format":"bzsleep-progress","version":2,"questions":{"x":{"chapter":1}}}']) {
    const storage = memoryStorage({ [STORE_KEY]: junk });
    const store = makeStore(storage, { now: clock() });
    assert.deepEqual(store.questions(), {});
    assert.equal(STORE_KEY in storage.data, false, junk);
  }
});

test("a store written by a newer version of the book is left alone", () => {
  const newer = JSON.stringify({ format: "bzsleep-progress", version: 3, questions: {} });
  const storage = memoryStorage({ [STORE_KEY]: newer });
  const store = makeStore(storage, { known: alpha, now: clock() });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  assert.equal(storage.data[STORE_KEY], newer);
  assert.equal(store.get("alpha-single").response, 1); // kept for this page
});

test("blocked or full storage never throws and progress lasts for the page", () => {
  const blocked = { getItem: () => { throw new DOMException("insecure", "SecurityError"); }, setItem: () => { throw new DOMException("insecure", "SecurityError"); }, removeItem: () => { throw new DOMException("insecure", "SecurityError"); } };
  const full = { getItem: () => null, setItem: () => { throw new DOMException("full", "QuotaExceededError"); }, removeItem: () => {} };
  for (const storage of [blocked, full, null]) {
    const store = makeStore(storage, { known: alpha, now: clock() });
    store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
    store.record("alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", response: [0], correct: true });
    assert.equal(store.get("alpha-single").response, 1);
    assert.equal(store.get("alpha-multi").attempts.length, 1);
  }
  assert.equal(makeStore(blocked).persistent(), false);
  assert.equal(makeStore(memoryStorage()).persistent(), true);
});

test("questions no longer in the book are pruned", () => {
  const storage = memoryStorage();
  const store = makeStore(storage, { known: alpha, now: clock() });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  store.record("gone", { chapter: "alpha", hash: "zzzzzzzzzzzz", response: 1, correct: true });
  store.prune(new Set(["alpha-single"]));
  assert.deepEqual(Object.keys(stored(storage).questions), ["alpha-single"]);
});

// --- files a reader imports -----------------------------------------------------------------

const exported = () => {
  const storage = memoryStorage();
  const store = makeStore(storage, { known: alpha, now: clock("2026-11-20T10:00:00Z") });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 0, correct: false });
  return JSON.stringify(store.exportDoc());
};

test("a file that is not ours, truncated, or from a future version is refused with a message", () => {
  const good = exported();
  assert.ok(parseExport(good).doc);
  assert.match(parseExport(good.slice(0, -20)).error, /incomplete or damaged/);
  assert.match(parseExport('{"hello": "world"}').error, /not a progress file/);
  assert.match(parseExport("[]").error, /not a progress file/);
  assert.match(parseExport(good.replace('"version":2', '"version":7')).error, /newer version of the book \(format version 7\)/);
  const damaged = JSON.parse(good);
  damaged.questions["alpha-single"].attempts[0].at = "yesterday-ish";
  assert.match(validate(damaged).error, /damaged \(question alpha-single\)/);
});

test("export, clear and import restore every attempt", () => {
  const storage = memoryStorage();
  const store = makeStore(storage, { known: alpha, now: clock() });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 0, correct: false });
  store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true, retry: true });
  store.record("alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", response: [0], correct: true });
  const file = JSON.stringify(store.exportDoc());
  const before = stored(storage).questions;
  store.clearAll();
  assert.equal(STORE_KEY in storage.data, false);
  const counts = store.importDoc(parseExport(file).doc);
  assert.deepEqual(counts, { added: 2, updated: 0 });
  assert.deepEqual(stored(storage).questions, before);
});

test("importing merges question by question and the most recent answer counts", () => {
  const ours = { format: "bzsleep-progress", version: 2, questions: {
    q: { chapter: "c", hash: "h1", response: 0, attempts: [{ at: "2026-11-01T00:00:00.000Z", correct: false, hint: false, retry: false }] },
    r: { chapter: "c", hash: "h2", response: 1, attempts: [{ at: "2026-11-05T00:00:00.000Z", correct: true, hint: false, retry: false }] },
  } };
  const theirs = { format: "bzsleep-progress", version: 2, questions: {
    q: { chapter: "c", hash: "h1", response: 1, attempts: [
      { at: "2026-11-01T00:00:00.000Z", correct: false, hint: false, retry: false }, // the same attempt
      { at: "2026-11-10T00:00:00.000Z", correct: true, hint: false, retry: false } ] },
    r: { chapter: "c", hash: "h2", response: 0, attempts: [{ at: "2026-11-02T00:00:00.000Z", correct: false, hint: false, retry: false }] },
    s: { chapter: "c", hash: "h3", response: 2, attempts: [{ at: "2026-11-03T00:00:00.000Z", correct: true, hint: true, retry: false }] },
  } };
  assert.deepEqual(merge(ours, theirs), { added: 1, updated: 2 });
  assert.deepEqual(ours.questions.q.attempts.map((a) => a.at), ["2026-11-01T00:00:00.000Z", "2026-11-10T00:00:00.000Z"]);
  assert.equal(ours.questions.q.response, 1); // theirs is more recent
  assert.deepEqual(ours.questions.r.attempts.map((a) => a.at), ["2026-11-02T00:00:00.000Z", "2026-11-05T00:00:00.000Z"]);
  assert.equal(ours.questions.r.response, 1); // ours is more recent
  assert.equal(ours.questions.s.response, 2);
  // a question the page knows with another hash (edited since) is not imported
  const known = new Map([["t", { hash: "now" }]]);
  const stale = { questions: { t: { chapter: "c", hash: "then", response: 0, attempts: [] } } };
  assert.deepEqual(merge(ours, stale, known), { added: 0, updated: 0 });
});

// --- what each check promises (found by mutation testing: benchmarks/stryker.sh) -------------

const attempt = (at, extra = {}) => ({ at, correct: true, hint: false, retry: false, ...extra });
const docWith = (entry) => ({ format: "bzsleep-progress", version: 2, questions: { q: entry } });
const entryOf = (extra = {}) => ({ chapter: "c", hash: "h", response: 0, attempts: [attempt("2026-11-01T00:00:00.000Z")], ...extra });

test("the storage keys are the ones earlier visits wrote", () => {
  assert.equal(STORE_KEY, "bzsleep-progress");
  assert.equal(LEGACY_KEY, "bzsleep-quiz:v1");
});

test("every field of a progress file is checked", () => {
  const notOurs = "This file is not a progress file from this book.";
  const damaged = "This progress file is damaged (question q).";
  const cases = [
    [null, notOurs],
    [[], notOurs],
    [{ format: "other", version: 2, questions: {} }, notOurs],
    [{ format: "bzsleep-progress", version: "2", questions: {} }, notOurs],
    [{ format: "bzsleep-progress", version: 2.5, questions: {} }, notOurs],
    [{ format: "bzsleep-progress", questions: {} }, notOurs],
    [{ format: "bzsleep-progress", version: 1, questions: {} }, notOurs], // an older format
    [{ format: "bzsleep-progress", version: 2, questions: [] }, notOurs],
    [{ format: "bzsleep-progress", version: 2 }, notOurs],
    [docWith([]), damaged],
    [docWith(entryOf({ chapter: 7 })), damaged],
    [docWith(entryOf({ hash: null })), damaged],
    [docWith(entryOf({ attempts: {} })), damaged],
    [docWith(entryOf({ attempts: [attempt("2026-11-01T00:00:00.000Z"), null] })), damaged],
    [docWith(entryOf({ attempts: [[]] })), damaged],
    [docWith(entryOf({ attempts: [attempt(20261101)] })), damaged],
    [docWith(entryOf({ attempts: [attempt("2026-11-01T00:00:00.000Z", { correct: "yes" })] })), damaged],
    [docWith(entryOf({ attempts: [attempt("2026-11-01T00:00:00.000Z", { hint: 0 })] })), damaged],
    [docWith(entryOf({ attempts: [attempt("2026-11-01T00:00:00.000Z", { retry: "no" })] })), damaged],
    [docWith(entryOf({ card: [] })), damaged],
    [docWith(entryOf({ card: "due tomorrow" })), damaged],
  ];
  for (const [data, error] of cases) assert.deepEqual(validate(data), { error }, JSON.stringify(data));
  // an ungraded attempt (correct: null), a card, and no attempts at all are fine
  for (const entry of [entryOf({ attempts: [attempt("2026-11-01T00:00:00.000Z", { correct: null })] }), entryOf({ card: { due: "x" } }), entryOf({ attempts: [] })]) {
    assert.ok(validate(docWith(entry)).doc, JSON.stringify(entry));
  }
  assert.deepEqual(validate({ format: "bzsleep-progress", version: 3, questions: {} }), {
    error: "This file was made by a newer version of the book (format version 3); open the newer site to import it.",
  });
});

test("merging an edited question keeps the side answered last, and drops its cached card", () => {
  const ours = { questions: { q: entryOf({ hash: "old", response: 0, card: { a: 1 }, attempts: [attempt("2026-11-05T00:00:00.000Z")] }) } };
  const newer = { questions: { q: entryOf({ hash: "new", response: 1, card: { b: 2 }, attempts: [attempt("2026-11-06T00:00:00.000Z")] }) } };
  assert.deepEqual(merge(ours, newer), { added: 0, updated: 1 });
  assert.equal(ours.questions.q.hash, "new");
  assert.equal(ours.questions.q.response, 1);
  assert.equal("card" in ours.questions.q, false);
  newer.questions.q.attempts.push(attempt("2026-12-01T00:00:00.000Z"));
  assert.equal(ours.questions.q.attempts.length, 1, "a copy, not the imported object");
  // the same time is not more recent: ours stays
  const same = { questions: { q: entryOf({ hash: "other", response: 2, attempts: [attempt("2026-11-06T00:00:00.000Z")] }) } };
  assert.deepEqual(merge(ours, same), { added: 0, updated: 0 });
  assert.equal(ours.questions.q.hash, "new");
});

test("merging the same question sorts the attempts by time and keeps one of each", () => {
  const t = (d) => `2026-11-0${d}T00:00:00.000Z`;
  const ours = { questions: { q: entryOf({ response: 0, card: { a: 1 }, attempts: [attempt(t(1)), attempt(t(3)), attempt(t(5))] }) } };
  const theirs = { questions: { q: entryOf({ response: 9, chapter: "moved", attempts: [attempt(t(5)), attempt(t(4)), attempt(t(2), { hint: true }), attempt(t(4))] }) } };
  assert.deepEqual(merge(ours, theirs), { added: 0, updated: 1 });
  const q = ours.questions.q;
  assert.deepEqual(q.attempts.map((a) => a.at), [t(1), t(2), t(3), t(4), t(4), t(5)]);
  assert.equal(q.attempts[1].hint, true);
  // both last answered at the same time: ours is not older, so its answer and chapter stay
  assert.equal(q.response, 0);
  assert.equal(q.chapter, "c");
  assert.equal("card" in q, false);
  // nothing new: nothing changes, the card stays
  const again = { questions: { q: entryOf({ attempts: [attempt(t(1))] }) } };
  q.card = { kept: true };
  assert.deepEqual(merge(ours, again), { added: 0, updated: 0 });
  assert.deepEqual(q.card, { kept: true });
  // theirs newer with no answer shown: the answer shown becomes null
  const cleared = { questions: { q: { chapter: "c2", hash: "h", attempts: [attempt(t(7))] } } };
  merge(ours, cleared);
  assert.equal(q.response, null);
  assert.equal(q.chapter, "c2");
});

test("a question merged in for the first time drops its card and is a copy", () => {
  const ours = { questions: {} };
  const theirs = { questions: { q: entryOf({ card: { due: "x" } }) } };
  assert.deepEqual(merge(ours, theirs), { added: 1, updated: 0 });
  assert.equal("card" in ours.questions.q, false);
  assert.ok("card" in theirs.questions.q);
});

test("refresh rereads what another tab stored, and setCards caches cards of known entries only", () => {
  const shared = memoryStorage();
  const tab1 = makeStore(shared, { known: alpha, now: clock() });
  const tab2 = makeStore(shared, { known: alpha, now: clock() });
  tab2.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  assert.equal(tab1.get("alpha-single"), null);
  assert.deepEqual(Object.keys(tab1.refresh()), ["alpha-single"]);
  assert.equal(tab1.get("alpha-single").response, 1);
  tab1.setCards({ "alpha-single": { due: "2026-12-01T00:00:00.000Z" }, "alpha-multi": { due: "x" } });
  assert.deepEqual(stored(shared).questions["alpha-single"].card, { due: "2026-12-01T00:00:00.000Z" });
  assert.equal("alpha-multi" in stored(shared).questions, false);
  // refresh with storage gone bad keeps what this page had
  shared.getItem = () => { throw new DOMException("insecure", "SecurityError"); };
  assert.deepEqual(Object.keys(tab1.refresh()), ["alpha-single"]);
});

test("a store without a list of known questions reads every entry", () => {
  const storage = memoryStorage({ [STORE_KEY]: JSON.stringify(docWith(entryOf())) });
  const store = makeStore(storage, { now: clock() });
  assert.equal(store.get("q").hash, "h");
  assert.equal(store.get("missing"), null);
  store.record("q", { chapter: "c", hash: "h2", response: 3, correct: false }); // edited since
  assert.deepEqual(stored(storage).questions.q.attempts.map((a) => a.correct), [false]);
  store.clearResponse("nothing-here");
  assert.deepEqual(Object.keys(stored(storage).questions), ["q"]);
});

test("the exported file is what storage holds now, stamped with the time", () => {
  const storage = memoryStorage();
  const store = makeStore(storage, { known: alpha, now: clock() });
  const other = makeStore(storage, { known: alpha, now: clock() });
  other.record("alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", response: [0], correct: true });
  const file = store.exportDoc();
  assert.equal(file.exported, NOW.toISOString());
  assert.deepEqual(Object.keys(file.questions), ["alpha-multi"]);
  assert.equal(file.format, "bzsleep-progress");
  assert.equal(file.version, 2);
});

test("Clear all removes the store and the v1 answers", () => {
  const storage = memoryStorage({ [LEGACY_KEY]: V1 });
  const store = makeStore(storage, { known: alpha, now: clock() });
  store.clearAll();
  assert.deepEqual(storage.data, {});
  assert.deepEqual(store.questions(), {});
  makeStore(null).clearAll(); // no storage: nothing to do, nothing thrown
});

test("v1 answers that are garbage, or keys in another shape, are cleared", () => {
  for (const junk of ["{not json", "[1]", '"text"']) {
    const storage = memoryStorage({ [LEGACY_KEY]: junk });
    makeStore(storage, { known: alpha, now: clock() });
    assert.equal(LEGACY_KEY in storage.data, false, junk);
    assert.equal(STORE_KEY in storage.data, false, "nothing to write");
  }
  const storage = memoryStorage({ [LEGACY_KEY]: JSON.stringify({ "no-slash-or-hash": { response: 1 }, "x/alpha-single#aaaaaaaaaaaa/extra": {} }) });
  makeStore(storage, { known: alpha, now: clock() });
  assert.equal(LEGACY_KEY in storage.data, false);
  // v1 answers are only read by a page that knows its questions
  const waiting = memoryStorage({ [LEGACY_KEY]: V1 });
  makeStore(waiting, { now: clock() });
  assert.equal(waiting.data[LEGACY_KEY], V1);
  // a page that migrates nothing leaves the v1 answers as they were written
  const beta = new Map([["beta-numeric", { chapter: "beta", hash: "cccccccccccc", question: { type: "numeric", answer: 4.5, tolerance: 0 } }]]);
  const others = memoryStorage({ [LEGACY_KEY]: JSON.stringify({ "gamma/g1#ffffffffffff": { response: 0 } }) });
  makeStore(others, { known: beta, now: clock() });
  assert.equal(others.data[LEGACY_KEY], JSON.stringify({ "gamma/g1#ffffffffffff": { response: 0 } }));
  assert.equal(STORE_KEY in others.data, false);
});

test("progress is not persistent where a newer book's store is kept", () => {
  const newer = memoryStorage({ [STORE_KEY]: JSON.stringify({ format: "bzsleep-progress", version: 3, questions: {} }) });
  assert.equal(makeStore(newer).persistent(), false);
  assert.equal(makeStore(null).persistent(), false);
  const full = memoryStorage();
  full.setItem = () => { throw new DOMException("full", "QuotaExceededError"); };
  const store = makeStore(full, { now: clock() });
  assert.equal(store.persistent(), true); // nothing written yet
  store.record("q", { chapter: "c", hash: "h", response: 0, correct: true });
  assert.equal(store.persistent(), false);
});

test("browserStorage is localStorage, or null where it is blocked or only a stand-in", async () => {
  const { browserStorage } = await import("../../quizzes/static/src/store.js");
  const had = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
  try {
    const real = memoryStorage();
    Object.defineProperty(globalThis, "localStorage", { value: real, configurable: true });
    assert.equal(browserStorage(), real);
    Object.defineProperty(globalThis, "localStorage", { value: { ...real, memoryOnly: true }, configurable: true });
    assert.equal(browserStorage(), null);
    Object.defineProperty(globalThis, "localStorage", { get() { throw new DOMException("insecure", "SecurityError"); }, configurable: true });
    assert.equal(browserStorage(), null);
    Object.defineProperty(globalThis, "localStorage", { value: undefined, configurable: true });
    assert.equal(browserStorage(), null);
  } finally {
    if (had) Object.defineProperty(globalThis, "localStorage", had);
    else delete globalThis.localStorage;
  }
});

test("more edges of the store (found by mutation testing)", () => {
  // an attempt's time must be text: a bare year number is not a time stamp
  assert.match(validate(docWith(entryOf({ attempts: [attempt(2026)] }))).error, /damaged/);
  // attempts at the same moment keep the order they were recorded in
  const same = "2026-11-01T00:00:00.000Z";
  const ours = { questions: { q: entryOf({ attempts: [attempt(same)] }) } };
  merge(ours, { questions: { q: entryOf({ attempts: [attempt(same, { hint: true })] }) } });
  assert.deepEqual(ours.questions.q.attempts.map((a) => a.hint), [false, true]);
  // "most recent" is the latest attempt by time, whatever order a file stores them in
  const mine = { questions: { q: entryOf({ hash: "a", attempts: [attempt("2026-11-05T00:00:00.000Z")] }) } };
  const theirs = { questions: { q: entryOf({ hash: "b", attempts: [attempt("2026-11-07T00:00:00.000Z"), attempt("2026-11-01T00:00:00.000Z")] }) } };
  assert.deepEqual(merge(mine, theirs), { added: 0, updated: 1 });
  assert.equal(mine.questions.q.hash, "b");
});

test("a store keeps re-reading storage after it writes, so two tabs interleave", () => {
  const shared = memoryStorage();
  const tab1 = makeStore(shared, { known: alpha, now: clock() });
  const tab2 = makeStore(shared, { known: alpha, now: clock() });
  tab1.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  tab2.record("alpha-multi", { chapter: "alpha", hash: "bbbbbbbbbbbb", response: [0], correct: true });
  tab1.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 0, correct: false });
  assert.deepEqual(Object.keys(stored(shared).questions).sort(), ["alpha-multi", "alpha-single"]);
  assert.equal(tab1.persistent(), true);
});

test("a fresh page writes nothing, and dates answers by the real clock", () => {
  const storage = memoryStorage();
  const store = makeStore(storage, { known: alpha });
  assert.deepEqual(storage.data, {});
  const before = Date.now();
  const at = store.record("alpha-single", { chapter: "alpha", hash: "aaaaaaaaaaaa", response: 1, correct: true });
  assert.ok(Date.parse(at) >= before && Date.parse(at) <= Date.now());
});

test("a foreign document is reset even when its version number is high", () => {
  const storage = memoryStorage({ [STORE_KEY]: '{"format":"other","version":3,"questions":{}}' });
  makeStore(storage, { now: clock() });
  assert.equal(STORE_KEY in storage.data, false);
});

test("v1 keys must start with a chapter; untouched v1 answers stay byte for byte", () => {
  const storage = memoryStorage({ [LEGACY_KEY]: JSON.stringify({ "/alpha/alpha-single#aaaaaaaaaaaa": { response: 1 } }) });
  const store = makeStore(storage, { known: alpha, now: clock() });
  assert.equal(store.get("alpha-single"), null);
  const gamma = new Map([["g1", { chapter: "gamma", hash: "ffffffffffff", question: { type: "single", options: [{ text: "a", correct: true }, { text: "b" }] } }]]);
  const untouched = memoryStorage({ [LEGACY_KEY]: V1 });
  makeStore(untouched, { known: gamma, now: clock() });
  assert.equal(untouched.data[LEGACY_KEY], V1);
});

test("an entry recorded under another hash than the page's is not shown as this question's", () => {
  const store = makeStore(memoryStorage(), { known: alpha, now: clock() });
  store.record("alpha-single", { chapter: "alpha", hash: "not-current0", response: 1, correct: true });
  assert.equal(store.get("alpha-single"), null);
});

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

// The pure grading core of quizzes/static/quiz.js, under Node's built-in test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { grade, isComplete, makeStore, parseNumber, shuffledOrder } from "../../quizzes/static/quiz.js";

const single = { type: "single", options: [{ text: "a" }, { text: "b", correct: true }] };
const multiple = { type: "multiple", options: [{ text: "a", correct: true }, { text: "b" }, { text: "c", correct: true }] };
const numeric = { type: "numeric", answer: 4.5, tolerance: 0.5 };
const ordering = { type: "ordering", items: ["x", "y", "z"] };
const matching = { type: "matching", pairs: [{ left: "a", right: "1" }, { left: "b", right: "2" }, { left: "c", right: "3" }] };

test("single choice is right only for the correct option", () => {
  assert.equal(grade(single, 1), true);
  assert.equal(grade(single, 0), false);
  assert.equal(grade(single, 7), false);
});

test("multiple select needs exactly the correct set", () => {
  assert.equal(grade(multiple, [0, 2]), true);
  assert.equal(grade(multiple, [0]), false);
  assert.equal(grade(multiple, [0, 1, 2]), false);
});

test("numeric accepts the tolerance band, a decimal comma, and nothing else", () => {
  assert.equal(grade(numeric, "4"), true);
  assert.equal(grade(numeric, "5,0"), true);
  assert.equal(grade(numeric, "5.01"), false);
  assert.equal(grade(numeric, "four"), false);
  assert.equal(parseNumber(" 1e1 "), 10);
  assert.equal(parseNumber("1.2.3"), null);
});

test("ordering and matching compare positions", () => {
  assert.equal(grade(ordering, [0, 1, 2]), true);
  assert.equal(grade(ordering, [1, 0, 2]), false);
  assert.equal(grade(matching, [0, 1, 2]), true);
  assert.equal(grade(matching, [0, 2, 1]), false);
  assert.equal(isComplete(matching, []), false);
});

test("shuffling is a stable permutation per seed and question", () => {
  const a = shuffledOrder(6, 42, "q1");
  assert.deepEqual(a, shuffledOrder(6, 42, "q1"));
  assert.deepEqual([...a].sort(), [0, 1, 2, 3, 4, 5]);
  const others = ["q2", "q3", "q4", "q5"].map((id) => shuffledOrder(6, 42, id).join());
  assert.ok(others.some((o) => o !== a.join()), "different questions get different orders");
});

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => { data[k] = String(v); },
    removeItem: (k) => { delete data[k]; },
  };
}

test("a corrupt store is reset quietly", () => {
  const storage = memoryStorage({ "bzsleep-quiz:v1": "{not json" });
  const store = makeStore(storage);
  assert.equal(store.get("x"), null);
  assert.equal("bzsleep-quiz:v1" in storage.data, false);
  store.set("x", { response: 1 });
  assert.deepEqual(JSON.parse(storage.data["bzsleep-quiz:v1"]), { x: { response: 1 } });
});

test("a store holding the wrong shape is reset", () => {
  const storage = memoryStorage({ "bzsleep-quiz:v1": "[1,2,3]" });
  assert.equal(makeStore(storage).get("0"), null);
  assert.equal("bzsleep-quiz:v1" in storage.data, false);
});

test("a full or missing store never throws", () => {
  const full = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => {} };
  const store = makeStore(full);
  store.set("x", { response: 2 });
  assert.deepEqual(store.get("x"), { response: 2 });
  const none = makeStore(null);
  none.set("y", { response: 0 });
  assert.deepEqual(none.get("y"), { response: 0 });
});

test("progress survives in memory when storage is full, and other tabs' entries are kept", () => {
  const full = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => {} };
  const store = makeStore(full);
  store.set("a", { response: 1 });
  store.set("b", { response: 2 });
  assert.deepEqual([store.get("a"), store.get("b")], [{ response: 1 }, { response: 2 }]);

  const shared = memoryStorage();
  const tab1 = makeStore(shared);
  const tab2 = makeStore(shared);
  tab1.set("one", { response: 0 });
  tab2.set("two", { response: 1 });
  assert.deepEqual(Object.keys(JSON.parse(shared.data["bzsleep-quiz:v1"])).sort(), ["one", "two"]);
});

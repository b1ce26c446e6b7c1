// Grading (quizzes/static/src/grade.js) under Node's built-in test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerText, grade, isComplete, numberText, parseNumber, shuffledOrder, withinTolerance } from "../../quizzes/static/src/grade.js";

const single = { type: "single", options: [{ text: "a" }, { text: "b", correct: true }] };
const multiple = { type: "multiple", options: [{ text: "a", correct: true }, { text: "b" }, { text: "c", correct: true }] };
const numeric = { type: "numeric", answer: 4.5, tolerance: 0.5, unit: "h" };
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
  assert.equal(grade(multiple, []), false);
});

test("numeric accepts the tolerance band, a decimal comma, and nothing else", () => {
  assert.equal(grade(numeric, "4"), true);
  assert.equal(grade(numeric, "5,0"), true);
  assert.equal(grade(numeric, "5.01"), false);
  assert.equal(grade(numeric, "3.99"), false);
  assert.equal(grade(numeric, "four"), false);
  assert.equal(parseNumber(" 1e1 "), 10);
  assert.equal(parseNumber("-.5"), -0.5);
  assert.equal(parseNumber("1.2.3"), null);
  assert.equal(parseNumber(""), null);
});

test("tolerances stay exact for very large and very small numbers", () => {
  assert.equal(withinTolerance(1234567, 1234567, 0), true);
  assert.equal(withinTolerance(1234568, 1234567, 0), false);
  assert.equal(withinTolerance(0.1 + 0.2, 0.3, 0), true); // binary rounding is not a wrong answer
  assert.equal(withinTolerance(1.000002e-7, 1e-7, 1e-13), false); // 2e-13 off
  assert.equal(withinTolerance(1.0000009e-7, 1e-7, 1e-13), true); // 9e-14 off
  assert.equal(grade({ type: "numeric", answer: 1e-7, tolerance: 1e-9 }, "0.0000001009"), true);
  assert.equal(grade({ type: "numeric", answer: 1e-7, tolerance: 1e-9 }, "0.000000102"), false);
});

test("numbers are shown in positional notation with their exact digits", () => {
  assert.equal(numberText(1234567), "1234567");
  assert.equal(numberText(1e-7), "0.0000001");
  assert.equal(numberText(-2.5e-8), "-0.000000025");
  assert.equal(numberText(1.5e21), "1500000000000000000000");
  assert.equal(numberText(4.5), "4.5");
  assert.equal(answerText({ type: "numeric", answer: 1e-7, tolerance: 1e-9, unit: "M" }), "0.0000001 M (accepted within ± 0.000000001)");
});

test("ordering and matching compare positions; only whole answers are complete", () => {
  assert.equal(grade(ordering, [0, 1, 2]), true);
  assert.equal(grade(ordering, [1, 0, 2]), false);
  assert.equal(grade(matching, [0, 1, 2]), true);
  assert.equal(grade(matching, [0, 2, 1]), false);
  assert.equal(isComplete(matching, []), false);
  assert.equal(isComplete(matching, [0, 1]), false);
  assert.equal(isComplete(ordering, [0, 1, 2]), true);
  assert.equal(isComplete(ordering, [0, 1, 7]), false);
  assert.equal(isComplete(single, 1), true);
  assert.equal(isComplete(single, 2), false);
  assert.equal(isComplete(single, null), false);
  assert.equal(isComplete(multiple, [5]), false);
  assert.equal(isComplete(numeric, "  "), false);
});

test("the answer key names the keyed answer of every type", () => {
  assert.equal(answerText(single), "b");
  assert.equal(answerText(multiple), "a; c");
  assert.equal(answerText(numeric), "4.5 h (accepted within ± 0.5)");
  assert.equal(answerText(ordering), "1. x  2. y  3. z");
  assert.equal(answerText(matching), "a → 1; b → 2; c → 3");
});

test("shuffling is a stable permutation per seed and question", () => {
  const a = shuffledOrder(6, 42, "q1");
  assert.deepEqual(a, shuffledOrder(6, 42, "q1"));
  assert.deepEqual([...a].sort(), [0, 1, 2, 3, 4, 5]);
  const others = ["q2", "q3", "q4", "q5"].map((id) => shuffledOrder(6, 42, id).join());
  assert.ok(others.some((o) => o !== a.join()), "different questions get different orders");
});

// --- the edges (found by mutation testing: benchmarks/stryker.sh) -----------------------------

test("a whole answer has the right shape: whole indices in range, every part given", () => {
  for (const bad of [-1, 0.5, "1", undefined, [1]]) assert.equal(isComplete(single, bad), false, String(bad));
  assert.equal(isComplete(single, 0), true);
  for (const bad of [[], [3], [-1], [0.5], ["0"], 0, "0,2", [0, 3]]) assert.equal(isComplete(multiple, bad), false, JSON.stringify(bad));
  assert.equal(isComplete(multiple, [0]), true);
  assert.equal(isComplete(multiple, [2, 0]), true);
  assert.equal(isComplete(numeric, undefined), false);
  assert.equal(isComplete(numeric, 0), true); // a number typed as 0 is an answer
  assert.equal(isComplete(numeric, " 4 "), true);
  for (const bad of [[0, 1, 3], [0, 1, -1], [0, 1, 1.5], [0, 1, "2"], [0, 1, 2, 0], "012", null]) {
    assert.equal(isComplete(ordering, bad), false, JSON.stringify(bad));
    assert.equal(isComplete(matching, bad), false, JSON.stringify(bad));
  }
  assert.equal(isComplete(matching, [2, 1, 0]), true);
});

test("grading needs the whole order, a number, and a known type", () => {
  assert.equal(grade(ordering, [0, 1]), false); // a prefix of the right order
  assert.equal(grade(matching, [0, 1]), false);
  assert.equal(grade(ordering, [0, 1, 2, 3]), false);
  assert.equal(grade({ type: "numeric", answer: 0, tolerance: 5 }, "abc"), false); // not 0
  assert.equal(grade({ type: "numeric", answer: 0, tolerance: 5 }, ""), false);
  assert.equal(grade({ type: "essay" }, "anything"), false);
  assert.equal(grade(numeric, "5"), true); // the bounds are inside
  assert.equal(grade(numeric, "4,0"), true);
});

test("numbers a reader may type", () => {
  assert.equal(parseNumber("12.5"), 12.5);
  assert.equal(parseNumber(".25"), 0.25);
  assert.equal(parseNumber("+3."), 3);
  assert.equal(parseNumber("2.5E-3"), 0.0025);
  assert.equal(parseNumber("1e10"), 1e10);
  assert.equal(parseNumber("1e+12"), 1e12);
  assert.equal(parseNumber(12), 12);
  assert.equal(parseNumber(null), null);
  assert.equal(parseNumber(undefined), null);
  for (const bad of ["1e", "e5", "1.2e3.4", "1 000", "--1", ".", "1,2,3", "0x10", "Infinity", "1e-+2", "1ee2"]) {
    assert.equal(parseNumber(bad), null, bad);
  }
});

test("the tolerance band's edges are inside, and only binary rounding is forgiven", () => {
  assert.equal(withinTolerance(5, 4.5, 0.5), true);
  assert.equal(withinTolerance(4, 4.5, 0.5), true);
  assert.equal(withinTolerance(0.3, 0.1 + 0.2, 0), true);
  assert.equal(withinTolerance(0.30001, 0.3, 0), false);
});

test("more digits in positional notation", () => {
  assert.equal(numberText(1.25e-7), "0.000000125");
  assert.equal(numberText(-1.25e21), "-1250000000000000000000");
  assert.equal(numberText(1e21), "1000000000000000000000");
  assert.equal(numberText(0.5), "0.5");
  assert.equal(answerText({ type: "numeric", answer: 5, tolerance: 0 }), "5 (accepted within ± 0)");
  assert.equal(answerText({ type: "essay" }), "");
});

test("FNV-1a hashes of question ids: the published test vectors", async () => {
  const { hashString } = await import("../../quizzes/static/src/grade.js");
  assert.equal(hashString(""), 0x811c9dc5);
  assert.equal(hashString("a"), 0xe40c292c);
  assert.equal(hashString("foobar"), 0xbf9cf968);
});

test("the shuffle of a question's options is fixed for a seed and an id", async () => {
  // every reader sees the same order for a chapter, and a reader returning sees the order they
  // answered in; a change of generator would reorder every quiz, so the values are pinned
  const { mulberry32 } = await import("../../quizzes/static/src/grade.js");
  const rand = mulberry32(1);
  assert.deepEqual([rand(), rand(), rand()].map((x) => Math.round(x * 1e9)), [627073941, 2735721, 527447040]);
  assert.deepEqual(shuffledOrder(5, 3633644541, "gaba-site"), [4, 3, 0, 1, 2]);
  assert.deepEqual(shuffledOrder(1, 7, "only"), [0]);
  assert.deepEqual(shuffledOrder(0, 7, "none"), []);
});

test("an exact answer with no tolerance at all, and a blank numeric answer", () => {
  assert.equal(grade({ type: "numeric", answer: 0, tolerance: 0 }, "0"), true);
  assert.equal(withinTolerance(0, 0, 0), true);
  assert.equal(isComplete(numeric, null), false);
});

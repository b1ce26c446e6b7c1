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

// The markup rule of bank text in the page, against the same hand-written cases as quizzes/markup.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { plain, tokens } from "../../quizzes/static/src/markup.js";

const { cases } = JSON.parse(readFileSync(new URL("../fixtures/markup_cases.json", import.meta.url), "utf8"));

for (const c of cases) {
  test(`markup: ${JSON.stringify(c.text)}`, () => {
    assert.deepEqual(tokens(c.text), c.tokens);
  });
}

test("plain text drops the marks and keeps everything else", () => {
  assert.equal(plain("**x** and *y* and `z` and 2 * 3 and {{ 7*7 }}"), "x and y and z and 2 * 3 and {{ 7*7 }}");
});

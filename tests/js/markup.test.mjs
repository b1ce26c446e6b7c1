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

test("inline() builds text nodes and <strong>, <em>, <code>, never HTML", async () => {
  const { inline } = await import("../../quizzes/static/src/markup.js");
  // the few document calls inline() makes, recording what it builds
  const doc = {
    createDocumentFragment: () => ({ kids: [], append(n) { this.kids.push(n); } }),
    createTextNode: (text) => ({ text }),
    createElement: (tag) => ({ tag, textContent: "" }),
  };
  const had = globalThis.document;
  globalThis.document = doc;
  try {
    const frag = inline("**a** <b>x</b> *y* `<i>`");
    assert.deepEqual(frag.kids, [
      { tag: "strong", textContent: "a" },
      { text: " <b>x</b> " },
      { tag: "em", textContent: "y" },
      { text: " " },
      { tag: "code", textContent: "<i>" },
    ]);
    assert.deepEqual(inline(null).kids, []);
  } finally {
    globalThis.document = had;
  }
});

// The little markup bank text may use, the same rule as quizzes/markup.py (both are tested
// against tests/fixtures/markup_cases.json): `code`, **strong** and *emphasis*, where an opening
// mark is not preceded by a letter, digit or asterisk and is followed by a non-space, and a
// closing mark is preceded by a non-space and not followed by a letter, digit or asterisk.
// Everything else is literal text ("2 * 3", "p*", "{{ 7*7 }}"). Written as a scanner, not a
// regular expression with lookbehind, which older phone browsers cannot parse.

const ALNUM = /[\p{L}\p{N}]/u;
const isWordish = (ch) => ch !== undefined && (ch === "*" || ALNUM.test(ch));
const isSpace = (ch) => ch === undefined || /\s/.test(ch);

/** The closing mark of `width` asterisks for an opening one ending at `from`, or -1. */
function closing(text, from, width) {
  for (let k = from + 1; k + width <= text.length; k++) {
    if (text.slice(k, k + width) !== "*".repeat(width)) continue;
    const before = text[k - 1];
    if (!isSpace(before) && before !== "*" && !isWordish(text[k + width])) return k;
  }
  return -1;
}

/** `text` as [kind, content] pieces, kind one of text, strong, em, code. */
export function tokens(text) {
  const s = String(text ?? "");
  const out = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push(["text", plain]);
    plain = "";
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "`") {
      const end = s.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push(["code", s.slice(i + 1, end)]);
        i = end + 1;
        continue;
      }
    } else if (ch === "*" && !isWordish(s[i - 1])) {
      const width = s[i + 1] === "*" ? 2 : 1;
      const first = s[i + width];
      if (!isSpace(first) && first !== "*") {
        const end = closing(s, i + width, width);
        if (end > 0) {
          flush();
          out.push([width === 2 ? "strong" : "em", s.slice(i + width, end)]);
          i = end + width;
          continue;
        }
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

/** The text with its marks dropped (for places that cannot hold formatting, like <option>). */
export const plain = (text) => tokens(text).map(([, content]) => content).join("");

const TAGS = { strong: "strong", em: "em", code: "code" };

/** The text as DOM nodes: text nodes and <strong>, <em>, <code>; never parsed as HTML. */
export function inline(text) {
  const frag = document.createDocumentFragment();
  for (const [kind, content] of tokens(text)) {
    if (kind === "text") frag.append(document.createTextNode(content));
    else {
      const el = document.createElement(TAGS[kind]);
      el.textContent = content;
      frag.append(el);
    }
  }
  return frag;
}

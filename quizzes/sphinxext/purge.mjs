// Trim a stylesheet to the rules some built page or script can use (PurgeCSS, pinned in the
// repository's package-lock.json). Called by styles.py with a JSON request on stdin:
//   {"css": "<path>", "content": ["<glob>", ...], "skip": ["<glob>", ...], "safelist": {...}}
// and writes the trimmed stylesheet to stdout.
import { PurgeCSS } from "purgecss";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const safelist = {
  standard: (request.safelist?.standard ?? []).map((s) => new RegExp(s)),
  deep: (request.safelist?.deep ?? []).map((s) => new RegExp(s)),
  greedy: (request.safelist?.greedy ?? []).map((s) => new RegExp(s)),
};
const [result] = await new PurgeCSS().purge({
  css: [request.css],
  content: request.content,
  skippedContentGlobs: request.skip,
  safelist,
  // custom properties, @font-face rules and keyframes are kept: the theme sets its icons and
  // colours through variables, and the icon font is subset afterwards
  variables: false,
  fontFace: false,
  keyframes: false,
});
process.stdout.write(result.css);

// Write the site's service worker with Workbox (workbox-build, pinned in the repository's
// package-lock.json): injectManifest puts the precache list into the worker bundled from
// quizzes/static/src/sw.js. Called by offline.py with a JSON request on stdin:
//   {"dir": "<built site>", "src": "<bundled worker>", "dest": "<dir>/sw.js",
//    "files": ["<unversioned file, relative to dir>", ...],
//    "versioned": ["<address with its version, relative to dir>", ...]}
// and prints {"count", "size", "warnings"} as JSON.
import { injectManifest } from "workbox-build";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const { count, size, warnings } = await injectManifest({
  swSrc: request.src,
  swDest: request.dest,
  globDirectory: request.dir,
  globPatterns: request.files,
  // a versioned address names its content: no revision needed
  additionalManifestEntries: request.versioned.map((url) => ({ url, revision: null })),
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
});
process.stdout.write(JSON.stringify({ count, size, warnings }));

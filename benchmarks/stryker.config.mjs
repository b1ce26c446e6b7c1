// Stryker (JavaScript mutation testing) over the front end's pure core, with the Node tests.
// Run from the repository root through benchmarks/stryker.sh; a benchmark, not a test (not in CI).
//
// Mutated: the grading, storage, markup and schedule modules, and the figures' model functions,
// which is every line of a figure module above its "// --- DOM ---" marker. Not mutated: the DOM
// code (question.js, quiz.js, study.js, the figures' render() and mount.js), which needs a browser
// and is tested in one (tests/test_*browser*.py); and sw.js and offline.js (service worker glue).
import { readFileSync } from "node:fs";

const CORE = ["grade", "store", "markup", "schedule"].map((m) => `quizzes/static/src/${m}.js`);
const FIGURES = ["dose", "hypnogram", "response"].map((m) => `quizzes/figures/static/src/${m}.js`);

/** `file:1-N`, N the line before the DOM marker (the marker is required: a figure without it
 * would silently be mutated whole or not at all). */
function aboveDom(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const marker = lines.findIndex((line) => line.startsWith("// --- DOM"));
  if (marker < 0) throw new Error(`${file}: no "// --- DOM" marker line`);
  return `${file}:1-${marker}`;
}

export default {
  mutate: [...CORE, ...FIGURES.map(aboveDom)],
  testRunner: "tap",
  // the Node test files, run one by one; each mutant runs only the files that reach it
  tap: { testFiles: ["tests/js/*.test.mjs"] },
  coverageAnalysis: "perTest",
  // the sandbox holds only what the Node tests read (node_modules is linked, not copied)
  ignorePatterns: [
    "/*",
    "!/package.json",
    "!/quizzes",
    "/quizzes/*",
    "!/quizzes/static",
    "/quizzes/static/*",
    "!/quizzes/static/src",
    "!/quizzes/figures",
    "/quizzes/figures/*",
    "!/quizzes/figures/static",
    "/quizzes/figures/static/*",
    "!/quizzes/figures/static/src",
    "!/tests",
    "/tests/*",
    "!/tests/js",
    "!/tests/fixtures",
  ],
  tempDirName: "benchmarks/results/stryker-tmp",
  cleanTempDir: "always",
  concurrency: 2,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: "benchmarks/results/stryker/mutation.html" },
  jsonReporter: { fileName: "benchmarks/results/stryker/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
};

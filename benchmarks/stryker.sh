#!/usr/bin/env bash
# Mutation testing of the front end's pure core (grading, progress store, markup rule, review
# schedule, the figures' models) with Stryker and the Node tests in tests/js/. A benchmark, not a
# test: not in CI. Needs `npm ci` in benchmarks/ (Stryker, pinned there) and at the repository
# root (ts-fsrs, which schedule.js imports). Configuration: benchmarks/stryker.config.mjs.
#
#     benchmarks/stryker.sh            # prints killed/timeout/survived/no coverage and the score
#                                      # per module; the HTML report: benchmarks/results/stryker/
#
# Stryker 9.6 (the last release for Node 20, which the machines run). On the 2-core machine a
# run of the ~1,100 mutants takes about 1.5 minutes (2026-11-26).
set -euo pipefail
cd "$(dirname "$0")/.."
stryker=benchmarks/node_modules/.bin/stryker
if [[ ! -x $stryker ]]; then
  echo "error: Stryker is not installed: run \`npm ci\` in benchmarks/" >&2
  exit 2
fi
start=$SECONDS
"$stryker" run benchmarks/stryker.config.mjs "$@"
echo "stryker run: $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s"

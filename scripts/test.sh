#!/usr/bin/env bash
# Set up and run the whole test suite (bank checks, the book built from clean, browser tests).
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
source "$(dirname "$0")/_setup.sh"
if ! command -v chromium >/dev/null && [ -z "${CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "note: no Chromium found; browser tests will be skipped (set CHROMIUM=/path)" >&2
  fi
fi
source scripts/_pdf_packages.sh
pdf_packages   # the PDF edition's build and tests
python -m quizzes check
exec python -m pytest "$@"

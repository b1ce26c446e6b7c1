#!/usr/bin/env bash
# Set up, check the question banks, and build the site from clean with warnings as errors.
#   scripts/site.sh          build into _build/html
#   scripts/site.sh --serve  build, then serve it on http://127.0.0.1:8000 (Ctrl+C to stop)
source "$(dirname "$0")/_setup.sh"
python -m quizzes check
rm -rf _build/html   # keep the execution cache (_build/.jupyter_cache), rebuild the pages
jupyter-book build . -W -n --keep-going
if [ "${1:-}" = "--serve" ]; then
  echo "Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
  exec python -m http.server 8000 --bind 127.0.0.1 --directory _build/html
fi

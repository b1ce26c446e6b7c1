#!/usr/bin/env bash
# Live preview while you write: rebuilds on every save and reloads the browser.
#   scripts/preview.sh   then open http://127.0.0.1:8001 (PORT=9001 scripts/preview.sh for another)
# Uses sphinx-autobuild on a conf.py generated from _config.yml (kept in _build, never committed).
source "$(dirname "$0")/_setup.sh"
mkdir -p _build/preview
jupyter-book config sphinx . >/dev/null
mv conf.py _build/preview/conf.py
# paths in the generated conf.py are relative to it; point them back at the book
cat >> _build/preview/conf.py <<PY
bibtex_bibfiles = ["$PWD/book/references.bib"]
html_favicon = "$PWD/book/_static/favicon.svg"
PY
exec sphinx-autobuild -c _build/preview . _build/preview/html \
  --host 127.0.0.1 --port "${PORT:-8001}" --watch quizzes \
  --ignore "*/_build/*" --ignore "*/.venv/*" --ignore "*/node_modules/*" --ignore "*/benchmarks/*" \
  --ignore "*/tests/*" --ignore "*/.git/*"

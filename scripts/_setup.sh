# Sourced by the scripts: a project virtualenv with the pinned requirements and the package, the
# pinned npm packages (esbuild, ts-fsrs, workbox-build, axe-core) and the front-end bundles.
# Re-running is cheap: pip and npm only install when their pinned files changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements-$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt -e .
  rm -f .venv/.requirements-* && touch "$stamp"
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/python -m quizzes frontend >/dev/null
export PATH="$PWD/.venv/bin:$PATH"

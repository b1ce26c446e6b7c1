# Sourced by the scripts: a project virtualenv with the pinned requirements and the package.
# Re-running is cheap: pip only installs when requirements.txt or pyproject.toml changed.
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
export PATH="$PWD/.venv/bin:$PATH"

# Sourced by the other scripts: make .venv with gongkai and its test dependencies installed.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.gongkai-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  touch "$stamp"
fi
# the Nu HTML checker (npm's vnu-jar, run with Java) for the HTML conformance tests; without npm the
# tests use html5lib alone (and fail under CI=true, where .ci/run installs npm and Java)
if command -v npm >/dev/null 2>&1 && [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm install --ignore-scripts --no-audit --no-fund --no-save --silent >/dev/null || echo "npm install failed: the Nu HTML checker is missing" >&2
fi
export PATH="$PWD/.venv/bin:$PATH"

#!/usr/bin/env bash
# Creates .venv (repo root) with the pinned Python packages of the Substrait interop suite.
# Idempotent: an up-to-date venv (same requirements.txt) is left alone. Needs Python >= 3.10
# and access to PyPI; installs wheels only (no source builds).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
req="$root/scripts/interop/requirements.txt"
venv="$root/.venv"
stamp="$venv/.relc-interop-requirements"
py="${PYTHON:-}"
if [ -z "$py" ]; then
  for cand in python3.11 python3.12 python3.13 python3.10 python3; do
    if command -v "$cand" >/dev/null 2>&1; then py="$cand"; break; fi
  done
fi
[ -n "$py" ] || { echo "interop:setup: no python3 found" >&2; exit 1; }
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$req" "$stamp"; then
  echo "interop:setup: .venv is up to date"
  exit 0
fi
rm -rf "$venv"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --only-binary=:all: -r "$req"
"$venv/bin/python" -c "import substrait.plan_pb2, datafusion, pyarrow.substrait; print('interop:setup: ok', datafusion.__version__, pyarrow.__version__)"
cp "$req" "$stamp"

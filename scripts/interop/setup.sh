#!/usr/bin/env bash
# Creates .venv (repo root) with the pinned Python packages of the Substrait interop suite
# (requirements.txt) and of the Spark target's tests (requirements-spark.txt).
# Idempotent: an up-to-date venv (same requirements files) is left alone; a changed
# requirements.txt rebuilds it, a changed requirements-spark.txt only installs that file. Needs
# CPython 3.11 or 3.12 (the pins' wheels: pyarrow 26 has none for 3.10, substrait-validator 0.1.4
# none after 3.12) and access to PyPI; installs wheels only, except pyspark, which PyPI has as an
# sdist only (a pure-Python build; pip caches the wheel it builds). Spark itself needs Java 17+.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
req="$root/scripts/interop/requirements.txt"
req_spark="$root/scripts/interop/requirements-spark.txt"
venv="${RELC_VENV:-$root/.venv}"
stamp="$venv/.relc-interop-requirements"
stamp_spark="$venv/.relc-spark-requirements"
supported() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] in ((3, 11), (3, 12)) else 1)' >/dev/null 2>&1; }
py="${PYTHON:-}"
if [ -n "$py" ]; then
  supported "$py" || { echo "interop:setup: PYTHON=$py is not CPython 3.11 or 3.12" >&2; exit 1; }
else
  for cand in python3.12 python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 && supported "$cand"; then py="$cand"; break; fi
  done
fi
[ -n "$py" ] || { echo "interop:setup: needs CPython 3.11 or 3.12 (python3.12 / python3.11 on PATH, or PYTHON=...)" >&2; exit 1; }
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$req" "$stamp"; then
  if [ -f "$stamp_spark" ] && cmp -s "$req_spark" "$stamp_spark"; then
    echo "interop:setup: $venv is up to date"
    exit 0
  fi
else
  rm -rf "$venv"
  "$py" -m venv "$venv"
  "$venv/bin/python" -m pip install --disable-pip-version-check --quiet --only-binary=:all: -r "$req"
  "$venv/bin/python" -c "import substrait.plan_pb2, datafusion, pyarrow.substrait; print('interop:setup: ok', datafusion.__version__, pyarrow.__version__)"
  cp "$req" "$stamp"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --only-binary=:all: --no-binary=pyspark -r "$req_spark"
"$venv/bin/python" -c "import pyspark; print('interop:setup: ok pyspark', pyspark.__version__)"
cp "$req_spark" "$stamp_spark"

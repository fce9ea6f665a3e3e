#!/usr/bin/env bash
# `make test`: lint, format check, type check, then every test (unit, simulator, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"

pulumi_bin="$(bash scripts/ensure-pulumi.sh)"
export PATH="$pulumi_bin:$PWD/$venv/bin:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true

echo "== ruff check" >&2
ruff check .
echo "== ruff format --check" >&2
ruff format --check .
echo "== mypy" >&2
mypy
# The stacks users copy must type-check as strictly (each is a __main__.py: one run each).
for program in __main__.py examples/*/__main__.py; do
	mypy --strict --no-error-summary "$program"
done
echo "== generated files" >&2
python scripts/generate.py --check
echo "== pytest" >&2
python -m pytest "$@"

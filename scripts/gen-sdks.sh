#!/usr/bin/env bash
# Generate the native provider's SDKs from its package schema with Pulumi's code generators.
#
#   scripts/gen-sdks.sh [--schema FILE] [--out DIR] [--version X.Y.Z] [LANG...]
#
# LANG is any of python, nodejs, go (default: all three). Each SDK replaces DIR/<lang>
# (DIR defaults to sdk/ in the checkout, which git ignores). --schema defaults to schema.json at
# the checkout's root; --version overrides the schema's version. The generator is built and
# cached by scripts/ensure-sdkgen.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
schema="$ROOT/schema.json"
out="$ROOT/sdk"
version=()
langs=()
usage() { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
while [ $# -gt 0 ]; do
	case "$1" in
	--schema) schema="${2:?}"; shift 2 ;;
	--out) out="${2:?}"; shift 2 ;;
	--version) version=(--version "${2:?}"); shift 2 ;;
	python | nodejs | go) langs+=("$1"); shift ;;
	*) usage ;;
	esac
done
[ ${#langs[@]} -gt 0 ] || langs=(python nodejs go)
if [ ! -f "$schema" ]; then
	echo "gen-sdks: no schema at $schema (pass --schema; a draft is tools/sdkgen/testdata/schema.json)" >&2
	exit 1
fi

sdkgen="$(bash "$ROOT/scripts/ensure-sdkgen.sh")"
for lang in "${langs[@]}"; do
	rm -rf "${out:?}/$lang" # a clean directory: no files left from resources since removed
	"$sdkgen" --schema "$schema" --lang "$lang" --out "$out/$lang" "${version[@]}"
done

#!/usr/bin/env bash
# Check that the SDKs generated from a package schema are usable, in every language:
#   generate  scripts/gen-sdks.sh into a scratch directory (python, nodejs, go)
#   go        go mod tidy && go build ./...   (Go's own module and build caches)
#   nodejs    tsc -p on the SDK, with typescript, @types/node and @pulumi/pulumi installed from
#             npm once into the cache below
#   python    pip install --no-deps of the SDK into the scratch directory, then import every one
#             of its modules with the project's venv
#   programs  the inline Automation API programs of tests/e2e/sdk_programs compiled against the
#             Go and TypeScript SDKs: DIR/programs/go/sdk-program, DIR/programs/nodejs/bin/index.js
#             (tests/e2e/test_sdk_programs.py runs them against the simulator)
#
#   scripts/check-sdks.sh [--schema FILE] [--keep DIR]
#
# --schema defaults to schema.json at the checkout's root. --keep DIR works in DIR and leaves it
# there (default: a temporary directory, removed at the end). Prints each step and its duration;
# exits non-zero at the first failure. Environment: PYTHON (default .venv/bin/python),
# NOVITA_NPM_PULUMI / NOVITA_NPM_TYPESCRIPT (npm versions), NOVITA_PULUMI_CACHE (cache root).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE_ROOT="${NOVITA_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/novita-pulumi}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
# @pulumi/pulumi: the generated package.json asks for ^3.269; pinned so the cache key is stable.
NPM_PULUMI="${NOVITA_NPM_PULUMI:-3.276.0}"
NPM_TYPESCRIPT="${NOVITA_NPM_TYPESCRIPT:-5.9.3}" # @pulumi/pulumi wants typescript < 7
schema="$ROOT/schema.json"
work=""
while [ $# -gt 0 ]; do
	case "$1" in
	--schema) schema="$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2")"; shift 2 ;;
	--keep) work="${2:?}"; shift 2 ;;
	*) sed -n '10p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
	esac
done

say() { echo "check-sdks: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
now() { date +%s%N; }
# step NAME CMD...: runs CMD, then prints how long it took.
step() {
	local name="$1" t0
	shift
	say "$name ..."
	t0="$(now)"
	"$@" || fail "$name"
	say "$name ok ($(awk -v d=$(($(now) - t0)) 'BEGIN { printf "%.1f", d / 1e9 }')s)"
}

if [ -z "$work" ]; then
	work="$(mktemp -d "${TMPDIR:-/tmp}/check-sdks.XXXXXX")"
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"

generate() { bash "$ROOT/scripts/gen-sdks.sh" --schema "$schema" --out "$work/sdk"; }

check_go() {
	# tidy writes go.sum (and raises the go line to what sdk/v3 needs); -mod=mod allows that.
	# -trimpath as the CLI build uses: packages it compiled come from the build cache.
	(cd "$work/sdk/go" && GOFLAGS=-mod=mod go mod tidy && go build -trimpath ./...)
}

# npm_deps prints a node_modules directory holding what tsc needs, installing it on first use.
npm_deps() {
	command -v npm >/dev/null || { say "npm is needed for the TypeScript check"; return 1; }
	local node_major dir tmp
	node_major="$(node -p 'process.versions.node.split(".")[0]')"
	dir="$CACHE_ROOT/npm/pulumi-$NPM_PULUMI-ts-$NPM_TYPESCRIPT-node$node_major"
	if [ ! -d "$dir/node_modules" ]; then
		mkdir -p "$CACHE_ROOT/npm"
		exec 8>"$CACHE_ROOT/npm/.lock"
		command -v flock >/dev/null && flock 8 # a concurrent run finds it installed after waiting
		if [ ! -d "$dir/node_modules" ]; then
			say "installing @pulumi/pulumi@$NPM_PULUMI typescript@$NPM_TYPESCRIPT @types/node@$node_major into $dir"
			tmp="$(mktemp -d "$CACHE_ROOT/npm/.install.XXXXXX")"
			printf '{"private": true, "dependencies": {"@pulumi/pulumi": "%s", "typescript": "%s", "@types/node": "^%s"}}\n' \
				"$NPM_PULUMI" "$NPM_TYPESCRIPT" "$node_major" >"$tmp/package.json"
			(cd "$tmp" && npm install --no-audit --no-fund >&2) || { rm -rf "$tmp"; return 1; }
			rm -rf "$dir" && mv "$tmp" "$dir"
		fi
		exec 8>&-
	fi
	echo "$dir/node_modules"
}

check_nodejs() {
	local modules
	modules="$(npm_deps)" || return 1
	ln -sfn "$modules" "$work/sdk/nodejs/node_modules" # resolved from the SDK's directory by tsc
	"$modules/.bin/tsc" -p "$work/sdk/nodejs"
}

check_python() {
	[ -x "$PYTHON" ] || { say "no Python at $PYTHON (make .venv/.installed, or set PYTHON)"; return 1; }
	# Installed, not put on PYTHONPATH: the SDK reads its own version from its package metadata.
	rm -rf "$work/site"
	# pip's build backend is noisy about the generated pyproject.toml: show its output on failure only.
	if ! "$PYTHON" -m pip install --no-deps --target "$work/site" "$work/sdk/python" >"$work/pip.log" 2>&1; then
		cat "$work/pip.log" >&2
		return 1
	fi
	local pkg
	pkg="$(cd "$work/sdk/python" && for f in */__init__.py; do dirname "$f"; done | head -n1)"
	PYTHONPATH="$work/site" "$PYTHON" - "$pkg" <<-'EOF'
		import importlib, pkgutil, sys
		root = importlib.import_module(sys.argv[1])
		names = [m.name for m in pkgutil.walk_packages(root.__path__, root.__name__ + ".")]
		for name in names:
		    importlib.import_module(name)
		print(f"check-sdks: imported {root.__name__} {root._utilities.get_version()} and its {len(names)} modules", file=sys.stderr)
	EOF
}

build_programs() {
	local modules program="$work/programs"
	rm -rf "$program" && mkdir -p "$program"
	cp -r "$ROOT/tests/e2e/sdk_programs/go" "$ROOT/tests/e2e/sdk_programs/nodejs" "$program/"
	# Go: go.mod replaces the SDK's module with ../../sdk/go, which is where this copy finds it.
	(cd "$program/go" && GOFLAGS=-mod=mod go mod tidy && go build -trimpath -o sdk-program .) || return 1
	# TypeScript: node_modules holds links to the cached packages and the SDK compiled above
	# (its bin/, with its package.json beside as a published package has it: the SDK reads its
	# version there); Node resolves links to their real paths, so the program and the SDK share
	# one @pulumi/pulumi.
	modules="$(npm_deps)" || return 1
	cp "$work/sdk/nodejs/package.json" "$work/sdk/nodejs/bin/"
	mkdir -p "$program/nodejs/node_modules/@novita-pulumi"
	ln -s "$modules/@pulumi" "$modules/@types" "$program/nodejs/node_modules/"
	ln -s "$work/sdk/nodejs/bin" "$program/nodejs/node_modules/@novita-pulumi/novita"
	"$modules/.bin/tsc" -p "$program/nodejs"
}

total="$(now)"
step "generate SDKs from $schema" generate
step "go: go mod tidy && go build ./..." check_go
step "nodejs: tsc" check_nodejs
step "python: pip install --no-deps && import" check_python
step "programs: go build and tsc of the Automation API programs" build_programs
say "all SDKs ok in $work/sdk ($(awk -v d=$(($(now) - total)) 'BEGIN { printf "%.1f", d / 1e9 }')s)"

#!/usr/bin/env bash
# Make sure the SDK generator tools/pulumi-cli/cmd/sdkgen is built, building it if needed.
#
# Prints, as its only stdout, the absolute path of the `sdkgen` binary. Progress goes to stderr.
# The binary is cached outside the checkout, keyed by a hash of its sources (the wrapper module's
# go.mod/go.sum and its Go files), so any change to them rebuilds it:
#   ${NOVITA_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/novita-pulumi}/sdkgen-<hash>/sdkgen
# It is compiled from the same pinned Pulumi modules as the CLI (scripts/ensure-pulumi.sh), so
# after the CLI is built most packages are already in Go's build cache.
set -euo pipefail

CACHE_ROOT="${NOVITA_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/novita-pulumi}"
MODDIR="$(cd "$(dirname "$0")/../tools/pulumi-cli" && pwd)"

say() { echo "ensure-sdkgen: $*" >&2; }

GO="$(command -v go || true)"
[ -n "$GO" ] || GO=/usr/local/go/bin/go
if [ ! -x "$GO" ]; then
	say "ERROR: Go is needed to build sdkgen (no 'go' on PATH nor /usr/local/go/bin/go)"
	exit 1
fi

# Every Go file of the module takes part (sdkgen imports internal/ packages), plus the Go version.
key="$(
	cd "$MODDIR"
	{
		"$GO" version
		find . -name '*.go' -o -name go.mod -o -name go.sum | LC_ALL=C sort | xargs sha256sum
	} | sha256sum | cut -c1-16
)"
DIR="$CACHE_ROOT/sdkgen-$key"
[ -x "$DIR/sdkgen" ] && touch "$DIR" && echo "$DIR/sdkgen" && exit 0 # touch: in use (see below)

mkdir -p "$CACHE_ROOT"
if command -v flock >/dev/null; then # serialize concurrent builds; the waiter finds it built
	exec 9>"$CACHE_ROOT/.sdkgen.lock"
	flock 9
	[ -x "$DIR/sdkgen" ] && echo "$DIR/sdkgen" && exit 0
fi

say "building sdkgen into $DIR ..."
start=$SECONDS
tmp="$(mktemp -d "$CACHE_ROOT/.sdkgen-build.XXXXXX")" # same filesystem: the final mv is atomic
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
cd "$MODDIR"
GOFLAGS="-mod=readonly -buildvcs=false" "$GO" build -trimpath -o "$tmp/sdkgen" ./cmd/sdkgen >&2
# Builds of other sources unused for a week (not all: another checkout may be using its own).
find "$CACHE_ROOT" -maxdepth 1 -name 'sdkgen-*' -mtime +7 -exec rm -rf {} + || true
mv "$tmp" "$DIR"
say "built sdkgen ($((SECONDS - start))s)"
echo "$DIR/sdkgen"

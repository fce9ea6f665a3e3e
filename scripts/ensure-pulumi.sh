#!/usr/bin/env bash
# Make sure a Pulumi CLI that can run this project is available, building it if needed.
#
# Prints, as its only stdout, the absolute path of a directory holding `pulumi`,
# `pulumi-language-python`, `pulumi-language-python-exec` and `pulumi-resource-pulumi-python`;
# the caller puts it first on PATH:   PATH="$(scripts/ensure-pulumi.sh):$PATH"
# Progress and errors go to stderr.
#
# No prebuilt Pulumi can be downloaded on our machines, so the CLI is built from the Go module
# proxy through the wrapper module tools/pulumi-cli, together with our own minimal Python language
# host (tools/pulumi-cli/cmd/pulumi-language-python). The build (~4 minutes) is cached outside the
# checkout, keyed by version:
#   ${NOVITA_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/novita-pulumi}/pulumi-<version>/bin
# Delete that directory to force a rebuild.
set -euo pipefail

VERSION=v3.274.1 # keep in step with tools/pulumi-cli/go.mod and the language host's version

CACHE_ROOT="${NOVITA_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/novita-pulumi}"
BIN="$CACHE_ROOT/pulumi-$VERSION/bin"
MODDIR="$(cd "$(dirname "$0")/../tools/pulumi-cli" && pwd)"
export PULUMI_SKIP_UPDATE_CHECK=true # `pulumi version` must not try to reach the internet

say() { echo "ensure-pulumi: $*" >&2; }

# The version a `pulumi` binary reports, without the leading "v" (empty if it cannot run).
version_of() { "$1" version 2>/dev/null | sed 's/^v//' || true; }

# True if version $1 >= version $2 (both without "v").
version_ge() { [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }

# 1. A complete Pulumi of at least our version already on PATH (an official install). Our own
#    cache directory is left out of this search: it is judged by step 2, which checks more.
search_path=""
realdir() { (cd "$1" 2>/dev/null && pwd -P) || true; }
bin_real="$(realdir "$BIN")"
IFS=: read -r -a path_dirs <<<"${PATH:-}"
for d in "${path_dirs[@]}"; do
	real="$(realdir "$d")"
	if [ -n "$real" ] && [ "$real" != "$bin_real" ]; then
		search_path="${search_path:+$search_path:}$d"
	fi
done
if found="$(PATH="$search_path" command -v pulumi)" && [ -n "$found" ]; then
	dir="$(cd "$(dirname "$found")" && pwd)"
	have="$(version_of "$found")"
	missing=""
	for companion in pulumi-language-python pulumi-resource-pulumi-python; do
		[ -x "$dir/$companion" ] || PATH="$search_path" command -v "$companion" >/dev/null ||
			missing="$missing $companion"
	done
	if ! version_ge "$have" "${VERSION#v}"; then
		say "ignoring $found: version '${have:-?}' is older than $VERSION"
	elif [ -n "$missing" ]; then
		say "ignoring $found: no$missing beside it or on PATH"
	else
		say "using pulumi v$have from $dir"
		echo "$dir"
		exit 0
	fi
fi

# 2. Our cache. The build is moved into place only once complete, so an existing directory is
#    whole; the language host alone may be missing if it failed to build (warned about below).
cache_ok() {
	[ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-resource-pulumi-python" ] &&
		[ -x "$BIN/pulumi-language-python-exec" ] && [ "$(version_of "$BIN/pulumi")" = "${VERSION#v}" ]
}
# Our language host changes more often than the CLI: it is rebuilt alone when its sources change
# (their hash is kept in $BIN/.language-host-key), without the minutes of a full build.
host_key() {
	(cd "$MODDIR" && find go.mod go.sum cmd/pulumi-language-python internal -type f \
		\( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) 2>/dev/null | LC_ALL=C sort |
		xargs sha256sum | sha256sum | cut -c1-16) || true
}
refresh_host() {
	local key go new
	key="$(host_key)"
	[ "$(cat "$BIN/.language-host-key" 2>/dev/null)" = "$key" ] && return 0
	go="$(command -v go || echo /usr/local/go/bin/go)"
	[ -x "$go" ] || { say "WARNING: no Go to rebuild the changed language host; using the old one"; return 0; }
	exec 8>"$CACHE_ROOT/pulumi-$VERSION/.host.lock"
	command -v flock >/dev/null && flock 8
	[ "$(cat "$BIN/.language-host-key" 2>/dev/null)" = "$key" ] && return 0 # rebuilt while we waited
	say "the language host's sources changed: rebuilding pulumi-language-python ..."
	new="$BIN/.pulumi-language-python.new"
	if (cd "$MODDIR" && GOFLAGS="-mod=readonly -buildvcs=false" "$go" build -trimpath -o "$new" \
		./cmd/pulumi-language-python >&2); then
		mv "$new" "$BIN/pulumi-language-python" # atomic: running hosts keep the old file
		echo "$key" >"$BIN/.language-host-key"
	else
		rm -f "$new"
		say "WARNING: the changed language host failed to build (see above); using the old one"
	fi
	exec 8>&-
}
use_cache() {
	refresh_host
	if [ ! -x "$BIN/pulumi-language-python" ]; then
		say "WARNING: $BIN has no pulumi-language-python (it failed to build): only Automation API"
		say "WARNING: inline programs will work, not 'pulumi up' in a project. rm -rf $BIN to retry."
	fi
	echo "$BIN"
	exit 0
}
cache_ok && use_cache

# 3. Build it.
GO="$(command -v go || true)"
[ -n "$GO" ] || GO=/usr/local/go/bin/go
if [ ! -x "$GO" ]; then
	say "ERROR: Go is needed to build the Pulumi CLI (no 'go' on PATH nor /usr/local/go/bin/go)"
	exit 1
fi

mkdir -p "$CACHE_ROOT/pulumi-$VERSION"
# Serialize concurrent runs (e.g. two make targets at once) where flock exists; the one that waited
# then finds the cache warm.
if command -v flock >/dev/null; then
	exec 9>"$CACHE_ROOT/pulumi-$VERSION/.lock"
	flock 9
	cache_ok && use_cache
	rm -rf "$CACHE_ROOT/pulumi-$VERSION"/.build.* # left by an interrupted run; safe under the lock
fi

say "building pulumi $VERSION (first run only, ~4 minutes) into $BIN ..."
start=$SECONDS
tmp="$(mktemp -d "$CACHE_ROOT/pulumi-$VERSION/.build.XXXXXX")" # same filesystem: the final mv is atomic
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM # run the EXIT trap on Ctrl-C or kill too
mkdir "$tmp/bin"
cd "$MODDIR"
# -mod=readonly: use the committed go.mod/go.sum as they are, never rewrite them.
export GOFLAGS="-mod=readonly -buildvcs=false"

"$GO" build -trimpath -o "$tmp/bin/pulumi" \
	-ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
	github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
say "built pulumi ($((SECONDS - start))s); building the Python language host ..."
if "$GO" build -trimpath -o "$tmp/bin/pulumi-language-python" ./cmd/pulumi-language-python >&2; then
	host_key >"$tmp/bin/.language-host-key"
else
	say "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
	say "ERROR: pulumi-language-python failed to build (see above). Installing the rest:"
	say "Automation API inline programs work, 'pulumi up' in a project directory will not."
	say "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi

# The two Python scripts ship in the sdk/v3 module, without their exec bit.
"$GO" mod download github.com/pulumi/pulumi/sdk/v3 >&2
sdk="$("$GO" list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
cp "$sdk/python/cmd/pulumi-language-python-exec" "$sdk/python/dist/pulumi-resource-pulumi-python" "$tmp/bin/"
chmod 755 "$tmp/bin/"*

got="$(version_of "$tmp/bin/pulumi")"
if [ "$got" != "${VERSION#v}" ]; then
	say "ERROR: the built pulumi reports version '$got', expected $VERSION"
	exit 1
fi

rm -rf "$BIN"
mv "$tmp/bin" "$BIN"
say "pulumi $VERSION ready in $BIN ($((SECONDS - start))s)"
use_cache

#!/usr/bin/env bash
# `make demo`: start the Novita API simulator in the background (state in .demo/), then
# `pulumi up` the root stack against it with a local file:// backend and print the outputs.
# Safe to run again: the simulator is reused and the second `up` changes nothing.
# The stack's config (Pulumi.demo.yaml, git-ignored) points it at the simulator.
# `scripts/demo.sh --clean` stops the simulator and deletes .demo/ and Pulumi.demo.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VENV:-.venv}"
demo_dir="$PWD/.demo"
port="${NOVITA_SIM_PORT:-8765}"
sim_url="http://127.0.0.1:$port"
sim_key="sim-key" # the simulator's key: not a secret, but stored as one like a real key
stack=demo
pid_file="$demo_dir/simulator.pid"

say() { echo "demo: $*" >&2; }

stop_simulator() {
	if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
		kill "$(cat "$pid_file")"
		say "stopped the simulator (pid $(cat "$pid_file"))"
	fi
	rm -f "$pid_file"
}

if [ "${1:-}" = "--clean" ]; then
	stop_simulator
	rm -rf "$demo_dir" "Pulumi.$stack.yaml"
	exit 0
fi

pulumi_bin="$(bash scripts/ensure-pulumi.sh)"
export PATH="$pulumi_bin:$PWD/$venv/bin:$PATH"
export PULUMI_BACKEND_URL="file://$demo_dir/state"
export PULUMI_CONFIG_PASSPHRASE="novita-demo-local-only"
export PULUMI_HOME="$demo_dir/pulumi-home"
export PULUMI_SKIP_UPDATE_CHECK=true
unset NOVITA_API_KEY NOVITA_API_URL # the demo always targets the simulator
mkdir -p "$demo_dir/state"

simulator_up() { python -c "import httpx,sys; httpx.get('$sim_url/_sim/health', timeout=1).raise_for_status()" 2>/dev/null; }

if simulator_up; then
	say "simulator already running at $sim_url"
else
	say "starting the simulator at $sim_url (log: .demo/simulator.log)"
	nohup python -m novita_provider.simulator --port "$port" --api-key "$sim_key" \
		--state "$demo_dir/simulator.json" --ready-delay 2 >"$demo_dir/simulator.log" 2>&1 &
	echo $! >"$pid_file"
	for _ in $(seq 1 100); do
		grep -q "listening on" "$demo_dir/simulator.log" 2>/dev/null && break
		kill -0 "$(cat "$pid_file")" 2>/dev/null || { cat "$demo_dir/simulator.log" >&2; exit 1; }
		sleep 0.1
	done
	simulator_up || { say "the simulator did not start"; cat "$demo_dir/simulator.log" >&2; exit 1; }
fi

pulumi stack select --create "$stack" >/dev/null
pulumi config set novita:apiUrl "$sim_url/gpu-instance/openapi/v1"
if ! pulumi config get novita:apiKey >/dev/null 2>&1; then
	pulumi config set --secret novita:apiKey "$sim_key"
fi
if ! pulumi config get registryPassword >/dev/null 2>&1; then
	pulumi config set --secret registryPassword "demo-registry-password"
fi

pulumi up --yes --refresh --stack "$stack"
echo
say "stack outputs:"
pulumi stack output --stack "$stack"

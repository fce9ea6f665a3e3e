# The two commands a fresh machine needs (see README): `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3

.PHONY: demo test lint sim pulumi clean-demo bench schema plugin sdks check-sdks

$(VENV)/.installed: pyproject.toml requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## Deploy the root stack against the local simulator and print its outputs.
demo: $(VENV)/.installed
	bash scripts/demo.sh

## Lint, format check, type check, and every test.
test: $(VENV)/.installed
	bash scripts/test.sh

## Time the provider on the real engine and count its API calls (not part of `test`; see README).
## Options: make bench BENCH_ARGS="--sizes 1,10 --repeat 3 --profile"
bench: $(VENV)/.installed
	pulumi_bin="$$(bash scripts/ensure-pulumi.sh)" && \
		PATH="$$pulumi_bin:$$PATH" PULUMI_SKIP_UPDATE_CHECK=true \
		$(VENV)/bin/python -m benchmarks.run $(BENCH_ARGS)

## Regenerate schema.json (the native provider's package schema) from the resources' declarations.
schema: $(VENV)/.installed
	$(VENV)/bin/python -m novita_provider.native.schema > schema.json

## Build the wheel holding the native provider plugin (console script pulumi-resource-novita)
## into dist/. From the checkout, bin/pulumi-resource-novita runs the same plugin with .venv.
plugin: $(VENV)/.installed
	$(VENV)/bin/python -m pip wheel --quiet --no-deps --wheel-dir dist .
	@ls dist/novita_pulumi-*.whl
	@echo "from the checkout: point plugins.providers[].path at $(CURDIR)/bin"

## Generate the Python, TypeScript and Go SDKs from schema.json into sdk/ (SDK_LANGS to choose).
sdks: schema
	bash scripts/gen-sdks.sh $(SDK_LANGS)

## Generate the SDKs into a scratch directory and prove them: go build, tsc, Python import.
check-sdks: schema
	bash scripts/check-sdks.sh

## Lint and type check only.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## Run the simulator in the foreground on port 8765.
sim: $(VENV)/.installed
	$(VENV)/bin/python -m novita_provider.simulator --port 8765

## Build (or find) the Pulumi CLI and print its directory.
pulumi:
	bash scripts/ensure-pulumi.sh

## Stop the demo's simulator and delete its state.
clean-demo:
	bash scripts/demo.sh --clean

# The two commands a fresh machine needs (see README): `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3

.PHONY: demo test lint sim pulumi clean-demo bench dist schema docs plugin sdks check-sdks generate check-generated

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

## Time the provider on the real engine and count its API calls (not part of `test`; see docs/guides/benchmark.md).
## Options: make bench BENCH_ARGS="--sizes 1,10 --repeat 3 --profile"
bench: $(VENV)/.installed
	pulumi_bin="$$(bash scripts/ensure-pulumi.sh)" && \
		PATH="$$pulumi_bin:$$PATH" PULUMI_SKIP_UPDATE_CHECK=true \
		$(VENV)/bin/python -m benchmarks.run $(BENCH_ARGS)

## Build the sdist and the wheel into dist/ (standard `python -m build`; see docs/installation-configuration.md).
## build/ and the egg-info go first so that no module removed from the tree can linger in the wheel.
dist: $(VENV)/.installed
	$(VENV)/bin/python -m pip install --quiet build
	rm -rf dist build novita_pulumi.egg-info
	$(VENV)/bin/python -m build --outdir dist .
	@ls dist

## Regenerate schema.json (the native provider's package schema) from the resources' declarations.
schema: $(VENV)/.installed
	$(VENV)/bin/python -m novita_provider.native.schema > schema.json

## Regenerate what the resources' declarations make: each resource's program-side modules
## (resource.py, inputs.py, outputs.py, __init__.py; see novita_provider/codegen/surface.py), schema.json
## and the reference pages under docs/.
## The surface first: the schema's module imports the package, which imports the generated modules.
generate: $(VENV)/.installed
	$(VENV)/bin/python scripts/generate.py
	$(VENV)/bin/python -m novita_provider.native.schema > schema.json.new && mv schema.json.new schema.json
	$(VENV)/bin/python -m novita_provider.codegen.docs

## Fail, listing them, when generated files are not what the declarations make now (`make test` runs it).
check-generated: $(VENV)/.installed
	$(VENV)/bin/python scripts/generate.py --check
	@$(VENV)/bin/python -m novita_provider.native.schema | cmp -s - schema.json || \
		{ echo "schema.json: not what the declarations generate (run \`make generate\`)" >&2; exit 1; }

## Regenerate the reference pages under docs/ (and the generated blocks of docs/_index.md,
## docs/installation-configuration.md and README.md) from the declarations.
docs: $(VENV)/.installed
	$(VENV)/bin/python -m novita_provider.codegen.docs

## The native provider plugin: the wheel carries its console script pulumi-resource-novita
## (make dist); from the checkout, bin/pulumi-resource-novita runs the same plugin with .venv.
plugin: dist
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

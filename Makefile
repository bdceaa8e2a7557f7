# Two commands for people (see README): `make serve` and `make test`. The rest are their parts.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
NODE_STAMP := wizard/node_modules/.package-lock.json

.PHONY: deps serve build test test-fast lint format fuzz bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[site,batch,test]'
	rm -f $(VENV)/.installed-* && touch $@

$(NODE_STAMP): wizard/package.json wizard/package-lock.json
	cd wizard && npm ci --no-audit --no-fund --loglevel=error

deps: $(STAMP) $(NODE_STAMP)

serve: deps           ## build the site with the wizard and serve it with live reload
	$(BIN)/guantong serve --addr 127.0.0.1:8000

build: deps           ## build the site into site/
	$(BIN)/guantong build

test: deps lint       ## the whole test suite: the formatters' check and the linters, the page's own modules (node --test), then pytest
	GUANTONG_PYTHON=$(BIN)/python node --test wizard/src/app/*.test.js wizard/src/app/*/*.test.js wizard/src/worker/*.test.mjs
	$(BIN)/python -m pytest

test-fast: deps lint  ## the edit loop: the linter, the page's modules and the engine tier (no build, no browser)
	GUANTONG_PYTHON=$(BIN)/python node --test wizard/src/app/*.test.js wizard/src/app/*/*.test.js wizard/src/worker/*.test.mjs
	$(BIN)/python -m pytest -q -m engine

lint: deps            ## the formatters and linters: ruff over the Python (pyproject.toml), Biome over the JavaScript and CSS (biome.json)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	wizard/node_modules/.bin/biome check .

format: deps          ## format the tree as lint expects it
	$(BIN)/ruff format .
	wizard/node_modules/.bin/biome format --write .

fuzz: deps            ## the long fuzzing run: 100 000 examples per fuzz test
	GUANTONG_FUZZ_EXAMPLES=100000 $(BIN)/python -m pytest tests/test_fuzz.py -q

bench: deps           ## benchmarks: prints figures, asserts nothing
	$(BIN)/python -m build_scripts.bench

clean:
	rm -rf site $(VENV) wizard/node_modules test-artifacts

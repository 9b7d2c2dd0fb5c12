# Two commands for a newcomer: `make demo` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test test-slow lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wirewatch demo

lint: $(STAMP)
	$(BIN)/ruff check wirewatch flows tasks tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Minutes-long tests (pytest marker `slow`: the soak and the scale-out), left out of `make test`.
test-slow: $(STAMP)
	$(BIN)/pytest -m slow -rP

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction_bench.py
	$(BIN)/python benchmarks/stories_bench.py
	$(BIN)/python benchmarks/detect_bench.py
	$(BIN)/python benchmarks/pipeline_bench.py
	$(BIN)/python benchmarks/dedupe_bench.py
	$(BIN)/python benchmarks/startup_bench.py

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache

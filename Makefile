# Two commands matter: `make run` (the bot) and `make test` (the whole suite).
# Both create or refresh .venv from pyproject.toml first, so nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/borgmesterbot run

# Lint and types first (seconds), then the tests; pytest prints the ten slowest tests.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV)/bin/python bench/eval_answers.py

clean:
	rm -rf $(VENV) data .pytest_cache

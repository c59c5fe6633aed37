# Two commands matter: `make run` (the bot) and `make test` (the whole suite).
# Both create or refresh .venv from pyproject.toml first, pinned by constraints.txt, so nothing is
# installed by hand and every machine (CI included) gets the same versions.
# `make lock` refreshes constraints.txt: the newest versions pyproject.toml allows, resolved in a
# venv of their own (run it to take in security fixes, then `make test`, then commit the file).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
LOCK_VENV := .lock-venv

.PHONY: run test bench eval lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --constraint constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/borgmesterbot run

# Lint and types first (seconds), then the tests in two workers (pytest-xdist, one per core;
# loadgroup keeps the tests of one xdist_group mark, the installed wheel's, in one worker);
# pytest prints the ten slowest tests.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV)/bin/python bench/eval_answers.py

lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet '.[dev]'
	{ echo "# Exact versions for make run/test and CI; refresh with 'make lock' (see the Makefile)."; \
	  $(LOCK_VENV)/bin/pip freeze --exclude borgmesterbot; } > constraints.txt
	rm -rf $(LOCK_VENV)

clean:
	rm -rf $(VENV) $(LOCK_VENV) data .pytest_cache

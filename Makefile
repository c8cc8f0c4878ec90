# tempnb — the two commands a learner needs are `make lab` and `make test`.
# Both create .venv from requirements.lock on first use (and again whenever the
# lock changes), then install tempnb into it (editable).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.tempnb-installed
# Threads pinned for every notebook run, as in the test configuration.
PINNED := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1 NUMEXPR_NUM_THREADS=1
PORT   ?= 8888

.PHONY: lab test notebooks lock bench clean help
.DEFAULT_GOAL := help

help:  ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "tempnb needs Python 3.11 or newer; this is " + sys.version.split()[0])'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

lab: $(STAMP)  ## open the course in JupyterLab (localhost, token auth on)
	$(BIN)/python -m tempnb.lab --port $(PORT)

test: $(STAMP)  ## run everything: unit, property and doc tests, and strict nbval over every notebook
	$(BIN)/python -m pytest

notebooks: $(STAMP)  ## rebuild every notebook from notebooks/src and re-execute it in a fresh kernel
	$(PINNED) $(BIN)/python -m tempnb.notebooks build notebooks/src/*.md

bench: $(STAMP)  ## benchmarks side by side; writes benchmarks/report.md (a few minutes)
	cd benchmarks && $(PINNED) ../$(BIN)/python run.py

lock: $(STAMP)  ## regenerate requirements.lock from pyproject.toml (maintainers)
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --fork-strategy fewest \
	    --python-version 3.11 --no-header --annotation-style line -o requirements.lock
	$(BIN)/python -m tempnb._environment

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

# tempnb — the two commands a learner needs are `make lab` and `make test`.
# Both create a virtual environment from requirements.lock on first use (and
# again whenever the lock or the Python version changes), then install tempnb
# into it (editable). Maintainer scripts live in tools/ (see tools/README.md).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The environment is rebuilt when the lock's content or the Python minor version changes.
PY_MINOR  := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
LOCK_HASH := $(shell $(PYTHON) -c 'import hashlib; print(hashlib.sha256(open("requirements.lock", "rb").read()).hexdigest()[:12])' 2>/dev/null)
STAMP  := $(VENV)/.tempnb-py$(PY_MINOR)-$(LOCK_HASH)
# The npm tools the tests drive (configurable-http-proxy, axe-core), exactly as package-lock.json pins them.
NODE_STAMP := node_modules/.tempnb-$(shell $(PYTHON) -c 'import hashlib; print(hashlib.sha256(open("package-lock.json", "rb").read()).hexdigest()[:12])' 2>/dev/null)
# One BLAS/OpenMP thread for every notebook run: tools/threads.env is the one definition.
PINNED := $(shell cat tools/threads.env)
PORT   ?= 8888
JUPYTERHUB_URL ?=
LAB_FLAGS ?=
# numpy's SIMD paths above SSE4.2 switched off and OpenBLAS forced to an old core:
# the stored outputs must also come out on a learner's older CPU. The names are
# numpy 2.4's (`python -c "import numpy; numpy.show_runtime()"` lists them).
OLD_CPU := NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL AVX512_SPR" OPENBLAS_CORETYPE=Sandybridge

.PHONY: lab test test-old-cpu test-pythons test-core notebooks handouts site lock lock-check bench clean help
.DEFAULT_GOAL := help

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else "tempnb is tested on Python 3.11, 3.12 and 3.13; this is " + sys.version.split()[0])'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs Node.js 20+ and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lab: $(STAMP)  ## open the course in JupyterLab (localhost, token auth on)
	$(BIN)/python tools/lab.py --port $(PORT) $(LAB_FLAGS)

test: $(STAMP) $(NODE_STAMP)  ## run everything: unit, property, doc, notebook (strict nbval), browser and site tests, on every supported Python found
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-old-cpu
	$(MAKE) --no-print-directory test-pythons

test-old-cpu: $(STAMP)  ## strict nbval over every notebook as on an older CPU (no AVX2 / AVX-512)
	@env $(OLD_CPU) $(BIN)/python -c 'from numpy._core._multiarray_umath import __cpu_features__ as f; on = [k for k in ("X86_V3", "X86_V4") if f.get(k)]; raise SystemExit(f"NPY_DISABLE_CPU_FEATURES took no effect: {on} still on; check the names for this numpy" if on else 0)'
	env $(PINNED) $(OLD_CPU) $(BIN)/python -m pytest -q notebooks

test-core: $(STAMP)  ## unit, property and doc tests and strict nbval, without the browser, site, hub and environment tests
	$(BIN)/python -m pytest -q tempnb notebooks tests \
	    --ignore=tests/test_browser.py --ignore=tests/test_site.py --ignore=tests/test_binder.py \
	    --ignore=tests/test_hub.py --ignore=tests/test_hub_links.py

test-pythons:  ## test-core under each other supported Python found (3.11, 3.12, 3.13): every one runs, one line each, then fail if any failed
	@$(PYTHON) tools/pythons.py --except-current --run test-core

notebooks: $(STAMP)  ## rebuild every notebook from notebooks/src and re-execute it in a fresh kernel
	env $(PINNED) $(BIN)/python tools/build_notebooks.py build notebooks/src/*.md

handouts: $(STAMP)  ## student editions without solutions, in handouts/
	$(BIN)/python tools/handouts.py

site: $(STAMP)  ## build the static website of the executed course into site/_build/html (offline); JUPYTERHUB_URL=… adds a JupyterHub launch button
	env TEMPNB_JUPYTERHUB_URL="$(JUPYTERHUB_URL)" $(BIN)/python tools/build_site.py

bench: $(STAMP)  ## benchmarks side by side; writes benchmarks/report.md (a few minutes)
	cd benchmarks && env $(PINNED) ../$(BIN)/python run.py

lock: $(STAMP)  ## regenerate requirements.lock (cooling window: tools/lock.py) and environment.yml, then lock-check (maintainers)
	$(BIN)/python tools/lock.py
	$(BIN)/python tools/render_environment.py
	$(MAKE) --no-print-directory lock-check

lock-check: $(STAMP)  ## maintainers: re-compile the lock against the live package index and require the same pins (never part of make test)
	$(BIN)/python tools/lock.py --check

clean:  ## remove the virtual environments, built site, handouts and caches
	rm -rf .venv .venv-3.* node_modules .pytest_cache .hypothesis build *.egg-info site/_build handouts

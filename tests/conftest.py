"""Shared test configuration: environment, hypothesis profiles, the browser fixture.

Helpers shared by several test modules live in tests/helpers.py; no test module
imports another.
"""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the maintainer scripts in tools/ (not installed)

from tools.build_notebooks import THREAD_ENV  # noqa: E402  (after the path is set)

# One BLAS/OpenMP thread for the whole run (tools/threads.env is the one
# definition); kernels started by nbval inherit the environment.
os.environ.update(THREAD_ENV)
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # no debugger warning on kernel start

# Timing-based deadlines make property tests flaky on shared CI machines; speed
# is measured in benchmarks/, not asserted here. CI runs a fixed, reproducible
# set of examples so a red run can be replayed exactly.
settings.register_profile(
    "tempnb",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("tempnb"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "tempnb")


# ---------------------------------------------------------------- browser tests

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str | None:
    """Debian's Chromium (or TEMPNB_CHROMIUM), if installed: the browser the end-to-end tests drive."""
    explicit = os.environ.get("TEMPNB_CHROMIUM")
    candidates = (explicit,) if explicit else CHROMIUM_CANDIDATES
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def browser_skip_reason() -> str | None:
    if chromium_path() is None:
        explicit = os.environ.get("TEMPNB_CHROMIUM")
        if explicit:
            return f"TEMPNB_CHROMIUM={explicit} is not an executable file"
        return ("Chromium not found (looked for " + ", ".join(CHROMIUM_CANDIDATES)
                + "; install Debian's `chromium` package or set TEMPNB_CHROMIUM)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (it is in requirements.lock; run `make test`)"
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    reason = browser_skip_reason()
    if reason and os.environ.get("CI"):
        # In CI a missing browser is a broken run, not a reason to test less.
        pytest.fail(f"CI is set and the browser tests cannot run: {reason}")
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    return chromium_path()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    reason = browser_skip_reason()
    items = getattr(config, "_tempnb_items", [])
    ran_browser_tests = any("test_browser" in str(getattr(item, "fspath", "")) for item in items)
    if reason and ran_browser_tests:
        terminalreporter.write_line(f"BROWSER TESTS SKIPPED: {reason}", yellow=True, bold=True)


def pytest_collection_modifyitems(session, config, items):
    config._tempnb_items = list(items)

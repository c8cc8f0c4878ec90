"""Compile requirements.lock from pyproject.toml with a cooling window (maintainer tool).

``make lock`` runs this, then tools/render_environment.py. The lock admits only
releases published before ``EXCLUDE_NEWER``, a date at least ``COOLING_DAYS``
before the day the lock is made (``LOCKED_ON``): conda-forge publishes a release
days to weeks after PyPI, and Binder builds environment.yml from conda-forge, so
every pin must have had time to get there. Both dates live here and nowhere
else.

``python tools/lock.py --check`` (``make lock-check``, also the last step of
``make lock``) re-runs :func:`compile_command` on a temporary copy of the lock (uv keeps a
pin that still resolves, as ``make lock`` does) and fails, showing the
difference, unless the lock comes out unchanged: every pin is a release inside the
cooling window that the index serves today, and together they still resolve. It asks a
package index, whose answer can change from one day or machine to the next (a
post-release uploaded inside the window, a yanked file), so it is a maintainer
check and never part of ``make test``; ``make test`` checks offline what the
repository alone decides (tests/test_environment.py).

To refresh the lock: set ``LOCKED_ON`` to today and ``EXCLUDE_NEWER`` to a day
at least ``COOLING_DAYS`` earlier, then run ``make lock``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILE = ROOT / "requirements.lock"

LOCKED_ON = dt.date(2026, 11, 23)
EXCLUDE_NEWER = dt.date(2026, 11, 8)
COOLING_DAYS = 14

# Every Python the course is tested on (pyproject's requires-python says the same):
# one universal lock, one set of versions for all of them.
LOWEST_PYTHON = "3.11"


def uv_executable() -> str:
    """uv from this environment (the dev extra), else from PATH."""
    beside = Path(sys.executable).with_name("uv")
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        raise SystemExit("uv not found: it is in the dev extra of requirements.lock (`make test` installs it)")
    return found


def compile_command(output: Path | str = LOCK_FILE) -> list[str]:
    """The exact `uv pip compile` command line that produces the lock."""
    return [
        uv_executable(), "pip", "compile", str(ROOT / "pyproject.toml"),
        "--all-extras", "--universal", "--fork-strategy", "fewest",
        "--python-version", LOWEST_PYTHON,
        # Midnight UTC, spelled out: uv reads a bare date in the machine's own time zone.
        "--exclude-newer", f"{EXCLUDE_NEWER.isoformat()}T00:00:00Z",
        "--no-header", "--annotation-style", "line",
        "--quiet", "-o", str(output),
    ]


def check() -> int:
    """Re-compile into a temporary file; 0 if the lock is exactly that, else 1 with the difference."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "requirements.lock"
        # Start from a copy, as `make lock` starts from the lock itself: uv keeps an existing pin
        # that still resolves, so any difference is a pin the index can no longer give inside the window.
        shutil.copyfile(LOCK_FILE, fresh)
        result = subprocess.run(compile_command(fresh), cwd=ROOT, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            print(f"lock-check: `uv pip compile` failed (is the package index reachable?):\n{result.stderr[-3000:]}",
                  file=sys.stderr)
            return 2
        diff = list(difflib.unified_diff(LOCK_FILE.read_text().splitlines(), fresh.read_text().splitlines(),
                                         "requirements.lock", f"compiled now (releases before {EXCLUDE_NEWER})",
                                         lineterm="", n=0))
    if diff:
        print("\n".join(diff), file=sys.stderr)
        print("lock-check: requirements.lock is not what the index resolves today; run `make lock` "
              "(README, 'Keeping the lock fresh', says what to do when a release is at fault)", file=sys.stderr)
        return 1
    print(f"lock-check: requirements.lock is exactly what `uv pip compile --exclude-newer {EXCLUDE_NEWER}` "
          "resolves today", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="re-compile into a temporary file and compare (asks the package index)")
    args = parser.parse_args(argv)
    if (LOCKED_ON - EXCLUDE_NEWER).days < COOLING_DAYS:
        raise SystemExit(f"EXCLUDE_NEWER ({EXCLUDE_NEWER}) must be at least {COOLING_DAYS} days before "
                         f"LOCKED_ON ({LOCKED_ON}); edit tools/lock.py")
    if args.check:
        return check()
    subprocess.run(compile_command(), check=True, cwd=ROOT)
    print(f"wrote {LOCK_FILE.name} (releases before {EXCLUDE_NEWER})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Compile requirements.lock from pyproject.toml with a cooling window (maintainer tool).

``make lock`` runs this, then tools/render_environment.py. The lock admits only
releases published before ``EXCLUDE_NEWER``, a date at least ``COOLING_DAYS``
before the day the lock is made (``LOCKED_ON``): conda-forge publishes a release
days to weeks after PyPI, and Binder builds environment.yml from conda-forge, so
every pin must have had time to get there. Both dates live here and nowhere
else; tests/test_environment.py re-runs :func:`compile_command` and requires the
lock to be exactly its output.

To refresh the lock: set ``LOCKED_ON`` to today and ``EXCLUDE_NEWER`` to a day
at least ``COOLING_DAYS`` earlier, then run ``make lock``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
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


def main() -> int:
    if (LOCKED_ON - EXCLUDE_NEWER).days < COOLING_DAYS:
        raise SystemExit(f"EXCLUDE_NEWER ({EXCLUDE_NEWER}) must be at least {COOLING_DAYS} days before "
                         f"LOCKED_ON ({LOCKED_ON}); edit tools/lock.py")
    subprocess.run(compile_command(), check=True, cwd=ROOT)
    print(f"wrote {LOCK_FILE.name} (releases before {EXCLUDE_NEWER})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

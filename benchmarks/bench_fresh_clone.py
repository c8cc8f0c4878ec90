"""`make test` from a fresh clone of the current commit, end to end (virtualenv build included)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from common import table

ROOT = Path(__file__).resolve().parent.parent


def run() -> tuple[str, bool]:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "tempnb"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
        started = time.perf_counter()
        result = subprocess.run(["make", "test"], cwd=clone, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
    tail = [line for line in result.stdout.splitlines() if " passed" in line or " failed" in line]
    outcome = tail[-1].strip("= ") if tail else f"exit code {result.returncode}"
    rows = [["`git clone` + `make test` (builds .venv from the lock, then every test)",
             f"{elapsed / 60:.1f} min", outcome]]
    return table(["what", "time", "result"], rows), result.returncode == 0


if __name__ == "__main__":
    print(run()[0])

"""List the supported Pythons found on this machine (maintainer tool; `make test-pythons` uses it).

The supported versions are pyproject.toml's ``Programming Language :: Python :: 3.X``
classifiers (one source). Each is looked for in pyenv's versions folder first
(pyenv's shims refuse to run a version that is not selected, but the binaries
themselves run), then as ``python3.X`` on PATH. Prints one line per version:
``3.12 /path/to/python3.12``, or ``3.12 missing``.

With ``--run TARGET`` (``make test-pythons``), runs ``make TARGET`` under every
version found, each in its own environment (``.venv-3.X``), one after another
whatever the previous one gave, then prints one line per version, e.g.
``PYTHON 3.12: 1044 passed, 2 skipped``, ``PYTHON 3.13: FAILED (1 failed, 1043
passed)`` or ``PYTHON 3.13 NOT TESTED: no python3.13 found (pyenv or PATH)``, and
exits non-zero if any version failed: one red version never hides another.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def supported_versions(root: Path = ROOT) -> list[str]:
    classifiers = tomllib.loads((root / "pyproject.toml").read_text())["project"]["classifiers"]
    found = [m.group(1) for c in classifiers if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]
    return sorted(found, key=lambda v: tuple(map(int, v.split("."))))


def _runs_as(path: str, version: str) -> bool:
    try:
        result = subprocess.run([path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                capture_output=True, text=True, timeout=30)
    except OSError:
        return False
    return result.returncode == 0 and result.stdout.strip() == version


def pyenv_root() -> Path | None:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    if shutil.which("pyenv"):
        result = subprocess.run(["pyenv", "root"], capture_output=True, text=True)
        if result.returncode == 0:
            return Path(result.stdout.strip())
    return None


def find_python(version: str) -> str | None:
    candidates: list[str] = []
    root = pyenv_root()
    if root is not None:
        def patch(p: Path) -> int:
            tail = p.parent.parent.name.split(".")[2:3]
            return int(tail[0]) if tail and tail[0].isdigit() else -1
        installed = sorted((root / "versions").glob(f"{version}.*/bin/python{version}"), key=patch, reverse=True)
        candidates += [str(p) for p in installed]
    on_path = shutil.which(f"python{version}")
    if on_path:
        candidates.append(on_path)
    return next((c for c in candidates if _runs_as(c, version)), None)


# pytest's closing line, e.g. "== 1 failed, 1043 passed, 2 skipped in 301.2s ==" (or without the rules under -q).
_SUMMARY = re.compile(r"^=*\s*((?:\d+ [a-z]+(?:, )?)+) in [\d.]+s")


def pytest_summary(output: str) -> str | None:
    """The counts of the last pytest closing line in `output` ("1044 passed, 2 skipped"), or None."""
    found = [m.group(1).rstrip(", ") for line in output.splitlines() if (m := _SUMMARY.match(line.strip()))]
    return found[-1] if found else None


def run_each(target: str, versions: list[tuple[str, str | None]], make: str = "make") -> tuple[list[str], bool]:
    """Run `make target` under each (version, python); returns the report lines and whether all passed."""
    report, all_passed = [], True
    for version, python in versions:
        if python is None:
            report.append(f"PYTHON {version} NOT TESTED: no python{version} found (pyenv or PATH)")
            continue
        print(f"== Python {version} ({python})", flush=True)
        captured = []
        with subprocess.Popen([make, "--no-print-directory", target, f"PYTHON={python}", f"VENV=.venv-{version}"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
            assert process.stdout is not None
            for line in process.stdout:  # shown as it comes, kept for the closing line
                print(line, end="", flush=True)
                captured.append(line)
        returncode = process.returncode
        counts = pytest_summary("".join(captured))
        if returncode == 0 and counts:
            report.append(f"PYTHON {version}: {counts}")
        else:
            all_passed = False
            why = counts or f"make {target} exited with {returncode} before pytest reported"
            report.append(f"PYTHON {version}: FAILED ({why})")
    return report, all_passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--except-current", action="store_true",
                        help="leave out the version of the Python running this script")
    parser.add_argument("--run", metavar="TARGET",
                        help="run `make TARGET` under each version found and report each one")
    args = parser.parse_args(argv)
    current = "{}.{}".format(*sys.version_info[:2])
    versions = [(version, find_python(version)) for version in supported_versions()
                if not (args.except_current and version == current)]
    if args.run:
        report, all_passed = run_each(args.run, versions, make=os.environ.get("MAKE", "make"))
        print("\n".join(report))
        return 0 if all_passed else 1
    for version, python in versions:
        print(version, python or "missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""List the supported Pythons found on this machine (maintainer tool; `make test-pythons` uses it).

The supported versions are pyproject.toml's ``Programming Language :: Python :: 3.X``
classifiers (one source). Each is looked for in pyenv's versions folder first
(pyenv's shims refuse to run a version that is not selected, but the binaries
themselves run), then as ``python3.X`` on PATH. Prints one line per version:
``3.12 /path/to/python3.12``, or ``3.12 missing``.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--except-current", action="store_true",
                        help="leave out the version of the Python running this script")
    args = parser.parse_args(argv)
    current = "{}.{}".format(*sys.version_info[:2])
    for version in supported_versions():
        if args.except_current and version == current:
            continue
        print(version, find_python(version) or "missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Helpers shared by the test modules (no test module imports another).

- :func:`central_differences`: the tests' one finite-difference gradient.
- :func:`start_lab`: one JupyterLab server, started exactly as ``make lab``
  starts it (tools/lab.py's command line), on a free port with a random token;
  a context manager that yields ``(base_url, token, process)`` and stops the
  server afterwards.
- :func:`pinned_venv`: a virtual environment built with pip from pinned
  requirements (constrained to requirements.lock), cached per lock hash.
- :func:`copy_repository`: the repository's files (as git sees them) copied
  elsewhere, the way Binder receives them.
- :func:`axe_violations`: axe-core (pinned in package-lock.json, installed by
  ``npm ci``) run on a page in Chromium, with the WCAG 2.0/2.1 A and AA rules.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from tools import lab

ROOT = Path(__file__).resolve().parent.parent


def central_differences(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Gradient of the scalar function `f` at `x` by central differences, one entry at a time.

    The error is O(h²) from truncation plus O(eps/h) from rounding; h = 1e-6 balances the two
    for float64 losses of order 1.
    """
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = f(x)
        x[index] = old - h
        down = f(x)
        x[index] = old
        grad[index] = (up - down) / (2 * h)
    return grad


@contextlib.contextmanager
def start_lab(workdir: Path, *, root_dir: Path | None = None, extra_args: tuple[str, ...] = (),
              extra_env: dict[str, str] | None = None,
              python: Path | str | None = None) -> Iterator[tuple[str, str, subprocess.Popen]]:
    """A JupyterLab server on a free localhost port with a random token, isolated in `workdir`.

    `python` runs the server from another environment (default: this test run's interpreter).
    """
    port, token = lab.free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), JUPYTER_CONFIG_DIR=str(workdir / "config"),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"), **(extra_env or {}))
    kwargs = {"root_dir": root_dir} if root_dir is not None else {}
    argv = lab.command(port, open_browser=False, port_retries=0, token=token, **kwargs) + list(extra_args)
    if python is not None:
        argv[0] = str(python)  # the same command line, run by that environment's interpreter
    log_path = workdir / "server.log"
    log = log_path.open("w")  # a file, not a pipe: an unread pipe can fill and stall the server
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            lab.wait_until_ready(base, token, process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}:\n{log_path.read_text()[-2000:]}") from None
        yield base, token, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


# ------------------------------------------------- environments built from the lock

LOCK_FILE = ROOT / "requirements.lock"

# What pip prints when it cannot reach the package index at all (as opposed to a real
# resolution error, such as a pin the index does not have, which must fail the test).
_NO_INDEX = ("NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
             "Network is unreachable", "ConnectTimeoutError", "Name or service not known")


def cache_dir() -> Path:
    """Where tests keep environments between runs: $TEMPNB_CACHE_DIR, else <user cache>/tempnb."""
    if os.environ.get("TEMPNB_CACHE_DIR"):
        return Path(os.environ["TEMPNB_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tempnb"


@contextlib.contextmanager
def _exclusive(lock_path: Path, *, wait: bool = True) -> Iterator[bool]:
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def pinned_venv(kind: str, requirements: list[str], *, python: Path | str = sys.executable) -> Iterator[Path]:
    """A virtual environment of `requirements` and their dependencies, each at the lock's version; yields its python.

    pip installs ``requirements`` with ``-c requirements.lock``, so every package, direct or
    not, gets exactly the version the lock pins. The environment is built once per
    (`kind`, Python minor version, lock content, requirements) under :func:`cache_dir` and
    reused; an exclusive file lock is held while it is built and used, so two test runs
    never share a half-built environment, and environments of the same kind for an older
    lock are deleted. Skips the calling test if the package index cannot be reached.
    """
    minor = subprocess.run([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    key = hashlib.sha256(LOCK_FILE.read_bytes() + "\n".join(requirements).encode()).hexdigest()[:12]
    folder = cache_dir() / "venvs"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-py{minor}-{key}"
    prefix = folder / name
    with _exclusive(folder / f"{name}.lock"):
        stamp = prefix / ".tempnb-complete"
        if not stamp.exists():
            shutil.rmtree(prefix, ignore_errors=True)
            subprocess.run([str(python), "-m", "venv", str(prefix)], check=True)
            result = subprocess.run(
                [str(prefix / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "--no-compile",  # bytecode is written on first import, for the few modules the tests use
                 "-c", str(LOCK_FILE), *requirements],
                capture_output=True, text=True, timeout=1800,
            )
            if result.returncode != 0:
                shutil.rmtree(prefix, ignore_errors=True)
                output = result.stdout + result.stderr
                if any(marker in output for marker in _NO_INDEX):
                    import pytest  # only here: helpers.py is imported outside pytest too

                    pytest.skip(f"the package index is unreachable, so the {kind} environment cannot be built")
                raise RuntimeError(f"pip could not build the {kind} environment:\n{output[-4000:]}")
            stamp.write_text("\n".join(requirements) + "\n")
        for old in folder.glob(f"{kind}-py{minor}-*.lock"):
            if old.stem != name:
                with _exclusive(old, wait=False) as unused:
                    if unused:  # no other run is using it
                        shutil.rmtree(folder / old.stem, ignore_errors=True)
                        old.unlink()
        yield prefix / "bin" / "python"


def build_requirements() -> list[str]:
    """pyproject's [build-system] requires (exact pins), what pip's isolated build of tempnb installs first."""
    return list(tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"])


def install_without_index_env() -> dict[str, str]:
    """The environment for a test's `pip install` of tempnb itself (postBuild, a wheel build): no index at all.

    pip's isolated build first installs pyproject's build requirements, which it would fetch from
    the package index on every run. They are downloaded once into a folder under
    :func:`cache_dir` (per pin set, like the environments) and pip is pointed at that folder
    alone, so once the folder exists those installs pass with no package index.
    """
    requirements = build_requirements()
    key = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:12]
    folder = cache_dir() / f"build-wheels-{key}"
    with _exclusive(cache_dir().joinpath(f"build-wheels-{key}.lock")):
        stamp = folder / ".tempnb-complete"
        if not stamp.exists():
            shutil.rmtree(folder, ignore_errors=True)
            result = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
                 "--only-binary=:all:", "-d", str(folder), *requirements],
                capture_output=True, text=True, timeout=600,
            )
            if result.returncode != 0:
                shutil.rmtree(folder, ignore_errors=True)
                output = result.stdout + result.stderr
                if any(marker in output for marker in _NO_INDEX):
                    import pytest

                    pytest.skip("the package index is unreachable, so the build requirements cannot be fetched")
                raise RuntimeError(f"pip could not download the build requirements {requirements}:\n{output[-3000:]}")
            stamp.write_text("\n".join(requirements) + "\n")
    return dict(os.environ, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(folder))  # no index: extra ones ignored too


def repository_files(root: Path = ROOT) -> list[str]:
    """The repository's files as git sees them: tracked, plus new ones that .gitignore does not exclude."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=root, capture_output=True, check=True).stdout.decode()
    return sorted({path for path in listing.split("\0") if path and (root / path).is_file()})


def copy_repository(destination: Path, root: Path = ROOT) -> Path:
    """Copy :func:`repository_files` (modes kept, so postBuild stays executable) into `destination`."""
    for relative in repository_files(root):
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
    return destination


def launch_chromium(playwright, executable: str):
    """Headless Chromium from `executable` (Debian's package), as the browser and site tests drive it."""
    return playwright.chromium.launch(
        executable_path=executable, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
    )


class Weird:
    """An answer no exercise check expects: not a number, not an array, and it raises when converted."""

    def __float__(self):
        raise RuntimeError("no")

    def __array__(self, *args, **kwargs):
        raise RuntimeError("no")


# Answers every check must turn into a hint, never an exception: values, and functions that
# return or raise something unexpected (for the checks that call the learner's function).
WEIRD = [None, ..., "text", Weird(), [1, "a"], {"a": 1}, float("nan"), lambda *a: Weird(), lambda *a: 1 / 0,
         lambda *a: (_ for _ in ()).throw(KeyError("x")), lambda *a: [[1, 2], [3]], lambda *a: float("nan")]


# ------------------------------------------------- accessibility (axe-core)

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 level AA, as axe-core tags its rules

AXE_RUN = """
async ([context, tags]) => {
  const result = await axe.run(context || document, {runOnly: {type: 'tag', values: tags},
                                                     resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
                                       count: v.nodes.length}));
}
"""


def axe_violations(page, context: dict | str | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on `page` (a Playwright page), within `context` (axe's
    include/exclude selectors; the whole document by default). The script is read from
    node_modules (``npm ci``), never fetched."""
    if not AXE_SCRIPT.is_file():
        import pytest  # only here: helpers.py is imported outside pytest too

        pytest.fail(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(AXE_RUN, [context, WCAG_TAGS])

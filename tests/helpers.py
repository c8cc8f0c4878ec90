"""Helpers shared by the test modules (no test module imports another).

- :func:`central_differences`: the tests' one finite-difference gradient.
- :func:`start_lab`: one JupyterLab server, started exactly as ``make lab``
  starts it (tools/lab.py's command line), on a free port with a random token;
  a context manager that yields ``(base_url, token, process)`` and stops the
  server afterwards.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
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
              extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, str, subprocess.Popen]]:
    """A JupyterLab server on a free localhost port with a random token, isolated in `workdir`."""
    port, token = lab.free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), JUPYTER_CONFIG_DIR=str(workdir / "config"),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"), **(extra_env or {}))
    kwargs = {"root_dir": root_dir} if root_dir is not None else {}
    argv = lab.command(port, open_browser=False, port_retries=0, token=token, **kwargs) + list(extra_args)
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

"""Start JupyterLab on the course, the way ``make lab`` does (maintainer tool, not installed).

Bound to 127.0.0.1 with token authentication left on (Jupyter generates a
random token and prints the login URL, or takes ``JUPYTER_TOKEN``). The tests
start the server through :func:`command` too, so what they check is what a
learner runs. Imports only the standard library: it runs in any environment
that has JupyterLab, Binder's included (postBuild calls ``--install-settings``).

The launcher replaces itself with the server (``os.execv``), so a signal sent to
``make lab`` (which forwards SIGTERM to its child) reaches JupyterLab itself and
nothing is left holding the port.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"

FIRST_NOTEBOOK = "01-probabilities.ipynb"

# Defaults for the course's JupyterLab: no "fetch Jupyter news?" toast and no
# update checks in a first-time learner's way. Installed as overrides.json in the
# environment's own settings folder, so a learner's personal settings still win.
COURSE_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def install_settings(prefix: Path | str = sys.prefix) -> Path:
    """Merge the course's defaults into ``<prefix>/share/jupyter/lab/settings/overrides.json``."""
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    for plugin, values in COURSE_SETTINGS.items():
        current.setdefault(plugin, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n")
    return path


def command(port: int, *, open_browser: bool = True, port_retries: int = 50,
            token: str | None = None, root_dir: Path = NOTEBOOKS_DIR) -> list[str]:
    """The JupyterLab command line for the course."""
    argv = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.port_retries={port_retries}",
        f"--ServerApp.root_dir={root_dir}",
        f"--ServerApp.open_browser={open_browser}",
        # No "check for updates" / news prompts in a learner's way.
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if token is not None:
        argv.append(f"--IdentityProvider.token={token}")
    if (root_dir / FIRST_NOTEBOOK).exists():
        argv.append(f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # containers often run as root; Jupyter refuses otherwise
    return argv


def free_port() -> int:
    """A localhost port that is free right now (for tests that start their own server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(base_url: str, token: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``/api/status`` until the server answers; raise RuntimeError if it exits or times out."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(f"{base_url}/api/status", headers={"Authorization": f"token {token}"})
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"JupyterLab did not answer /api/status within {timeout:g} s")
        time.sleep(0.25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/lab.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    parser.add_argument("--install-settings", action="store_true",
                        help="only write the course's JupyterLab defaults into this environment (Binder's postBuild)")
    args = parser.parse_args(argv)
    install_settings()
    if args.install_settings:
        return 0
    argv = command(args.port, open_browser=not args.no_browser)
    sys.stdout.flush()
    os.execv(argv[0], argv)  # never returns: this process becomes the server
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""`make lab` starts a JupyterLab that answers on localhost with token auth, and stops cleanly."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from helpers import ROOT, start_lab
from tools import lab


def request(url: str, token: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    headers = {"Authorization": f"token {token}"} if token else {}
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def test_command_binds_localhost_and_keeps_token_auth():
    argv = lab.command(8888)
    assert "--ServerApp.ip=127.0.0.1" in argv
    assert not any("token=" in a and a.endswith("=") for a in argv), "an empty token disables auth"
    assert not any("disable_check_xsrf" in a or "password=" in a for a in argv)


def test_lab_answers_requires_the_token_and_shuts_down_cleanly(tmp_path):
    with start_lab(tmp_path) as (base, token, process):
        status, body = request(f"{base}/api/status", token)
        assert status == 200 and "started" in json.loads(body)
        assert request(f"{base}/api/contents", None)[0] in (401, 403)
        status, body = request(f"{base}/api/contents", token)
        names = {item["name"] for item in json.loads(body)["content"]}
        assert "src" in names
        status, _ = request(f"{base}/lab", token)
        assert status == 200
        assert request(f"{base}/api/shutdown", token, method="POST")[0] in (200, 204)
        assert process.wait(timeout=30) == 0


def test_course_settings_are_merged_into_overrides(tmp_path):
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    lab.install_settings(tmp_path)
    settings = json.loads(path.read_text())
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_lab_opens_on_the_first_notebook():
    argv = lab.command(8888)
    assert f"--LabApp.default_url=/lab/tree/{lab.FIRST_NOTEBOOK}" in argv


def test_launcher_imports_only_the_standard_library():
    # Binder runs it in the runtime environment, which has no test tools.
    code = ("import sys; before = set(sys.modules); import tools.lab; "
            "print(sorted(m.split('.')[0] for m in set(sys.modules) - before))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    third_party = set(eval(out)) - set(sys.stdlib_module_names) - {"tools"}
    assert not third_party, f"tools/lab.py imports {third_party}"


def _stamp() -> Path:
    """The stamp `make` keeps for this environment (same formula as the Makefile)."""
    digest = hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()[:12]
    return Path(sys.prefix) / f".tempnb-py{sys.version_info[0]}.{sys.version_info[1]}-{digest}"


def test_sigterm_to_make_lab_stops_the_server(tmp_path):
    stamp = _stamp()
    if not stamp.exists():
        reason = f"this environment was not built by make (no {stamp.name}); run `make test`"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI runs `make test`, so the stamp must exist: never skip there
        pytest.skip(reason)
    port = lab.free_port()
    token = "t" + os.urandom(8).hex()
    env = dict(os.environ, JUPYTER_TOKEN=token, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"))
    argv = ["make", "--no-print-directory", "-o", str(stamp), "lab", f"PORT={port}", "LAB_FLAGS=--no-browser",
            f"VENV={sys.prefix}", f"PYTHON={sys.executable}"]
    log = (tmp_path / "make.log").open("w")
    make = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    descendants: list[psutil.Process] = []
    try:
        lab.wait_until_ready(f"http://127.0.0.1:{port}", token, make)
        descendants = psutil.Process(make.pid).children(recursive=True)
        assert descendants, "make lab started no server process"
        make.send_signal(signal.SIGTERM)
        make.wait(timeout=30)
        gone, alive = psutil.wait_procs(descendants, timeout=30)
        assert not alive, f"still running after SIGTERM to make: {[p.cmdline()[:3] for p in alive]}"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the port is free again
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=1)
            except OSError:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"port {port} still answers after SIGTERM")
    finally:
        for proc in [*descendants, psutil.Process(make.pid)] if make.poll() is None else descendants:
            try:
                proc.kill()
            except psutil.Error:
                pass
        log.close()

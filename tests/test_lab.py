"""`make lab` starts a JupyterLab that answers on localhost with token auth, and stops cleanly."""

import json
import os
import secrets
import subprocess
import urllib.error
import urllib.request

import pytest

from tempnb import lab


def request(url: str, token: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    headers = {"Authorization": f"token {token}"} if token else {}
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


@pytest.fixture
def lab_server(tmp_path):
    port, token = lab.free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    argv = lab.command(port, open_browser=False, port_retries=0, token=token)
    log = (tmp_path / "server.log").open("w")  # a file, not a pipe: an unread pipe can fill and stall the server
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            lab.wait_until_ready(base, token, process)
        except RuntimeError as error:
            if process.poll() is None:
                process.kill()
            pytest.fail(f"{error}:\n{(tmp_path / 'server.log').read_text()[-2000:]}")
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


def test_command_binds_localhost_and_keeps_token_auth():
    argv = lab.command(8888)
    assert "--ServerApp.ip=127.0.0.1" in argv
    assert not any("token=" in a and a.endswith("=") for a in argv), "an empty token disables auth"
    assert not any("disable_check_xsrf" in a or "password=" in a for a in argv)


def test_lab_answers_requires_the_token_and_shuts_down_cleanly(lab_server):
    base, token, process = lab_server
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

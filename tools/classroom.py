"""A class on a JupyterHub on this machine: the hub test and the hub benchmark share it (maintainer tool).

:func:`start_hub` starts a real JupyterHub on 127.0.0.1 as a small institution would run one:
configurable-http-proxy from ``node_modules`` (package.json pins it; ``make test`` runs
``npm ci``), JupyterHub's ``SharedPasswordAuthenticator`` with one class password (the simulated
students log in through the login form), ``SimpleLocalProcessSpawner`` giving every student
their own home folder under the hub's work folder, and the single-user servers run by this
environment's ``jupyterhub-singleuser`` with nbgitpuller enabled, as the course's Binder /
Zero to JupyterHub image has them (the ``lab`` extra holds both).

A :class:`Student` logs in, follows an nbgitpuller link (:func:`nbgitpuller_link`) the way a
browser does (the hub starts their server, the server pulls the course, then opens the
notebook), and runs a notebook top to bottom in its own kernel through the server's REST and
kernel websocket APIs, as JupyterLab does. Nothing here reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import psutil
import requests
import websocket

from tools import lab
from tools.build_notebooks import THREAD_ENV

ROOT = Path(__file__).resolve().parent.parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
REPOSITORY_FOLDER = "tempnb"  # the repository's name: nbgitpuller's folder for it in a student's home

# What the single-user servers run with beyond the image's defaults. This environment also holds
# the test tools; their server extensions (not in the course's image, environment.yml) stay off.
SINGLEUSER_ARGS = [
    "--ServerApp.jpserver_extensions=jupyterlab_jupytext=False",
    "--ServerApp.jpserver_extensions=jupyter_server_mathjax=False",
    *(["--allow-root"] if os.geteuid() == 0 else []),  # CI containers run as root; a hub would not
]

PORT_BLOCK = 2000  # ports for single-user servers: a class of 20 restarting its servers many times over

HUB_CONFIG = """\
# Written by tools/classroom.py for one run; see that module.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{workdir}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{workdir}/jupyterhub.pid"
c.ConfigurableHTTPProxy.command = ["{proxy}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{workdir}/proxy.pid"
c.ConfigurableHTTPProxy.debug = False

c.JupyterHub.authenticator_class = "shared-password"  # one class password, any student name
c.SharedPasswordAuthenticator.user_password = "{password}"
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: one home folder per student
c.SimpleLocalProcessSpawner.home_dir_template = "{workdir}/homes/{{username}}"
c.Spawner.cmd = ["{singleuser}"]
c.Spawner.args = {args}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.tornado_settings = {{"slow_spawn_timeout": 0}}  # answer at once; the browser waits

# A port of its own for every student's server, from a block just below the range the system
# hands out for "any free port" (ip_local_port_range). JupyterHub's default, random_port(), finds
# a free port and closes it before the server binds it; with twenty servers and their kernels
# starting at once, another server or a kernel can take that port first. The student's server
# then exits ("Address already in use", port_retries is 0), and if the port's new owner is a
# server, the hub takes its answer, even a 404, as "up" (jupyterhub.utils.wait_for_http_server)
# and routes the student to someone else's server. Ports below the range are never handed out
# at random, and the hook never gives one twice.
import itertools, socket  # noqa: E401,E402
try:
    with open("/proc/sys/net/ipv4/ip_local_port_range") as _range:
        _FIRST_RANDOM = int(_range.read().split()[0])
except OSError:  # not Linux: IANA's dynamic range, which macOS uses
    _FIRST_RANDOM = 49152
_PORTS = itertools.count(max(1024, _FIRST_RANDOM - {port_block}))

def _own_port(spawner):
    for port in _PORTS:
        if port >= _FIRST_RANDOM:
            raise RuntimeError(f"no free port left below {{_FIRST_RANDOM}} for {{spawner.user.name}}")
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue  # something else listens there
        spawner.port = port
        return

c.Spawner.pre_spawn_hook = _own_port

# The instructor's token (the test's and benchmark's own view of the hub).
c.JupyterHub.services = [{{"name": "instructor", "api_token": "{api_token}"}}]
c.JupyterHub.load_roles = [{{"name": "instructor", "services": ["instructor"],
                            "scopes": ["admin:users", "admin:servers", "list:users", "read:users"]}}]
"""


@dataclass
class Hub:
    url: str
    api_token: str
    password: str
    workdir: Path
    process: subprocess.Popen
    log: Path

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """The hub's REST API as the instructor."""
        return requests.request(method, f"{self.url}/hub/api{path}", timeout=60,
                                headers={"Authorization": f"token {self.api_token}"}, **kwargs)

    def home(self, name: str) -> Path:
        return self.workdir / "homes" / name

    def processes(self) -> list[psutil.Process]:
        """The hub and everything it started (proxy, single-user servers, kernels)."""
        try:
            hub = psutil.Process(self.process.pid)
            return [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []


def _singleuser() -> Path:
    return Path(sys.executable).with_name("jupyterhub-singleuser")


def _wait_for_hub(url: str, process: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/hub/api/", timeout=5).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"JupyterHub did not answer at {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def start_hub(workdir: Path) -> Iterator[Hub]:
    """A JupyterHub on free 127.0.0.1 ports, all its state in `workdir`; stopped (with everything it started) after."""
    if not PROXY.exists():
        raise FileNotFoundError(f"{PROXY} is missing: `make test` installs it with `npm ci` (Node.js 20+)")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "homes").mkdir(exist_ok=True)
    port, hub_port, proxy_api_port = lab.free_port(), lab.free_port(), lab.free_port()
    api_token, password = secrets.token_hex(24), secrets.token_hex(8)
    config = workdir / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        port=port, hub_port=hub_port, proxy_api_port=proxy_api_port, workdir=workdir, proxy=PROXY,
        password=password, singleuser=_singleuser(), api_token=api_token,
        environment=repr(dict(THREAD_ENV)), args=repr(SINGLEUSER_ARGS), port_block=PORT_BLOCK,
    ))
    log = workdir / "jupyterhub.log"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "JPY_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # git, node, this venv
    with log.open("w") as out:
        process = subprocess.Popen([str(Path(sys.executable).with_name("jupyterhub")), "-f", str(config)],
                                   cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", api_token, password, workdir, process, log)
    try:
        _wait_for_hub(hub.url, process, log)
        yield hub
    finally:
        stop_hub(hub)


def stop_hub(hub: Hub, timeout: float = 60.0) -> None:
    """Stop the hub the way an administrator does (SIGTERM: it stops every server and the proxy), then make sure."""
    started = hub.processes()
    if hub.process.poll() is None:
        hub.process.terminate()
        try:
            hub.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            hub.process.kill()
            hub.process.wait()
    _, alive = psutil.wait_procs([p for p in started if p.pid != hub.process.pid], timeout=15)
    for leftover in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            leftover.kill()


def leftovers(hub: Hub, started: list[psutil.Process]) -> list[str]:
    """Processes among `started` still running (zombies aside)."""
    running = []
    for process in started:
        with contextlib.suppress(psutil.NoSuchProcess):
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                running.append(f"{process.pid} {' '.join(process.cmdline()[:3])}")
    return running


# ------------------------------------------------------------------ the course's git repository

def make_source_clone(parent: Path, *, branch: str = "main") -> str:
    """A local clone of this repository's committed course on `branch`, in `parent`/tempnb: the class's
    git server. Returns its ``file://`` URL."""
    destination = parent / REPOSITORY_FOLDER
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(destination)], check=True)
    subprocess.run(["git", "checkout", "--quiet", "-B", branch], cwd=destination, check=True)
    return destination.as_uri()  # file://…: nbgitpuller clones it like any remote, nothing leaves the machine


def commit_fix(source: Path, notebook: str, old: str, new: str, message: str) -> None:
    """The instructor edits one line of `notebook` in the source clone and commits it."""
    path = source / "notebooks" / notebook
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise ValueError(f"{old!r} occurs {text.count(old)} times in {notebook}, expected once")
    path.write_text(text.replace(old, new), encoding="utf-8")
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    subprocess.run([*git, "commit", "--quiet", "-am", message], cwd=source, check=True)


def nbgitpuller_link(hub_url: str, repository: str, branch: str, notebook: str) -> str:
    """The nbgitpuller link that opens `notebook` (in notebooks/) in JupyterLab on the hub at `hub_url`.

    The recipe the README's "For instructors" section gives, and exactly the link the site's
    "JupyterHub" launch button makes (sphinx-book-theme's ``launch_buttons``): ``user-redirect``
    sends each student to their own server; nbgitpuller pulls `repository` at `branch` into a
    folder named after the repository (its default ``targetpath``), and ``urlpath`` opens the
    notebook there.
    """
    folder = repository.rstrip("/").split("/")[-1]
    query = urlencode({"repo": repository, "urlpath": f"lab/tree/{folder}/notebooks/{notebook}", "branch": branch},
                      safe="/")
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


# ------------------------------------------------------------------ a student

def _browser_session() -> requests.Session:
    """A requests session that, like a browser, retries a request that changes nothing (GET, PUT,
    DELETE) when the connection drops: with twenty servers starting on two cores, a server can
    close a connection before it answers (``RemoteDisconnected``). A POST is never retried."""
    session = requests.Session()
    retry = requests.adapters.Retry(total=3, connect=3, read=2, status=0, backoff_factor=0.5,  # urllib3's Retry
                                    allowed_methods=frozenset({"GET", "PUT", "DELETE", "HEAD"}))
    session.mount("http://", requests.adapters.HTTPAdapter(max_retries=retry))
    return session


class KernelGone(RuntimeError):
    """The student's server no longer has the kernel: it died as it started and Jupyter gave it up."""


@dataclass
class Student:
    hub: Hub
    name: str
    session: requests.Session = field(default_factory=lambda: _browser_session())
    kernels_lost: list[str] = field(default_factory=list)  # kernels that died as they started (run_notebook)

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def log_in(self) -> None:
        """Through the hub's login form, as a browser does (the form's XSRF token included)."""
        login = f"{self.hub.url}/hub/login?next=%2Fhub%2Fhome"
        self.session.get(login, timeout=60).raise_for_status()
        response = self.session.post(login, timeout=60, data={
            "username": self.name, "password": self.hub.password, "_xsrf": self._hub_xsrf()})
        response.raise_for_status()
        if not urlsplit(response.url).path.endswith("/hub/home"):
            raise RuntimeError(f"{self.name} could not log in: landed on {response.url}")

    def hub_log(self, lines: int = 30) -> str:
        """The last `lines` lines of the hub's log that name this student (what an administrator would grep)."""
        log = self.hub.log.read_text(errors="replace").splitlines() if self.hub.log.exists() else []
        return "\n".join([line for line in log if self.name in line][-lines:])

    def _hub_xsrf(self) -> str:
        """The hub's own `_xsrf` cookie (path /hub/), which its login form echoes. A student whose server
        has run also holds that server's `_xsrf` cookie (path /user/<name>/), so the name alone is ambiguous."""
        for cookie in self.session.cookies:
            if cookie.name == "_xsrf" and cookie.path.startswith("/hub"):
                return cookie.value
        return ""

    def follow(self, link: str, timeout: float = 240.0) -> list[dict]:
        """Follow an nbgitpuller link as a browser does; returns the pull's events. Raises if the pull fails."""
        deadline = time.monotonic() + timeout
        pull_page = f"{self.server}/git-pull"
        while True:  # the hub shows "your server is starting" until it is up; the page then reloads
            response = self.session.get(link, timeout=120)
            if not response.ok:
                raise RuntimeError(f"{self.name} got {response.status_code} at {response.url}; the hub's log on them:\n"
                                   + self.hub_log())
            if response.url.startswith(pull_page + "?"):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}'s server did not start within {timeout:.0f} s ({response.url})")
            time.sleep(1.0)
        # What nbgitpuller's status page does in the browser: an EventSource on git-pull/api with the same query.
        query = urlsplit(response.url).query
        events = []
        with self.session.get(f"{pull_page}/api?{query}", stream=True, timeout=180) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    events.append(json.loads(line[len("data: "):]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"{self.name}'s pull did not finish: {events[-3:]}")
        # …then the page opens the link's urlpath.
        target = parse_qs(query)["urlpath"][0]
        opened = self.session.get(f"{self.server}/{target}", timeout=60)
        opened.raise_for_status()
        return events

    def _headers(self) -> dict[str, str]:
        """The XSRF header JupyterLab sends: the value of the server's own `_xsrf` cookie."""
        for cookie in self.session.cookies:
            if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{self.name}"):
                return {"X-XSRFToken": cookie.value}
        return {}

    def _cookie_header(self, url: str) -> str:
        """The Cookie header a browser would send to `url` (the cookies whose path it falls under)."""
        return requests.cookies.get_cookie_header(self.session.cookies, requests.Request("GET", url).prepare()) or ""

    def contents(self, path: str) -> dict:
        response = self.session.get(f"{self.server}/api/contents/{path}?content=1", timeout=60)
        response.raise_for_status()
        return response.json()

    def save(self, path: str, notebook: dict) -> None:
        """Save a notebook through the contents API, as JupyterLab does on Ctrl-S."""
        response = self.session.put(f"{self.server}/api/contents/{path}", timeout=60, headers=self._headers(),
                                    json={"type": "notebook", "format": "json", "content": notebook})
        response.raise_for_status()

    def _message(self, msg_type: str, session: str) -> dict:
        return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": self.name,
                           "session": session, "date": dt.datetime.now(dt.UTC).isoformat(), "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [], "content": {}}

    def _connect_kernel(self, kernel_id: str, session: str, deadline: float,
                        wait: float = 20.0) -> websocket.WebSocket:
        """A websocket to a kernel that has answered a kernel_info_request, as JupyterLab waits for one.

        A kernel can die as it starts: twenty servers on one machine each pick free ports for
        their kernels, and two can pick the same one (the kernel then fails with "Address already
        in use"). Jupyter's restarter starts it again on new ports and tells connected clients
        "restarting"; a client must then reconnect, which is what JupyterLab does. So: connect, ask
        for kernel_info, and on "restarting" or no answer within `wait` (20 s), connect again.

        The connection itself can also time out: with twenty kernels starting at once on a
        small machine, a server may not answer the websocket handshake within `wait` (CI saw
        this once). JupyterLab 4.6 then tries again, up to 7 times, after a random delay whose
        bound doubles each time (``KernelConnection._reconnect`` in @jupyterlab/services); this
        client tries again after 2, 4, 6, … s (at most 10), until the deadline.

        A kernel that keeps dying as it starts is given up by Jupyter's restarter after five
        restarts (``KernelRestarter.restart_limit`` in jupyter_client), and the server then drops it
        (``MappingKernelManager._handle_kernel_died``): its websocket answers 404, and so does
        ``GET /api/kernels/<id>``. Waiting cannot help; this raises :class:`KernelGone` at once.
        """
        channels = f"/api/kernels/{kernel_id}/channels?session_id={session}"
        ws_url = self.server.replace("http://", "ws://", 1) + channels
        attempts = 0
        while True:
            attempts += 1
            try:
                ws = websocket.create_connection(ws_url, cookie=self._cookie_header(self.server + channels),
                                                 header=self._headers(), timeout=wait)
            except (websocket.WebSocketTimeoutException, websocket.WebSocketBadStatusException,
                    ConnectionError, TimeoutError) as error:
                if getattr(error, "status_code", None) == 404 and self._kernel_is_gone(kernel_id):
                    # The restarter's lines and a kernel's own error output do not name the kernel: show
                    # the last of those too, from any server, for whoever reads the failure.
                    raise KernelGone(f"{self.name}: kernel {kernel_id} is gone from the server after {attempts} "
                                     f"websocket attempts; the log on it:\n{self.log_on(kernel_id)}\n"
                                     "the log's last restarts and errors of any kernel:\n"
                                     + self.log_on(("KernelRestarter", "already in use", "Error"), lines=15)
                                     ) from error
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{self.name}: no websocket to kernel {kernel_id} after {attempts} "
                                       f"attempts (last: {error!r})") from error
                time.sleep(min(2.0 * attempts, 10.0))
                continue
            request = self._message("kernel_info_request", session)
            ws.send(json.dumps(request))
            try:
                while True:
                    message = json.loads(ws.recv())
                    if message.get("parent_header", {}).get("msg_id") == request["header"]["msg_id"] and \
                            message["msg_type"] == "kernel_info_reply":
                        return ws
                    if message["msg_type"] == "status" and \
                            message["content"]["execution_state"] in ("restarting", "autorestarting", "dead"):
                        break
            except websocket.WebSocketTimeoutException:
                pass
            ws.close()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: kernel {kernel_id} did not answer after {attempts} connections")
            time.sleep(1.0)

    def _kernel_is_gone(self, kernel_id: str) -> bool:
        """Whether the server answers 404 for the kernel's model (it no longer has that kernel)."""
        response = self.session.get(f"{self.server}/api/kernels/{kernel_id}", timeout=60, headers=self._headers())
        return response.status_code == 404

    def log_on(self, text: str | tuple[str, ...], lines: int = 30) -> str:
        """The last `lines` lines of the hub's log that contain `text` (or any of several). The students'
        servers write into the hub's log (SimpleLocalProcessSpawner's processes inherit its output), so a
        kernel id finds what a student's server said about that kernel."""
        log = self.hub.log.read_text(errors="replace").splitlines() if self.hub.log.exists() else []
        texts = (text,) if isinstance(text, str) else text
        return "\n".join([line for line in log if any(t in line for t in texts)][-lines:])

    def _new_kernel(self, path: str) -> tuple[str, str]:
        """Open `path` with a new python3 kernel, as JupyterLab does: the ids of the session and its kernel."""
        response = self.session.post(f"{self.server}/api/sessions", timeout=60, headers=self._headers(),
                                     json={"path": path, "type": "notebook", "name": path.rsplit("/", 1)[-1],
                                           "kernel": {"name": "python3"}})
        response.raise_for_status()
        return response.json()["id"], response.json()["kernel"]["id"]

    def run_notebook(self, path: str, timeout: float = 300.0, kernels: int = 2) -> list[str]:
        """Run every code cell of `path` in a new kernel of the student's server; the problems seen (none: []).

        If the kernel is gone before the first cell is sent (:class:`KernelGone`: it died as it started,
        before any of the course's code ran in it), the student starts another, as a learner does from
        JupyterLab's kernel menu, up to `kernels` kernels in all. Each kernel given up is recorded in
        :attr:`kernels_lost` with what the server logged about it. A kernel that dies once cells run is a
        problem, never retried.
        """
        notebook = self.contents(path)["content"]
        client_session = uuid.uuid4().hex
        problems = []
        deadline = time.monotonic() + timeout
        for attempt in range(1, kernels + 1):
            session_id, kernel_id = self._new_kernel(path)
            try:
                ws = self._connect_kernel(kernel_id, client_session, deadline)
                break
            except BaseException as error:
                self.session.delete(f"{self.server}/api/sessions/{session_id}", timeout=60, headers=self._headers())
                if not isinstance(error, KernelGone) or attempt == kernels:
                    raise
                self.kernels_lost.append(str(error))
        try:
            ws.settimeout(timeout)
            try:
                for index, cell in enumerate(notebook["cells"]):
                    if cell["cell_type"] != "code":
                        continue
                    request = self._message("execute_request", client_session)
                    request["content"] = {"code": cell["source"], "silent": False, "store_history": True,
                                          "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
                    msg_id = request["header"]["msg_id"]
                    ws.send(json.dumps(request))
                    replied = idle = False
                    while not (replied and idle):
                        if time.monotonic() > deadline:
                            raise TimeoutError(f"{self.name}: {path} did not finish within {timeout:.0f} s")
                        message = json.loads(ws.recv())
                        kind, content = message["msg_type"], message["content"]
                        if kind == "status" and content["execution_state"] in ("restarting", "autorestarting", "dead"):
                            problems.append(f"cell {index}: the kernel died ({content['execution_state']})")
                            break
                        if message.get("parent_header", {}).get("msg_id") != msg_id:
                            continue
                        if kind == "error":
                            problems.append(f"cell {index}: {content['ename']}: {content['evalue']}")
                        elif kind == "stream" and content.get("name") == "stderr":
                            problems.append(f"cell {index}: stderr: {content['text'][:200]}")
                        elif kind == "execute_reply":
                            replied = True
                            if content["status"] != "ok":
                                problems.append(f"cell {index}: execute_reply status {content['status']}")
                        elif kind == "status" and content["execution_state"] == "idle":
                            idle = True
                    if problems:
                        break
            finally:
                ws.close()
        finally:
            self.session.delete(f"{self.server}/api/sessions/{session_id}", timeout=60, headers=self._headers())
        return problems

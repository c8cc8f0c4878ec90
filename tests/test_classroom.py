"""The hub test's client (tools/classroom.py) against a local server that answers late or drops a kernel.

On a loaded machine a student's server can take longer than the client's wait to answer the
websocket handshake for a new kernel (CI saw it once with twenty kernels starting together).
JupyterLab connects again; so must the test's client, or the class test fails for a reason
that is not the course's. Here a tornado server (tornado is what Jupyter's server runs on)
holds back its first handshakes for longer than the client waits, then answers as a kernel does.

A kernel can also die as it starts, five times over, and Jupyter then gives it up and drops it (CI
saw one student's kernel answer 404 until the deadline). The server here does that to the first
kernel of a notebook it opens, so the client must name it at once and start another.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from types import SimpleNamespace

import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web
import tornado.websocket

from tools import classroom

WAIT = 0.5  # the client's handshake wait, in seconds; the server holds back for three times that


class _Kernel(tornado.websocket.WebSocketHandler):
    """Holds back the first `slow` handshakes, then answers kernel_info_request as a kernel does."""

    def initialize(self, state: dict) -> None:
        self.state = state

    async def get(self, *args, **kwargs):
        self.state["handshakes"] += 1
        if self.state["handshakes"] <= self.state["slow"]:
            await asyncio.sleep(3 * WAIT)
            return
        await super().get(*args, **kwargs)

    def on_message(self, message):
        request = json.loads(message)
        if request["header"]["msg_type"] == "execute_request":  # a reply, then idle, as a kernel sends them
            self.state["executed"].append(request["content"]["code"])
            for msg_type, content in (("execute_reply", {"status": "ok"}), ("status", {"execution_state": "idle"})):
                self.write_message(json.dumps({"msg_type": msg_type, "parent_header": request["header"],
                                               "header": {}, "content": content}))
            return
        self.write_message(json.dumps({"msg_type": "kernel_info_reply", "parent_header": request["header"],
                                       "header": {}, "content": {"status": "ok"}}))


class _GoneKernelChannels(tornado.web.RequestHandler):
    """A kernel the server has dropped: its websocket handshake answers 404, as Jupyter's server does."""

    def get(self):
        raise tornado.web.HTTPError(404)


class _KernelModel(tornado.web.RequestHandler):
    def get(self, kernel_id):
        if kernel_id == "gone":
            raise tornado.web.HTTPError(404)
        self.write({"id": kernel_id, "execution_state": "idle"})


class _Sessions(tornado.web.RequestHandler):
    """POST opens the notebook with a new kernel: the first is one that dies as it starts, then "k"."""

    def initialize(self, state: dict) -> None:
        self.state = state

    def post(self):
        kernel = self.state["kernels"].pop(0)
        self.write({"id": f"session-{kernel}", "kernel": {"id": kernel}})

    def delete(self, session_id):
        self.state["deleted"].append(session_id)
        self.set_status(204)


class _Contents(tornado.web.RequestHandler):
    def get(self, path):
        self.write({"content": {"cells": [{"cell_type": "markdown", "source": "# title"},
                                          {"cell_type": "code", "source": "1 + 1"}]}})


@pytest.fixture
def slow_server(tmp_path):
    state = {"handshakes": 0, "slow": 0, "executed": [], "kernels": ["gone", "k"], "deleted": []}
    ready, loop_box = threading.Event(), {}
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    port = sockets[0].getsockname()[1]

    def serve():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application([
            (r"/user/s/api/kernels/k/channels", _Kernel, {"state": state}),
            (r"/user/s/api/kernels/gone/channels", _GoneKernelChannels),
            (r"/user/s/api/kernels/([^/]+)", _KernelModel),
            (r"/user/s/api/sessions", _Sessions, {"state": state}),
            (r"/user/s/api/sessions/([^/]+)", _Sessions, {"state": state}),
            (r"/user/s/api/contents/(.+)", _Contents),
        ])
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        loop_box["loop"], loop_box["server"] = loop, server
        ready.set()
        loop.run_forever()
        server.stop()
        loop.run_until_complete(server.close_all_connections())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    log = tmp_path / "jupyterhub.log"  # what a student's server writes when Jupyter gives a kernel up
    log.write_text("[I 12:00:01 ServerApp] KernelRestarter: restarting kernel (5/5), new random ports\n"
                   "[W 12:00:02 ServerApp] Kernel gone died, removing from map.\n"
                   "[I 12:00:02 ServerApp] another student's line\n")
    student = classroom.Student(SimpleNamespace(url=f"http://127.0.0.1:{port}", log=log), "s")
    yield student, state
    loop_box["loop"].call_soon_threadsafe(loop_box["loop"].stop)
    thread.join(10)
    assert not thread.is_alive()


def test_a_late_handshake_is_tried_again_until_the_kernel_answers(slow_server):
    student, state = slow_server
    state["slow"] = 2  # the first two handshakes go unanswered for longer than the client waits
    ws = student._connect_kernel("k", "session", deadline=time.monotonic() + 30, wait=WAIT)
    try:
        assert ws.connected
    finally:
        ws.close()
    assert state["handshakes"] == 3  # two held back, the third answered


def test_a_server_that_never_answers_gives_a_clear_timeout(slow_server):
    student, state = slow_server
    state["slow"] = 10**6
    with pytest.raises(TimeoutError, match=r"s: no websocket to kernel k after \d+ attempts"):
        student._connect_kernel("k", "session", deadline=time.monotonic() + 1, wait=WAIT)
    assert state["handshakes"] >= 1


def test_a_kernel_the_server_dropped_is_named_at_once_with_what_the_server_logged(slow_server):
    student, state = slow_server
    started = time.monotonic()
    with pytest.raises(classroom.KernelGone, match=r"(?s)s: kernel gone is gone from the server after 1 websocket "
                                                   r"attempts.*Kernel gone died, removing from map") as raised:
        student._connect_kernel("gone", "session", deadline=time.monotonic() + 30, wait=WAIT)
    assert time.monotonic() - started < 10  # not waiting out the 30 s deadline: a dropped kernel never comes back
    assert "another student's line" not in str(raised.value)


def test_a_kernel_that_died_as_it_started_is_replaced_before_any_cell_runs(slow_server):
    student, state = slow_server
    assert student.run_notebook("nb.ipynb", timeout=30) == []
    assert state["executed"] == ["1 + 1"]  # the one code cell ran once, in the second kernel
    assert state["deleted"] == ["session-gone", "session-k"]  # both sessions closed, as JupyterLab closes a tab
    assert len(student.kernels_lost) == 1 and "kernel gone is gone" in student.kernels_lost[0]


def test_a_second_kernel_lost_ends_the_run_with_both_recorded(slow_server):
    student, state = slow_server
    state["kernels"] = ["gone", "gone"]
    with pytest.raises(classroom.KernelGone):
        student.run_notebook("nb.ipynb", timeout=30)
    assert state["executed"] == [] and state["deleted"] == ["session-gone", "session-gone"]
    assert len(student.kernels_lost) == 1  # the first; the second is the error raised


def test_a_student_whose_server_has_run_logs_in_again_with_the_hubs_xsrf_cookie():
    """After a student's server has run, the session holds two `_xsrf` cookies: the hub's (path /hub/) and the
    server's (path /user/<name>/). The login form needs the hub's; asking by name alone is ambiguous (CI once
    failed with requests' CookieConflictError when a test logged a student in a second time)."""
    student = classroom.Student(SimpleNamespace(url="http://127.0.0.1:1"), "s")
    student.session.cookies.set("_xsrf", "the-servers", domain="127.0.0.1", path="/user/s/")
    student.session.cookies.set("_xsrf", "the-hubs", domain="127.0.0.1", path="/hub/")
    assert student._hub_xsrf() == "the-hubs"
    assert student._headers() == {"X-XSRFToken": "the-servers"}

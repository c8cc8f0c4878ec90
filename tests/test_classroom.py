"""The hub test's client (tools/classroom.py) against a local websocket server that answers late.

On a loaded machine a student's server can take longer than the client's wait to answer the
websocket handshake for a new kernel (CI saw it once with twenty kernels starting together).
JupyterLab connects again; so must the test's client, or the class test fails for a reason
that is not the course's. Here a tornado server (tornado is what Jupyter's server runs on)
holds back its first handshakes for longer than the client waits, then answers as a kernel does.
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
        self.write_message(json.dumps({"msg_type": "kernel_info_reply", "parent_header": request["header"],
                                       "header": {}, "content": {"status": "ok"}}))


@pytest.fixture
def slow_server():
    state = {"handshakes": 0, "slow": 0}
    ready, loop_box = threading.Event(), {}
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    port = sockets[0].getsockname()[1]

    def serve():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application([(r"/user/s/api/kernels/k/channels", _Kernel, {"state": state})])
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
    student = classroom.Student(SimpleNamespace(url=f"http://127.0.0.1:{port}"), "s")
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


def test_a_student_whose_server_has_run_logs_in_again_with_the_hubs_xsrf_cookie():
    """After a student's server has run, the session holds two `_xsrf` cookies: the hub's (path /hub/) and the
    server's (path /user/<name>/). The login form needs the hub's; asking by name alone is ambiguous (CI once
    failed with requests' CookieConflictError when a test logged a student in a second time)."""
    student = classroom.Student(SimpleNamespace(url="http://127.0.0.1:1"), "s")
    student.session.cookies.set("_xsrf", "the-servers", domain="127.0.0.1", path="/user/s/")
    student.session.cookies.set("_xsrf", "the-hubs", domain="127.0.0.1", path="/hub/")
    assert student._hub_xsrf() == "the-hubs"
    assert student._headers() == {"X-XSRFToken": "the-servers"}

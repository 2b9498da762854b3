"""`invoke livereload` (`make serve`) starts, serves, reloads and restarts, on loopback."""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import threading
import time
import urllib.request

from .project import INVOKE, copy_project

START_SECONDS, EDIT_SECONDS, RESTART_SECONDS = 240, 60, 240
ARTICLE = os.path.join("content", "articles", "child-abuse-claims",
                       "iicsa-final-report-recommendations.md")
ARTICLE_URL = "/iicsa-final-report-recommendations/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read()


def _wait_for(check, seconds: float, what: str, log: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except OSError:
            found = None
        if found:
            return found
        time.sleep(0.2)
    with open(log, encoding="utf-8") as handle:
        raise AssertionError(f"{what} within {seconds} s; preview log:\n{handle.read()[-3000:]}")


def _listen(port: int, messages: queue.Queue) -> None:
    """Read the reload channel as the page's script does; put each message's paths."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=EDIT_SECONDS + 30)
    conn.request("GET", "/__preview__/events")
    response = conn.getresponse()
    try:
        for raw in response:
            line = raw.decode().strip()
            if line.startswith("data: "):
                messages.put(json.loads(line[6:]))
    except OSError:
        pass


def test_livereload_serves_reloads_and_restarts(tmp_path):
    """Serve, edit an article (a reload names its page), then change settings (a restart)."""
    project = copy_project(tmp_path / "project")
    port, log = _free_port(), str(tmp_path / "preview.log")
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([INVOKE, "livereload", "--port", str(port)], cwd=project,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        home = _wait_for(lambda: _get(port, "/"), START_SECONDS, "the preview did not serve",
                         log)
        assert b'<script src="/__preview__/reload.js"></script></body>' in home
        with open(os.path.join(project, "output", "index.html"), "rb") as handle:
            assert b"__preview__" not in handle.read()  # added when served, never on disk
        assert b"EventSource" in _get(port, "/__preview__/reload.js")

        messages: queue.Queue = queue.Queue()
        threading.Thread(target=_listen, args=(port, messages), daemon=True).start()
        time.sleep(1)  # the listener is connected before the edit
        with open(os.path.join(project, ARTICLE), "a", encoding="utf-8") as handle:
            handle.write("\nA sentence only the preview test writes, zqpreviewzq.\n")
        named = messages.get(timeout=EDIT_SECONDS)
        assert ARTICLE_URL in named
        assert b"zqpreviewzq" in _get(port, ARTICLE_URL)

        # A broken link still previews, and the preview says what a build would refuse.
        with open(os.path.join(project, ARTICLE), "a", encoding="utf-8") as handle:
            handle.write("\nSee [the missing guide](/no-such-guide/).\n")

        def _said() -> bool:
            with open(log, encoding="utf-8") as handle:
                text = handle.read()
            return (f"{ARTICLE}:" in text and "'/no-such-guide/' points at nothing" in text
                    and "refuse the site until they are fixed" in text)
        _wait_for(_said, EDIT_SECONDS, "the preview did not print the check's error", log)

        with open(os.path.join(project, "pelicanconf.py"), "a", encoding="utf-8") as handle:
            handle.write('\nSITENAME = "Restarted Preview Site"\n')
        _wait_for(lambda: b"Restarted Preview Site" in _get(port, "/"), RESTART_SECONDS,
                  "the preview did not restart with the new settings", log)
        assert proc.poll() is None  # the same process, re-executed
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)

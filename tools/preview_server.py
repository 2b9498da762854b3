"""The preview's loopback web server: output/ as files, plus a tiny reload channel.

Pages are served with one added line, `<script src="/__preview__/reload.js">`, before
</body>; the files on disk are never changed (they stay byte-identical to a full build).
The script listens on /__preview__/events (server-sent events, same origin, so the theme's
CSP allows it) and reloads the page when a message names its URL, or "*".
"""

from __future__ import annotations

import json
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/__preview__/"
SCRIPT_TAG = b'<script src="/__preview__/reload.js"></script>'
RELOAD_JS = b"""// Newsdesk preview: reload when the server says this page changed.
new EventSource("/__preview__/events").onmessage = function (event) {
  var paths = JSON.parse(event.data);
  if (paths.indexOf("*") >= 0 || paths.indexOf(location.pathname) >= 0) location.reload();
};
"""
KEEPALIVE_SECONDS = 15


class Reloads:
    """Reload messages: each has a number; listeners wait for one newer than they have seen."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.number = 0
        self.paths: list[str] = []
        self.closed = False

    def send(self, paths: list[str]) -> None:
        """Tell every open page which URL paths changed ("*" for all)."""
        with self._cond:
            self.number += 1
            self.paths = list(paths)
            self._cond.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str] | None]:
        """The newest (number, paths) after `seen`, or (seen, None) on timeout or close."""
        with self._cond:
            self._cond.wait_for(lambda: self.number > seen or self.closed, timeout)
            if self.number > seen:
                return self.number, self.paths
            return seen, None

    def close(self) -> None:
        """End every listener's wait (the server is stopping)."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()


def url_paths(output: str, files) -> list[str]:
    """The URL paths a browser uses for output files (a folder's index.html as the folder)."""
    paths = []
    for path in files:
        rel = os.path.relpath(path, output).replace(os.sep, "/")
        paths.append("/" + rel)
        if rel == "index.html" or rel.endswith("/index.html"):
            paths.append("/" + rel[: -len("index.html")])
    return paths


class _Handler(SimpleHTTPRequestHandler):
    reloads: Reloads

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # an editor's terminal shows the preview's own lines, not every request

    def do_GET(self):  # noqa: N802 - the base class's name
        """The reload script and channel, pages with the script added, other files as is."""
        if self.path == PREFIX + "reload.js":
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS)
        if self.path == PREFIX + "events":
            return self._events()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if path.endswith(".html"):
            return self._page(path)
        return super().do_GET()

    def _page(self, path: str) -> None:
        status = 200
        if not os.path.isfile(path):
            status, path = 404, os.path.join(self.directory, "404.html")
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return self.send_error(404)
        at = data.rfind(b"</body>")
        data = data[:at] + SCRIPT_TAG + data[at:] if at >= 0 else data + SCRIPT_TAG
        self._send(status, "text/html; charset=utf-8", data)

    def _send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.reloads.number
        try:
            while not self.reloads.closed:
                seen, paths = self.reloads.wait(seen, KEEPALIVE_SECONDS)
                line = f"data: {json.dumps(paths)}\n\n" if paths is not None else ": ping\n\n"
                self.wfile.write(line.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def start(output: str, host: str, port: int, reloads: Reloads) -> ThreadingHTTPServer:
    """Serve `output` on host:port from a background thread; return the server."""
    handler = type("Handler", (_Handler,), {"reloads": reloads})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=output))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

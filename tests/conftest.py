"""Shared fixtures: real builds of the real site, served over loopback."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading

import pytest

from tools import build as site_build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> str:
    """The real site (content/), built once per run with the development settings."""
    out = tmp_path_factory.mktemp("site")
    site_build.build("pelicanconf.py", str(out))
    return str(out)


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> str:
    """The real site built with the production settings (absolute URLs)."""
    out = tmp_path_factory.mktemp("published")
    site_build.build("publishconf.py", str(out))
    return str(out)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(folder: str):
    """Serve `folder` on 127.0.0.1 (a free port) in a thread; returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served over loopback (also pytest-playwright's base_url)."""
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture
def tiny_site(tmp_path):
    """Copy the site's content/ to a scratch folder so a test can break it, and build it."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)

    def build(**overrides):
        return site_build.build("pelicanconf.py", str(tmp_path / "out"),
                                overrides={"PATH": str(content), **overrides}, search=False)

    build.content = content
    build.output = tmp_path / "out"
    return build

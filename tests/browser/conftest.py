"""Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Never a downloaded browser: the Debian package, with flags that keep it offline."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}


class PageWatch:
    """Records every request and console error a page makes."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def foreign(self, base_url: str) -> list[str]:
        """Requests that left the test server's host (data: URLs never leave the page)."""
        host = urlsplit(base_url).netloc
        return [u for u in self.requests
                if not u.startswith("data:") and urlsplit(u).netloc != host]


@pytest.fixture
def watch(page):
    return PageWatch(page)

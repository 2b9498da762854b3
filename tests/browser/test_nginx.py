"""The production build behind Debian's nginx with the generated header snippet, in Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.pages import MODEL, PAGE_TYPES
from tools import build as site_build

pytestmark = pytest.mark.browser

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Written out here, not imported from newsdesk.headers: the test states what must arrive.
EXPECTED_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
                               "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                               "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}
# An nginx.conf up to inside `http {`, with pid, logs and temp paths in the scratch folder.
HTTP_TOP = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {tmp}/access.log;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
"""
CONF = HTTP_TOP + """  server {{
    listen 127.0.0.1:{port};
    root {root};
    include {root}/nginx-headers.conf;
    location / {{ try_files $uri $uri/ =404; }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not start on port {port}")


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    """publishconf's build for the nginx origin, served by nginx; yields (origin, output)."""
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()  # first the port: the site's absolute links must name it
    origin = f"http://127.0.0.1:{port}"
    out = tmp / "site"
    site_build.build("publishconf.py", str(out), overrides={"SITEURL": origin, "FEED_DOMAIN": origin})
    # As root, nginx's workers would drop to "nobody", who cannot read pytest's 0700 folders.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(CONF.format(user=user, tmp=tmp, port=port, root=out), encoding="utf-8")
    command = [NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")]
    subprocess.run(command + ["-t", "-q"], check=True)
    subprocess.run(command, check=True)
    try:
        wait_for(port)
        yield origin, str(out)
    finally:
        subprocess.run(command + ["-s", "quit"], check=False)


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.parametrize("path", [MODEL, "/", "/theme/css/site.css"])
def test_security_headers_arrive(nginx_site, path):
    origin, _out = nginx_site
    status, headers, _body = fetch(origin + path)
    assert status == 200
    for name, value in EXPECTED_HEADERS.items():
        assert headers.get(name) == value, name
    features = [f.strip() for f in headers["Permissions-Policy"].split(",")]
    assert {"camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"} <= set(features)


def test_missing_url_is_a_404_with_the_404_page(nginx_site):
    origin, out = nginx_site
    status, headers, body = fetch(origin + "/no-such-page/")
    assert status == 404
    assert body == open(os.path.join(out, "404.html"), "rb").read()
    assert headers.get("Referrer-Policy") == "no-referrer"  # `always`: errors carry them too


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()) + ["/sitemap.xml", "/robots.txt",
                                                             "/feeds/all.atom.xml"])
def test_every_page_type_is_served(nginx_site, path):
    origin, _out = nginx_site
    status, _headers, body = fetch(origin + path)
    assert status == 200 and body


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()) + ["/search/?q=NSPCC"])
def test_pages_run_cleanly_under_the_header_csp(page, watch, nginx_site, path):
    origin, _out = nginx_site
    warnings = []
    page.on("console", lambda msg: msg.type == "warning" and warnings.append(msg.text))
    response = page.goto(origin + path)
    page.wait_for_load_state("networkidle")
    if "q=" in path:  # Pagefind's WebAssembly ran under script-src 'wasm-unsafe-eval'
        expect(page.locator(".pagefind-ui__result-link").first).to_have_attribute("href", MODEL)
    assert response.status == 200
    assert response.headers["content-security-policy"] == EXPECTED_HEADERS["Content-Security-Policy"]
    # CSP violations and unknown Permissions-Policy features are console errors.
    assert watch.errors == [], watch.errors
    # An unknown Permissions-Policy feature is a console warning.
    assert warnings == [], warnings
    assert watch.foreign(origin) == []

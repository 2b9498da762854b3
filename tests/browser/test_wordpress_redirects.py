"""Old WordPress URLs on the imported, production-built site: nginx with the generated map
answers 301; a host with no redirect rules serves the HTML redirect page; Chromium lands on
the new article either way."""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.browser.test_nginx import HTTP_TOP, NGINX, free_port, wait_for
from tests.site.test_wordpress_import import FIXTURES, ROOT, _uploads
from tools import build as site_build
from tools import import_wordpress as wp

pytestmark = pytest.mark.browser

OLD, NEW = "/2021/05/care-home-injury/", "/care-home-injury/"
TITLE = "Claiming after a care home injury"
# Two servers on one site: one with the generated redirect snippets, one without (a host
# like GitHub Pages, where only the HTML redirect pages can help).
CONF = HTTP_TOP + """
  include {root}/nginx-redirects-map.conf;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    include {root}/nginx-redirects.conf;
    location / {{ try_files $uri $uri/ =404; }}
  }}
  server {{
    listen 127.0.0.1:{plain};
    root {root};
    location / {{ try_files $uri $uri/ =404; }}
  }}
}}
"""


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """The firm's export imported with its uploads, built for production, behind nginx."""
    tmp = tmp_path_factory.mktemp("wp-nginx")
    port, plain = free_port(), free_port()
    origin = f"http://127.0.0.1:{port}"
    content = tmp / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    wp.run(os.path.join(FIXTURES, "firm.xml"), os.path.join(FIXTURES, "firm-map.yml"),
           str(content), False, str(tmp / "report.md"), _uploads(tmp / "uploads"))
    out = tmp / "site"
    site_build.build("publishconf.py", str(out), search=False,
                     overrides={"PATH": str(content), "SITEURL": origin, "FEED_DOMAIN": origin})
    user = "user root;" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(CONF.format(user=user, tmp=tmp, port=port, plain=plain, root=out))
    command = [NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")]
    subprocess.run(command + ["-t", "-q"], check=True)
    subprocess.run(command, check=True)
    try:
        wait_for(port)
        wait_for(plain)
        yield origin, f"http://127.0.0.1:{plain}"
    finally:
        subprocess.run(command + ["-s", "quit"], check=False)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _head(url: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location", "")


@pytest.mark.parametrize("old, new", [
    (OLD, NEW), (OLD.rstrip("/"), NEW),
    ("/category/injury/", "/category/personal-injury/"),
])
def test_nginx_answers_an_old_url_with_301_to_the_new(imported_site, old, new):
    origin, _plain = imported_site
    assert _head(origin + old) == (301, origin + new)
    assert _head(origin + new)[0] == 200


def test_nginx_has_no_redirect_for_a_draft(imported_site):
    origin, _plain = imported_site
    assert _head(origin + "/2022/02/first-step/")[0] == 404


@pytest.mark.parametrize("server", ["nginx with the map", "a host without redirect rules"])
def test_an_old_url_lands_on_the_new_article_in_chromium(page, watch, imported_site, server):
    origin, plain = imported_site
    base = origin if server == "nginx with the map" else plain
    page.goto(base + OLD)
    page.wait_for_url(origin + NEW if base == origin else "**" + NEW)
    assert page.url.endswith(NEW)
    assert page.locator("h1").first.inner_text().startswith(TITLE)
    assert watch.errors == []


def test_the_html_redirect_page_is_what_a_plain_host_serves(imported_site):
    _origin, plain = imported_site
    with urllib.request.urlopen(plain + OLD) as response:
        page = response.read().decode()
    assert response.status == 200
    assert '<meta http-equiv="refresh" content="0; url=' in page and NEW in page

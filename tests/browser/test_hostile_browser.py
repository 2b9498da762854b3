"""Each page type of a site with hostile metadata, in Chromium: no dialog, no CSP violation."""

from __future__ import annotations

import pytest

from tests.conftest import serve
from tests.site.test_hostile_metadata import build_hostile

pytestmark = pytest.mark.browser

PATHS = ["/", "/hostile-metadata/", "/hostile-two/", "/archives/", "/tags/", "/authors/",
         "/category/personal-injury/", "/search/?q=quote"]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    server, url = serve(build_hostile(tmp_path_factory, "pelicanconf.py"))
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", PATHS)
def test_no_script_from_metadata_runs(page, watch, hostile_url, path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(hostile_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert dialogs == []
    # A blocked inline script would show here as a Content-Security-Policy console error.
    assert watch.errors == [], watch.errors


def test_tag_and_author_pages_of_hostile_names_load(page, watch, hostile_url):
    page.goto(hostile_url + "/hostile-metadata/")
    links = page.locator(".tags a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links
    for href in links:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        assert page.goto(hostile_url + href).status == 200
        assert dialogs == [] and watch.errors == []

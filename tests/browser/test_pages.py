"""Every page type in real Chromium: loads cleanly, stays on 127.0.0.1, looks right."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

MODEL = "/ons-online-child-sexual-abuse-offences/"
PAGE_TYPES = {
    "home": "/",
    "home page 2": "/page/2/",
    "article": MODEL,
    "page": "/about/",
    "contact": "/contact/",
    "category": "/category/child-abuse-claims/",
    "tag": "/tag/nspcc/",
    "author": "/author/jordans-abuse-team/",
    "archives": "/archives/",
    "categories": "/categories/",
    "tags": "/tags/",
    "authors": "/authors/",
    "404": "/404.html",
    "search": "/search/",
}

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_loads_cleanly_and_stays_local(page, watch, base_url, path):
    response = page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert watch.errors == [], watch.errors
    assert watch.foreign(base_url) == []
    expect(page.locator("h1")).to_have_count(1)


@pytest.mark.parametrize("width", [360, 1280])
def test_model_article_screenshot(page, base_url, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + MODEL)
    expect(page.locator("article blockquote").first).to_contain_text("It is time social networks")
    shot = tmp_path / f"model-article-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # Nothing spills sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

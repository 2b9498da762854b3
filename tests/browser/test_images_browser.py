"""Images in real Chromium: they load, the layout does not shift, the share card resolves."""

from __future__ import annotations

import pytest

from tests.browser.pages import MODEL

pytestmark = pytest.mark.browser

# Sums layout-shift entries (buffered, so shifts before this script ran are counted too).
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_featured_image_loads_without_layout_shift(page, watch, base_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + MODEL)
    page.wait_for_load_state("networkidle")
    img = page.locator("figure.featured-image img")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")
    chosen = img.evaluate("i => i.currentSrc")
    assert chosen.endswith((".avif", ".webp")), chosen  # Chromium takes a modern format
    box = img.bounding_box()
    assert abs(box["width"] / box["height"] - 1600 / 900) < 0.02
    # Scroll through the page so every lazy image loads, then measure the shift.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(CLS) < 0.01
    assert watch.errors == [] and watch.foreign(base_url) == []


def test_card_thumbnails_load(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "/")
    thumbs = page.locator("picture.card-image img")
    assert thumbs.count() > 0
    for i in range(thumbs.count()):
        thumbs.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=thumbs.nth(i).element_handle())
    assert page.evaluate(CLS) < 0.01


def test_share_card_url_resolves(page, base_url):
    page.goto(base_url + "/can-you-sue-your-solicitor/")
    url = page.locator('meta[property="og:image"]').get_attribute("content")
    response = page.request.get(base_url + url)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert response.body()[:8] == b"\x89PNG\r\n\x1a\n"

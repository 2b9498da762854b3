"""Every page type in real Chromium: loads cleanly, stays on 127.0.0.1, looks right."""

from __future__ import annotations

import glob
import os

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from tests.browser.pages import MODEL, PAGE_TYPES


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_loads_cleanly_and_stays_local(page, watch, base_url, path):
    response = page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert watch.errors == [], watch.errors
    assert watch.foreign(base_url) == []
    assert page.context.cookies() == []
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


def test_no_inline_scripts_handlers_or_styles_in_any_page(site):
    """The CSP forbids inline code; so must the HTML (JSON-LD data blocks are not code)."""
    problems = []
    for path in sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True)):
        soup = BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser")
        rel = os.path.relpath(path, site)
        problems += [f"{rel}: inline <script>" for s in soup.find_all("script")
                     if not s.get("src") and s.get("type") != "application/ld+json"]
        problems += [f"{rel}: <style>" for _ in soup.find_all("style")]
        for tag in soup.find_all(True):
            problems += [f"{rel}: <{tag.name} {a}>" for a in tag.attrs
                         if a.lower().startswith("on") or a.lower() == "style"]
            if tag.get("href", "").lower().startswith("javascript:"):
                problems.append(f"{rel}: javascript: link")
    assert problems == [], "\n".join(problems)


def test_model_article_page_weight(page, base_url):
    """HTML + CSS + JS the model article ships, uncompressed (no images, no search bundle)."""
    sizes = {}

    def record(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script") and "/pagefind/" not in response.url:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(base_url + MODEL)
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    for url, size in sorted(sizes.items()):
        print(f"{size:>7} B  {url}")
    print(f"model article: {total / 1024:.1f} KB of HTML+CSS+JS")
    assert {u.rsplit("/", 1)[-1] for u in sizes} >= {"", "site.css", "exit.js"}
    assert total <= 50 * 1024

"""Exit this page in real Chromium: first control, hides the page, leaves history, Shift x3."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from tests.conftest import CONTENT, serve
from tools import build as site_build
from tests.browser.pages import MODEL

pytestmark = pytest.mark.browser

INJURY = "/personal-injury-time-limits/"           # a non-sensitive practice area
FLAGGED = "/no-win-no-fee-explained/"              # personal injury, made `sensitive: true` below
FLAGGED_SOURCE = "articles/personal-injury/no-win-no-fee-explained.md"
EXIT = "[data-exit-this-page]"
PAGE = "<!doctype html><html lang=en><meta charset=utf-8><title>{0}</title><h1>{0}</h1>"


@pytest.fixture(scope="module")
def exit_site(tmp_path_factory):
    """The site, with one personal-injury article flagged sensitive, and the exit URL on loopback."""
    root = tmp_path_factory.mktemp("exit")
    content, out = root / "content", root / "out"
    shutil.copytree(CONTENT, content)
    source = content / FLAGGED_SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Category: Personal Injury\n", "Category: Personal Injury\nSensitive: true\n", 1),
        encoding="utf-8")
    out.mkdir()
    server, url = serve(str(out))  # the port first: the exit URL must name it
    neutral = f"{url}/neutral.html"
    site_build.build("pelicanconf.py", str(out), search=False, overrides={
        "PATH": str(content),
        "EXIT_THIS_PAGE": {"enabled": True, "url": neutral,
                           "categories": ["Child Abuse Claims", "Sexual Abuse Claims"]}})
    (out / "neutral.html").write_text(PAGE.format("Weather"), encoding="utf-8")
    (out / "before.html").write_text(PAGE.format("Before"), encoding="utf-8")
    yield url
    server.shutdown()


def open_from_before(page, url, path=MODEL):
    """Open a neutral page first, then the article, so Back has somewhere to go."""
    page.goto(f"{url}/before.html")
    page.goto(url + path)
    expect(page.locator(EXIT)).to_be_visible()


def focused(page) -> str:
    return page.evaluate("document.activeElement.outerHTML.slice(0, 200)")


def test_exit_is_the_first_control_after_the_skip_link(page, exit_site):
    page.goto(exit_site + MODEL)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), focused(page)
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement.matches('{EXIT}')"), focused(page)
    expect(page.locator(EXIT)).to_have_text("Exit this page")
    # "Cover your tracks online" sits right beside it: the next control.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Cover your tracks online"
    assert page.evaluate("document.activeElement.pathname") == "/cover-your-tracks/"
    assert page.evaluate("!!document.activeElement.closest('.exit-bar')")


# Records, from inside the page, how it looks the moment the exit starts (before the browser
# has left). sessionStorage survives the same-origin trip to the loopback neutral page.
WATCH_EXIT = """
new MutationObserver(function () {
  if (document.documentElement.classList.contains("is-exiting")) {
    sessionStorage.setItem("exit-visibility", getComputedStyle(document.body).visibility);
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["class"]});
"""


def test_click_hides_the_page_at_once_and_replaces_history(page, exit_site):
    page.add_init_script(WATCH_EXIT)
    open_from_before(page, exit_site)
    page.click(EXIT)
    page.wait_for_url(f"{exit_site}/neutral.html")
    assert page.evaluate("sessionStorage.getItem('exit-visibility')") == "hidden"
    page.go_back()
    page.wait_for_url(f"{exit_site}/before.html")
    expect(page.locator("h1")).to_have_text("Before")


def test_shift_three_times_exits(page, exit_site):
    open_from_before(page, exit_site)
    expect(page.locator("[data-exit-hint]")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{exit_site}/neutral.html")
    page.go_back()
    page.wait_for_url(f"{exit_site}/before.html")


def test_shift_twice_then_another_key_does_not_exit(page, exit_site):
    page.goto(exit_site + MODEL)
    for key in ("Shift", "Shift", "a", "Shift"):
        page.keyboard.press(key)
    # leave() marks the page synchronously inside the key handler, before navigating.
    assert not page.evaluate("document.documentElement.classList.contains('is-exiting')")
    assert page.url == exit_site + MODEL
    # The count started again after "a": two more presses make three.
    for _ in range(2):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{exit_site}/neutral.html")


def test_without_javascript_it_is_a_plain_link(browser, exit_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(exit_site + MODEL)
        link = page.locator(EXIT)
        expect(link).to_have_attribute("href", f"{exit_site}/neutral.html")
        expect(page.locator("[data-exit-hint]")).to_be_hidden()
        link.click()
        page.wait_for_url(f"{exit_site}/neutral.html")
    finally:
        context.close()


@pytest.mark.parametrize("path, shown", [(MODEL, True), (INJURY, False), (FLAGGED, True)],
                         ids=["child-abuse area", "personal injury", "sensitive: true"])
def test_exit_shows_only_on_sensitive_articles(page, exit_site, path, shown):
    page.goto(exit_site + path)
    expect(page.locator(EXIT)).to_have_count(1 if shown else 0)
    expect(page.locator(".exit-bar")).to_have_count(1 if shown else 0)


def test_not_on_a_personal_injury_article_of_the_real_site(page, base_url):
    page.goto(base_url + INJURY)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator(EXIT)).to_have_count(0)


def test_site_wide_switch_removes_it(page, tiny_site):
    tiny_site(EXIT_THIS_PAGE={"enabled": False})
    server, url = serve(str(tiny_site.output))
    try:
        for path in (MODEL, "/category/child-abuse-claims/", "/cover-your-tracks/", "/404.html"):
            page.goto(url + path)
            expect(page.locator("h1")).to_have_count(1)
            expect(page.locator(EXIT)).to_have_count(0)
            assert page.locator("script[src*='exit.js']").count() == 0
    finally:
        server.shutdown()

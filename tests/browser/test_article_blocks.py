"""Related links, click-to-call and the call-back form in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import serve
from tools.build import build
from tests.browser.pages import MODEL

ENDPOINT = "/call-back-received"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """The site built with a call-back endpoint on the test server itself."""
    out = tmp_path_factory.mktemp("form-site")
    build("pelicanconf.py", str(out), overrides={"CALLBACK_FORM_ACTION": ENDPOINT}, search=False)
    server, url = serve(str(out))
    yield url
    server.shutdown()


def test_clicking_a_related_link_lands_on_that_article(page, base_url):
    page.goto(base_url + MODEL)
    first = page.locator("[data-related-articles] h3 a").first
    title = first.inner_text()
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(base_url + href)
    expect(page.locator("h1")).to_have_text(title)


def test_cta_and_contact_links_call_the_abuse_team(page, base_url):
    page.goto(base_url + MODEL)
    for block in ("[data-cta]", "[data-contact]"):
        link = page.locator(f"{block} a[href^='tel:']").first
        expect(link).to_have_attribute("href", "tel:+448009555094")
        expect(link).to_be_visible()


def test_call_back_link_reaches_the_form(page, form_site):
    page.goto(form_site + MODEL)
    page.locator("[data-contact] a", has_text="Request a call back").click()
    page.wait_for_url(form_site + "/contact/#call-back")
    expect(page.locator("#call-back form")).to_be_visible()
    expect(page.get_by_label("Your name (required)")).to_be_visible()


def _posts(page) -> list[str]:
    seen = []
    page.on("request", lambda req: req.method == "POST" and seen.append(req.url))
    return seen


def test_form_enforces_required_fields_without_javascript(browser, form_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    posts = _posts(page)
    page.goto(form_site + "/contact/")
    page.locator("#call-back button[type=submit]").click()
    page.wait_for_timeout(300)
    assert posts == []
    assert page.url == form_site + "/contact/"
    invalid = page.eval_on_selector_all("#call-back :invalid", "els => els.map(e => e.name)")
    assert {"name", "phone", "safe_time", "consent"} <= set(invalid)
    # Filled in properly, the same form posts to the configured endpoint.
    page.get_by_label("Your name (required)").fill("A Reader")
    page.get_by_label("Phone number (required)").fill("07700 900123")
    page.get_by_label("Any time is safe").check()
    page.locator("#cb-consent").check()
    with page.expect_request(lambda req: req.method == "POST") as sent:
        page.locator("#call-back button[type=submit]").click()
    assert sent.value.url == form_site + ENDPOINT
    body = sent.value.post_data
    assert "name=A+Reader" in body and "safe_time=any" in body and "website=" in body
    context.close()

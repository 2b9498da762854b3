"""Pagefind search in real Chromium: the right first result, and only article text is indexed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MODEL = "/ons-online-child-sexual-abuse-offences/"
RESULT_LINK = ".pagefind-ui__result-link"

# Pagefind's own JavaScript API, as the search page loads it.
SEARCH = """async (term) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const found = await pagefind.search(term);
  return Promise.all(found.results.map(async r => {
    const data = await r.data();
    return {url: data.url, content: data.content};
  }));
}"""


def test_nspcc_search_puts_the_model_article_first(page, watch, base_url):
    page.goto(base_url + "/search/?q=NSPCC")
    first = page.locator(RESULT_LINK).first
    expect(first).to_be_visible()
    assert first.get_attribute("href").endswith(MODEL)
    expect(first).to_contain_text("ONS reveals over 9,000 online child sexual abuse")
    # The header box shows what was searched for.
    expect(page.locator("#site-search-q")).to_have_value("NSPCC")
    assert watch.errors == [] and watch.foreign(base_url) == []


def test_header_search_box_leads_to_results(page, base_url):
    page.goto(base_url + MODEL)
    page.fill("#site-search-q", "NSPCC")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=NSPCC")
    expect(page.locator(RESULT_LINK).first).to_have_attribute("href", MODEL)


def search(page, base_url, term: str) -> list[dict]:
    page.goto(base_url + "/search/")
    return page.evaluate(SEARCH, term)


# Exact phrases (Pagefind's quoted search; single words would match stems elsewhere).
@pytest.mark.parametrize("term", [
    '"experts in overcoming the particular challenges"',   # the abuse CTA panel
    '"please do not hesitate to contact us"',              # CTA panels
    '"Related Blog Articles"',                              # the related list's heading
    '"Your call is confidential"',                          # the contact block
    '"is authorised and regulated by the Solicitors"',      # the footer's regulatory line
])
def test_blocks_outside_the_article_body_are_not_indexed(page, base_url, term):
    assert [r["url"] for r in search(page, base_url, term)] == []


def test_indexed_text_is_only_the_article_body(page, base_url):
    results = {r["url"]: r["content"] for r in search(page, base_url, "NSPCC")}
    content = results[MODEL]
    assert "It is time social networks" in content.replace("\xa0", " ")
    for outside in ("Your call is confidential", "Opening hours", "Skip to main content",
                    "Exit this page", "Cover your tracks", "Request a call back", "Call free",
                    "Speak to a specialist abuse lawyer", "Breadcrumb", "Tags"):
        assert outside not in content, outside


def test_a_body_phrase_is_found(page, base_url):
    # The counterpart of the tests above: a phrase from the article body does find it.
    urls = [r["url"] for r in search(page, base_url, '"used as gateways for these devastating"')]
    assert MODEL in urls

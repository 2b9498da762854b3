"""The author page in real Chromium: the byline leads there, the profile and lists show."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_byline_leads_to_the_author_page_with_profile_and_articles(page, base_url, watch):
    page.goto(base_url + "/time-limits-child-abuse-claims/")
    page.locator("article .byline a", has_text="Helen Marsh").click()
    expect(page).to_have_url(base_url + "/author/helen-marsh/")
    expect(page.locator("h1")).to_have_text("Helen Marsh")
    profile = page.locator("[data-profile]")
    expect(profile).to_be_visible()
    expect(profile).to_contain_text("Solicitor, admitted 2009")
    expect(profile).to_contain_text("900101")
    expect(page.get_by_role("heading", name="Articles by Helen Marsh")).to_be_visible()
    expect(page.get_by_role("link", name="Time limits for child abuse compensation claims "
                            "explained").first).to_be_visible()
    expect(page.get_by_role("heading", name="Articles reviewed by Helen Marsh")).to_be_visible()
    assert watch.foreign(base_url) == [] and watch.errors == []

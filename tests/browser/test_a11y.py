"""Accessibility in real Chromium: axe-core on every page type, keyboard order, focus, motion."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect
from tests.browser.pages import AREA_ARTICLES, MODEL, PAGE_TYPES

pytestmark = pytest.mark.browser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# The search page is checked after a search has run (below).
PAGES = {**{k: v for k, v in PAGE_TYPES.items() if k != "search"}, **AREA_ARTICLES}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Let the tests inject axe-core: the pages' CSP rightly blocks any inline script."""
    return {**browser_context_args, "bypass_csp": True}


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=AXE)
    result = page.evaluate("async (tags) => await axe.run(document, "
                           "{runOnly: {type: 'tag', values: tags}})", TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
                     for v in violations)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_violations(page, base_url, path):
    page.goto(base_url + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_axe_finds_no_violations_on_search_results(page, base_url):
    page.goto(base_url + "/search/?q=NSPCC")
    expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_axe_catches_a_broken_page(page, base_url):
    # The check itself works: an unlabelled input and an image without alt are reported.
    page.goto(base_url + "/about/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<input type=text><img src=data:,x>')")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"label", "image-alt"} <= ids


# Every visible, enabled control a keyboard user can reach, in document order.
FOCUSABLE = """() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length
          && getComputedStyle(el).visibility !== 'hidden')
  .map(el => el.outerHTML.slice(0, 120))"""

# A focus indicator: an outline of at least 3px, or a box-shadow.
INDICATOR = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 3
                  && s.outlineColor !== 'rgba(0, 0, 0, 0)';
  return {html: el.outerHTML.slice(0, 120), outline, shadow: s.boxShadow !== 'none'};
}"""


def test_keyboard_reaches_every_control_in_order_with_a_visible_focus(page, base_url):
    page.goto(base_url + MODEL)
    expected = page.evaluate(FOCUSABLE)
    assert len(expected) > 30
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        state = page.evaluate(INDICATOR)
        reached.append(state["html"])
        assert state["outline"] or state["shadow"], f"no focus indicator on {state['html']}"
    assert reached == expected


def test_skip_link_moves_focus_to_main(page, base_url):
    page.goto(base_url + MODEL)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


DURATIONS = """() => [...document.querySelectorAll('a, button, input, .button, .exit-this-page, body')]
  .map(el => getComputedStyle(el))
  .flatMap(s => [s.transitionDuration, s.animationDuration])
  .flatMap(d => d.split(',').map(x => parseFloat(x)))"""


def test_reduced_motion_means_no_transitions_or_animations(browser, base_url):
    context = browser.new_context(reduced_motion="reduce", bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(base_url + MODEL)
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
        durations = page.evaluate(DURATIONS)
        assert len(durations) > 20 and max(durations) == 0
        # Inject a transition as a later stylesheet would: the reduce rule must still win.
        page.add_style_tag(content=".button { transition: all 2s; animation: spin 3s; }")
        assert max(page.evaluate(DURATIONS)) == 0
    finally:
        context.close()


def test_no_dark_scheme_is_offered(browser, base_url):
    # The design brief makes a dark scheme optional; none is offered, so a dark preference
    # must not give a half-dark page: the page stays dark text on white.
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(base_url + MODEL)
        colours = page.evaluate("[getComputedStyle(document.body).backgroundColor, "
                                "getComputedStyle(document.body).color]")
        assert colours == ["rgb(255, 255, 255)", "rgb(27, 27, 27)"]
    finally:
        context.close()

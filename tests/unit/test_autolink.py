"""Click-to-call links for phone numbers in rendered HTML (newsdesk.autolink)."""

from __future__ import annotations


import pytest

from newsdesk.autolink import find_phones, link_phones


def tel(e164: str, shown: str) -> str:
    return f'<a href="tel:{e164}" class="tel">{shown}</a>'


FREE = "+448009555094"


@pytest.mark.parametrize("html, expected", [
    # a plain number in a paragraph
    ("<p>Call us free on 0800 9555 094 today.</p>",
     f"<p>Call us free on {tel(FREE, '0800 9555 094')} today.</p>"),
    # typogrify's no-break spaces: found, and kept in the link text as written
    ("<p>Call 0800&nbsp;9555 094.</p>", f"<p>Call {tel(FREE, '0800&nbsp;9555 094')}.</p>"),
    ("<p>Call 0800&#160;9555&nbsp;094</p>", f"<p>Call {tel(FREE, '0800&#160;9555&nbsp;094')}</p>"),
    ("<p>Call 0800\u00a09555\u00a0094</p>", "<p>Call " + tel(FREE, "0800\u00a09555\u00a0094") + "</p>"),
    # two numbers in one paragraph
    ("<p>0808 157 0101 or 0113 496 0303</p>",
     f"<p>{tel('+448081570101', '0808 157 0101')} or {tel('+441134960303', '0113 496 0303')}</p>"),
    # international numbers
    ("<p>From abroad: +44 20 7946 0000.</p>",
     f"<p>From abroad: {tel('+442079460000', '+44 20 7946 0000')}.</p>"),
    ("<p>US office +1 202 555 0143</p>", f"<p>US office {tel('+12025550143', '+1 202 555 0143')}</p>"),
    # brackets and hyphens are part of the number as written
    ("<p>Ring (0113) 496 0303</p>", f"<p>Ring {tel('+441134960303', '(0113) 496 0303')}</p>"),
    ("<p>Ring 0800-9555-094</p>", f"<p>Ring {tel(FREE, '0800-9555-094')}</p>"),
    # inside inline markup that is not skipped
    ("<p><strong>0800 9555 094</strong></p>", f"<p><strong>{tel(FREE, '0800 9555 094')}</strong></p>"),
    ("<ul><li>Abuse team: 0800 9555 094</li></ul>",
     f"<ul><li>Abuse team: {tel(FREE, '0800 9555 094')}</li></ul>"),
    # only text after a skipped element is linked
    ("<p><code>0800 9555 094</code> 0800 9555 094</p>",
     f"<p><code>0800 9555 094</code> {tel(FREE, '0800 9555 094')}</p>"),
])
def test_numbers_are_linked(html, expected):
    assert link_phones(html) == expected


@pytest.mark.parametrize("html", [
    # skipped elements
    "<p><code>0800 9555 094</code></p>",
    "<pre><code>call(0800 9555 094)</code></pre>",
    "<p><kbd>0800 9555 094</kbd> <samp>0113 496 0303</samp></p>",
    "<h1>0800 9555 094</h1><h2>0800 9555 094</h2><h6>0113 496 0303</h6>",
    '<p><a href="tel:+448009555094">0800 9555 094</a></p>',
    '<p><a href="/contact/"><em>Call 0800 9555 094</em></a></p>',
    "<script>var t = '<p>0800 9555 094</p>';</script>",
    "<style>/* 0800 9555 094 */</style>",
    # numbers in attributes and comments are not text
    '<p title="0800 9555 094">x</p>',
    "<!-- 0800 9555 094 -->",
    '<img alt="call 0800 9555 094" src="a.png">',
    # text that is not a phone number
    "<p>In 2017-2018 there were 9,000 incidents.</p>",
    "<p>The years 1990 to 2010 and 2015-2019.</p>",
    "<p>See <em>X v Y</em> [2020] UKSC 13 and [2019] EWHC 1234 (QB).</p>",
    "<p>Our office is at 1 Sample Street, Leeds LS1 1AA.</p>",
    "<p>Damages of &pound;1,250,000 were awarded on 12/03/2021.</p>",
    "<p>Call 0800 123 for help.</p>",
    "<p>Few digits: 12 345</p>",
    "",
])
def test_html_without_linkable_numbers_is_unchanged(html):
    assert link_phones(html) is html


def test_markup_around_a_match_is_kept_byte_for_byte():
    html = ("<h2 id=\"x\">Contact &amp; help</h2>\n<p class='a'>Call &ldquo;us&rdquo; on "
            "0800&nbsp;9555 094 &mdash; or <a href=\"/cb/\">ask us to call</a>.</p>\n"
            "<pre><code>&lt;0800 9555 094&gt;</code></pre>\n<p>Ends&#8230;<br/></p>")
    expected = html.replace("0800&nbsp;9555 094", tel(FREE, "0800&nbsp;9555 094"), 1)
    assert link_phones(html) == expected


def test_skip_tags_nest_and_close():
    html = "<pre><code>0800 9555 094</code> 0800 9555 094</pre><p>0800 9555 094</p>"
    assert link_phones(html) == ("<pre><code>0800 9555 094</code> 0800 9555 094</pre>"
                                 f"<p>{tel(FREE, '0800 9555 094')}</p>")


def test_attribute_holding_a_closing_bracket_does_not_confuse_the_scanner():
    html = '<p><a title="a > b" href="/x">0800 9555 094</a> and 0113 496 0303</p>'
    assert link_phones(html) == html.replace(
        "0113 496 0303", tel("+441134960303", "0113 496 0303"))


def test_is_idempotent():
    once = link_phones("<p>Call 0800 9555 094.</p>")
    assert link_phones(once) == once


@pytest.mark.parametrize("text, expected", [
    ("Call 0800 9555 094 or 0113 496 0303.",
     [("0800 9555 094", FREE), ("0113 496 0303", "+441134960303")]),
    ("US: +1 202 555 0143", [("+1 202 555 0143", "+12025550143")]),
    ("In 2017-2018, 9,000 incidents; [2020] UKSC 13; LS1 1AA", []),
    ("", []),
])
def test_find_phones(text, expected):
    assert find_phones(text) == expected

"""The WordPress importer's pure parts: conversion, shortcodes, stripping, the map file."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from newsdesk.wordpress import WordPressError, body, mapping, shortcodes, strip, wxr

CTA = ("If you have been a victim of child abuse and would like to speak to one of our "
       "specialist abuse lawyers in confidence, please do not hesitate to contact us. Our abuse "
       "team can be contacted free on 0800 9555 094 or you can request a call back.")
CTAS = strip.cta_words([CTA])


def md(html: str) -> str:
    ctx = shortcodes.Context()
    return body.to_markdown(body.to_soup(html, ctx), ctx.footnotes)


@pytest.mark.parametrize("html, expected", [
    ("First line\n\nSecond para", "First line\n\nSecond para\n"),
    ("<!-- wp:heading --><h2>Title</h2><!-- /wp:heading -->", "## Title\n"),
    ("<ul><li>a</li><li>b</li></ul>", "- a\n- b\n"),
    ("<blockquote><p>Quoted</p></blockquote>", "> Quoted\n"),
    ('<p><a href="https://x.example/">link</a></p>', "[link](https://x.example/)\n"),
    ("[embed]https://www.youtube.com/watch?v=1[/embed]",
     "<https://www.youtube.com/watch?v=1>\n"),
    ("https://vimeo.com/1\n\ntext", "<https://vimeo.com/1>\n\ntext\n"),
    ("Text[efn_note]Note one[/efn_note]", "Text[^1]\n\n[^1]: Note one\n"),
    ("[unknown_thing a=1]kept[/unknown_thing]", "kept\n"),
    ("<iframe src='https://www.youtube.com/embed/x'></iframe>",
     "<https://www.youtube.com/embed/x>\n"),
])
def test_conversion(html, expected):
    assert md(html) == expected


def test_caption_keeps_image_and_caption():
    ctx = shortcodes.Context()
    soup = body.to_soup('[caption id="a"]<img src="/a.jpg" alt="A dog"> A dog[/caption]', ctx)
    assert body.to_markdown(soup) == "![A dog](/a.jpg)\n\n*A dog*\n"
    assert ctx.converted == ["caption"]


def test_table_survives():
    assert md("<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>") == (
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n")


def soup_of(html: str):
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("ending", [
    CTA,
    CTA.replace("do not", "don\u2019t").replace("0800 9555 094", "08009555094"),
    CTA.replace("please do not hesitate to contact us", "please contact us"),
    "<strong>" + CTA.upper() + "</strong>",
])
def test_trailing_cta_in_several_wordings_is_stripped(ending):
    soup = soup_of(f"<p>The article.</p><p>{ending}</p>")
    removed = strip.strip_cta(soup, CTAS, [])
    assert len(removed) == 1 and str(soup) == "<p>The article.</p>"


def test_cta_split_over_paragraphs_and_pattern():
    halves = CTA.split(". Our ")
    soup = soup_of(f"<p>Body.</p><h3>Contact us</h3><p>{halves[0]}.</p><p>Our {halves[1]}</p>")
    assert len(strip.strip_cta(soup, CTAS, [])) == 3 and str(soup) == "<p>Body.</p>"
    soup = soup_of("<p>Body.</p><p>Ring Jordans now, any time.</p>")
    import re
    assert strip.strip_cta(soup, CTAS, [re.compile("ring jordans", re.I)])
    assert str(soup) == "<p>Body.</p>"


def test_phone_number_in_the_middle_is_kept():
    html = ("<p>Call 0800 9555 094 if you have been a victim of abuse and want advice.</p>"
            "<p>The rest of the article explains the law.</p>")
    soup = soup_of(html)
    assert strip.strip_cta(soup, CTAS, []) == [] and str(soup) == html


@pytest.mark.parametrize("html", [
    '<h3>Related Blog Articles</h3><ul><li><a href="/a/">A</a></li>'
    '<li><a href="https://old.example/b/">B</a></li></ul>',
    '<p><strong>Related posts:</strong></p><ul><li><a href="/a/">A</a></li></ul>',
    '<div class="yarpp-related"><h3>Related</h3><ol><li><a href="/a/">A</a></li></ol></div>',
    '<div id="jp-relatedposts" class="jp-relatedposts"></div>',
    '<div class="crp_related"><ul><li><a href="/a/">A</a></li></ul></div>',
])
def test_related_block_in_each_form_is_stripped(html):
    soup = soup_of("<p>Body.</p>" + html)
    assert strip.strip_related(soup, "old.example")
    assert str(soup) == "<p>Body.</p>"


def test_related_shortcode_is_removed_and_logged():
    ctx = shortcodes.Context()
    assert md_ctx("<p>Body.</p>[yarpp]", ctx) == "Body.\n" and ctx.related == ["[yarpp]"]


def md_ctx(html, ctx):
    return body.to_markdown(body.to_soup(html, ctx))


def test_list_of_other_sites_links_is_kept():
    html = '<h3>Related reading</h3><ul><li><a href="https://gov.uk/x">GOV.UK</a></li></ul>'
    soup = soup_of(html)
    assert strip.strip_related(soup, "old.example") == [] and str(soup) == html


def test_unmapped_categories_are_listed_with_counts(tmp_path):
    the_map = mapping.load(None, ["Personal Injury"])
    area, tags, unmapped = mapping.assign(the_map, [("News", "news"), ("Personal Injury", "pi")])
    assert (area, tags, unmapped) == ("Personal Injury", ["News"], ["News"])
    from collections import Counter
    error = mapping.unmapped_error(the_map, Counter({"News": 3}), "x.xml")
    assert "News: 3 posts" in str(error)


@pytest.mark.parametrize("text, message", [
    ("categories: [a", "not valid YAML"),
    ("default: Nowhere", "not a practice area"),
    ("cta_patterns: ['(']", "not a regular expression"),
    ("other: 1", "only the keys"),
])
def test_bad_map_file(tmp_path, text, message):
    path = tmp_path / "map.yml"
    path.write_text(text)
    with pytest.raises(WordPressError, match=message) as info:
        mapping.load(str(path), ["Personal Injury"])
    assert str(path) in str(info.value)


@pytest.mark.parametrize("text, message", [
    ("not xml at all", "not valid XML"),
    ("<rss><channel><title>x</title></channel></rss>", "not a WordPress export"),
    ('<rss><channel><wp:wxr_version xmlns:wp="w">1.2</wp:wxr_version><item>',
     "truncated"),
])
def test_bad_export(tmp_path, text, message):
    path = tmp_path / "export.xml"
    path.write_text(text)
    with pytest.raises(WordPressError, match=message) as info:
        wxr.parse(str(path))
    assert str(path) in str(info.value)

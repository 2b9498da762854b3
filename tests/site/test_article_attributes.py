"""Attributes the plugin attaches: the reading time it counts, and names an author may not use."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tools.build import BuildError

PROSE = " ".join(["word"] * 450)
CODE = "\n".join(["    code " * 50] * 10)  # 500 words, in an indented code block


def _write_article(content, extra_header: str = "") -> None:
    path = content / "articles" / "personal-injury" / "reading-time.md"
    path.write_text("Title: Reading time\nDate: 2024-01-01\nCategory: Personal Injury\n"
                    f"Slug: reading-time\n{extra_header}\n{PROSE}\n\n{CODE}\n", encoding="utf-8")


def _minutes(output) -> int:
    soup = BeautifulSoup((output / "reading-time" / "index.html").read_text(), "html.parser")
    meta = soup.find("article").find("p", class_="meta").get_text(" ", strip=True)
    return int(re.search(r"(\d+) min read", meta).group(1))


def test_reading_time_counts_prose_words_only(tiny_site):
    _write_article(tiny_site.content)
    tiny_site()
    # 450 words of prose at 200 a minute, rounded up; the 500 words of code are not read.
    assert _minutes(tiny_site.output) == 3


def test_without_the_plugin_the_theme_counts_every_word(tiny_site):
    _write_article(tiny_site.content)
    tiny_site(PLUGINS=[])
    assert _minutes(tiny_site.output) == 5  # (450 + 500) / 200, rounded up


@pytest.mark.parametrize("name", ["related_articles", "related_cards", "call_to_action",
                                  "exit_this_page", "jsonld", "word_count"])
def test_metadata_may_not_take_a_plugin_attribute_name(tiny_site, name):
    _write_article(tiny_site.content, f"{name}: mine\n")
    with pytest.raises(BuildError, match=rf"reading-time\.md: metadata key\(s\) {name} are set "
                                         "by Newsdesk itself"):
        tiny_site()

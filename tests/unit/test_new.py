"""`invoke new`: category matching, the team's authors, the front matter and no overwriting."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest

from tools import new

AREAS = ["Child Abuse Claims", "Personal Injury"]
SETTINGS_BASE = {"PRACTICE_AREAS": AREAS, "ARTICLE_PATHS": ["articles"],
                 "TIMEZONE": "Europe/London", "AUTHOR": "Jordans"}


def test_category_matches_name_or_slug_in_any_case():
    assert new.match_category("personal injury", AREAS) == "Personal Injury"
    assert new.match_category("child-abuse-claims", AREAS) == "Child Abuse Claims"


def test_unknown_category_lists_the_practice_areas():
    with pytest.raises(new.NewArticleError) as err:
        new.match_category("Family", AREAS)
    assert "Child Abuse Claims, Personal Injury" in str(err.value)


def test_authors_come_from_the_areas_articles_else_the_site_author():
    texts = ["Title: a\nCategory: Personal Injury\nAuthors: PI Team\n\nx",
             "Title: b\nCategory: Personal Injury\nAuthors: PI Team\n\nx",
             "Title: c\nCategory: Personal Injury\nAuthors: Someone\n\nx",
             "Title: d\nCategory: Child Abuse Claims\nAuthors: Abuse Team\n\nx"]
    assert new.choose_authors(texts, "Personal Injury", "Jordans") == "PI Team"
    assert new.choose_authors(texts, "Clinical Negligence", "Jordans") == "Jordans"


def test_article_text_has_complete_front_matter():
    now = dt.datetime(2025, 7, 1, 9, 5, tzinfo=ZoneInfo("Europe/London"))
    text = new.article_text("Whiplash: what’s new?", "Personal Injury", ["a", "b c"],
                            "PI Team", now)
    head = text.split("\n\n", 1)[0].split("\n")
    assert head == ["Title: Whiplash: what’s new?", "Date: 2025-07-01 09:05",
                    "Slug: whiplash-whats-new", "Category: Personal Injury", "Tags: a, b c",
                    "Authors: PI Team", "Summary:"]


def test_create_writes_in_the_area_folder_with_london_time_and_never_overwrites(tmp_path):
    settings = {**SETTINGS_BASE, "PATH": str(tmp_path)}
    before = dt.datetime.now(ZoneInfo("Europe/London")).replace(second=0, microsecond=0)
    path = new.create("A new post", "personal injury", "x, y", settings)
    after = dt.datetime.now(ZoneInfo("Europe/London"))
    assert path == os.path.join(str(tmp_path), "articles", "personal-injury", "a-new-post.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    written = dt.datetime.strptime(text.split("\n")[1], "Date: %Y-%m-%d %H:%M").replace(
        tzinfo=ZoneInfo("Europe/London"))
    assert before <= written <= after
    assert "\nAuthors: Jordans\n" in text and "\nTags: x, y\n" in text
    with pytest.raises(new.NewArticleError, match="already exists"):
        new.create("A new post", "Personal Injury", None, settings)
    with open(path, encoding="utf-8") as handle:
        assert handle.read() == text

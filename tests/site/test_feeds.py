"""Atom feeds of the production build, parsed with feedparser: valid, absolute, plain titles."""

from __future__ import annotations

import glob
import os
import re
from urllib.parse import urlsplit

import feedparser
import pytest

SITEURL = "https://news.jordanssolicitors.co.uk"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CATEGORY_DIRS = sorted(os.listdir(os.path.join(ROOT, "content", "articles")))
FEEDS = ["all"] + CATEGORY_DIRS  # content folders are named by category slug


def parse(published, name):
    path = os.path.join(published, "feeds", f"{name}.atom.xml")
    assert os.path.isfile(path), f"missing feed {name}"
    return feedparser.parse(path), open(path, encoding="utf-8").read()


@pytest.mark.parametrize("name", FEEDS)
def test_feed_is_well_formed_with_entries(published, name):
    feed, _raw = parse(published, name)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries, f"{name} has no entries"
    assert feed.feed.title.startswith("Jordans News & Blog")


def test_site_feed_lists_every_article(published):
    feed, _raw = parse(published, "all")
    sources = glob.glob(os.path.join(ROOT, "content", "articles", "**", "*.md"), recursive=True)
    assert len(feed.entries) == len(sources)


@pytest.mark.parametrize("name", FEEDS)
def test_entry_links_are_absolute_and_resolve_to_built_pages(published, name):
    feed, _raw = parse(published, name)
    for entry in feed.entries:
        assert entry.link.startswith(SITEURL + "/"), entry.link
        assert not entry.id.startswith("tag:None"), entry.id
        path = urlsplit(entry.link).path.lstrip("/")
        built = os.path.join(published, path, "index.html") if path.endswith("/") or not path \
            else os.path.join(published, path)
        assert os.path.isfile(built), f"{entry.link} has no built page"


@pytest.mark.parametrize("name", FEEDS)
def test_titles_carry_no_markup(published, name):
    # feedparser sanitises HTML, so read the raw <title> elements as well.
    feed, raw = parse(published, name)
    raw_titles = re.findall(r"<title[^>]*>(.*?)</title>", raw, re.S)
    assert len(raw_titles) == len(feed.entries) + 1
    for title in raw_titles + [e.title for e in feed.entries]:
        assert "<" not in title and "&lt;" not in title and "caps" not in title, title


def test_category_feed_holds_only_its_category(published):
    feed, _raw = parse(published, "personal-injury")
    slugs = {os.path.splitext(os.path.basename(p))[0] for p in
             glob.glob(os.path.join(ROOT, "content", "articles", "personal-injury", "*.md"))}
    links = {urlsplit(e.link).path.strip("/") for e in feed.entries}
    assert links == slugs

"""sitemap.xml and robots.txt (newsdesk.sitemap), read back with a real XML parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from newsdesk import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parsed(entries):
    root = ET.fromstring(sitemap.sitemap_xml(entries).encode("utf-8"))
    return [(u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS))
            for u in root.findall("s:url", NS)]


def test_sitemap_lists_each_entry_with_its_lastmod():
    entries = [("https://x.example/", "2024-03-12T09:30:00+00:00"), ("https://x.example/a/", None)]
    assert parsed(entries) == entries


def test_sitemap_escapes_urls():
    assert parsed([("https://x.example/?a=1&b=<2>", None)]) == [("https://x.example/?a=1&b=<2>", None)]


def test_sitemap_lists_a_url_once_with_its_newest_lastmod():
    entries = [("https://x.example/t/", "2020-01-01"), ("https://x.example/a/", None),
               ("https://x.example/t/", "2023-05-01"), ("https://x.example/t/", "2021-01-01")]
    assert parsed(entries) == [("https://x.example/t/", "2023-05-01"), ("https://x.example/a/", None)]


def test_empty_sitemap_is_a_valid_urlset():
    assert parsed([]) == []


@pytest.mark.parametrize("site, url, expected", [
    ("https://x.example", "slug/", "https://x.example/slug/"),
    ("https://x.example/", "", "https://x.example/"),
    ("", "category/a/", "/category/a/"),
    ("https://x.example", "https://other.example/p/", "https://other.example/p/"),
])
def test_absolute(site, url, expected):
    assert sitemap.absolute(site, url) == expected


def test_robots_txt_names_the_sitemap_and_hides_drafts():
    lines = sitemap.robots_txt("https://x.example/sitemap.xml").splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /drafts/" in lines
    assert "Sitemap: https://x.example/sitemap.xml" in lines

"""Metadata holding hostile strings renders as text on every page, feed and data file."""

from __future__ import annotations

import json
import os

import pytest
from bs4 import BeautifulSoup

# Each string tries to become markup in a different way; none may survive as markup.
HOSTILE = [
    'Quote </script><script>alert("x")</script> test',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><style>body{display:none}</style>',
    '"><a href="javascript:alert(1)">click</a>',
    '&lt;script&gt;alert(2)&lt;/script&gt;',
    '<b><i>broken <u>nested</b>',
    'Right\u202eto\u202cleft',
]
TITLE, SUMMARY, TAG = HOSTILE[0], HOSTILE[1] + " " + HOSTILE[3], HOSTILE[2].replace(",", "")

ARTICLE = f"""Title: {TITLE}
Date: 2024-06-01 09:00
Category: Personal Injury
Tags: {TAG}, {HOSTILE[5]}, {HOSTILE[6]}
Slug: hostile-metadata
Authors: Team <script>alert(3)</script>
Reviewed_by: <img src=x onerror=alert(4)>
Reviewed: 2026-01-05
Summary: {SUMMARY} {HOSTILE[4]}

A plain body.
"""
SECOND = ARTICLE.replace("Slug: hostile-metadata", "Slug: hostile-two").replace(
    f"Title: {TITLE}", f"Title: {HOSTILE[3]} {HOSTILE[1]}")

# What the theme itself puts in pages: anything else is from the metadata.
OWN_SCRIPTS = ("/theme/js/", "/pagefind/")


def build_hostile(tmp_path_factory, settings: str = "publishconf.py") -> str:
    """The real site plus two articles whose metadata is hostile, built with `settings`."""
    import shutil

    from tests.conftest import CONTENT
    from tools import build as site_build

    base = tmp_path_factory.mktemp("hostile")
    content = base / "content"
    shutil.copytree(CONTENT, content)
    for name, text in (("hostile-metadata.md", ARTICLE), ("hostile-two.md", SECOND)):
        (content / "articles" / "personal-injury" / name).write_text(text, encoding="utf-8")
    # Data files are metadata too: a hostile team byline and a hostile person.
    authors = content / "data" / "authors.yml"
    authors.write_text(authors.read_text(encoding="utf-8").replace(
        "people:\n", "people:\n  - name: '<img src=x onerror=alert(4)>'\n    role: '<b>Partner</b>'\n"
        "    qualification: '<script>alert(5)</script>'\n    sra_id: '<i>1</i>'\n    bio: '\"><svg onload=alert(6)>'\n", 1)
        + "  - 'Team <script>alert(3)</script>'\n", encoding="utf-8")
    out = base / "out"
    site_build.build(settings, str(out), overrides={"PATH": str(content)})
    return str(out)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return build_hostile(tmp_path_factory)


def _files(folder, ends):
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(ends):
                yield os.path.join(root, name)


def test_no_element_attribute_or_scheme_from_metadata_survives(hostile_site):
    problems = []
    for path in _files(hostile_site, (".html",)):
        with open(path, encoding="utf-8") as handle:
            soup = BeautifulSoup(handle.read(), "html.parser")
        rel = os.path.relpath(path, hostile_site)
        for tag in soup.find_all(["svg", "style", "u", "b", "i", "iframe"]):
            problems.append((rel, tag.name))
        for tag in soup.find_all("img"):
            if tag.get("src") == "x":
                problems.append((rel, "img"))
        for tag in soup.find_all("script"):
            src = tag.get("src", "")
            if not (tag.get("type") == "application/ld+json" or any(s in src for s in OWN_SCRIPTS)):
                problems.append((rel, "script"))
            if tag.get("type") == "application/ld+json":
                json.loads(tag.string)  # a </script> in a title would break it out
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                if attr.lower().startswith("on"):
                    problems.append((rel, attr))
                if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                    problems.append((rel, attr + "=javascript:"))
        if "\u202e" in soup.get_text():
            problems.append((rel, "RLO"))
    assert problems == []


def test_the_hostile_title_reads_as_its_own_text(hostile_site):
    with open(os.path.join(hostile_site, "hostile-metadata", "index.html"), encoding="utf-8") as h:
        soup = BeautifulSoup(h.read(), "html.parser")
    assert _straight(soup.find("h1").get_text()) == TITLE
    assert TITLE in _straight(soup.find("title").get_text())
    posting = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert any(_straight(p.get("headline", "")) == TITLE for p in posting)


def _straight(text: str) -> str:
    # typogrify curls the quotes; the characters are otherwise the editor's own.
    return text.replace("\u201c", '"').replace("\u201d", '"').replace("\xa0", " ")


def test_feeds_carry_titles_as_text_and_summaries_without_markup(hostile_site):
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    for path in _files(hostile_site, (".atom.xml", "sitemap.xml")):
        tree = etree.parse(path)  # well-formed, or this raises
        if not path.endswith(".atom.xml"):
            continue
        # A title is text: no element of its own inside <title>.
        assert all(len(t) == 0 for t in tree.iter(f"{atom}title"))
        for summary in tree.iter(f"{atom}summary"):
            # type="html": the text is HTML a feed reader will render.
            html = BeautifulSoup(summary.text or "", "html.parser")
            assert not html.find_all(["img", "script", "a", "svg", "style"]), path

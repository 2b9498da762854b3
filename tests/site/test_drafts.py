"""Drafts are previewable under drafts/ but reach no list, feed, sitemap, search or related list."""

from __future__ import annotations

import glob
import gzip
import os

import pytest
from bs4 import BeautifulSoup

from tests.site.project import article, copy_project, invoke, write

SLUG = "draft-zebrafinch-briefing"
WORD = "zebrafinchword"
PUBLISHED_WORD = "whiplash"  # in published articles: shows the index search can find words


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("drafts-project"))
    # Same category and tags as published articles, so it would be related if it could be.
    text = article(SLUG, "2024-05-01 09:00", extra="Status: draft",
                   body=f"{WORD} whiplash reforms tariff portal. " * 30)
    text = text.replace("Tags: testing", "Tags: whiplash, draftonlytag")
    write(project, "content/articles/personal-injury/draft-zebrafinch-briefing.md", text)
    proc = invoke(project, "publish")
    assert proc.returncode == 0, proc.stderr
    return os.path.join(project, "output")


def test_draft_is_built_for_preview_with_noindex_and_no_search_body(output):
    with open(os.path.join(output, "drafts", SLUG, "index.html"), encoding="utf-8") as handle:
        page = BeautifulSoup(handle.read(), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find(attrs={"data-pagefind-body": True}) is None
    assert WORD in page.get_text()


def test_published_articles_are_indexable(output):
    with open(os.path.join(output, "no-win-no-fee-explained", "index.html"),
              encoding="utf-8") as handle:
        page = BeautifulSoup(handle.read(), "html.parser")
    assert page.find("meta", attrs={"name": "robots"}) is None
    assert page.find(attrs={"data-pagefind-body": True}) is not None


def test_no_other_file_mentions_the_draft(output):
    """Lists, tag pages, feeds, sitemap, related lists and JSON: nothing names or links it."""
    leaks = []
    for path in glob.glob(os.path.join(output, "**", "*"), recursive=True):
        rel = os.path.relpath(path, output)
        if rel.startswith("drafts") or rel.startswith("pagefind") or not os.path.isfile(path):
            continue
        if path.endswith((".html", ".xml", ".json", ".txt", ".js")):
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
            if SLUG in text or WORD in text:
                leaks.append(rel)
    assert leaks == []
    assert not os.path.exists(os.path.join(output, "tag", "draftonlytag"))


def test_sitemap_and_feeds_leave_the_draft_out(output):
    with open(os.path.join(output, "sitemap.xml"), encoding="utf-8") as handle:
        sitemap = handle.read()
    assert "/no-win-no-fee-explained/" in sitemap and SLUG not in sitemap
    for feed in glob.glob(os.path.join(output, "feeds", "*.xml")):
        with open(feed, encoding="utf-8") as handle:
            assert SLUG not in handle.read()


def _search_fragments(output) -> str:
    texts = []
    for path in glob.glob(os.path.join(output, "pagefind", "fragment", "*.pf_fragment")):
        with open(path, "rb") as handle:
            texts.append(gzip.decompress(handle.read()).decode("utf-8", "replace"))
    return "\n".join(texts)


def test_search_index_leaves_the_draft_out(output):
    fragments = _search_fragments(output)
    assert PUBLISHED_WORD in fragments.lower()
    assert WORD not in fragments and f"/drafts/{SLUG}/" not in fragments

"""Production holds only what is published; the development build previews the rest, marked."""

from __future__ import annotations

import gzip
import os

import pytest
from bs4 import BeautifulSoup

from tests.site.project import article, copy_project, invoke, write

# Each unpublished item: (slug, a word only it uses, the extra header line that makes it so).
UNPUBLISHED = {
    "draft": ("draft-zebrafinch-briefing", "zebrafinchword", "Status: draft", "2024-05-01 09:00"),
    "scheduled": ("scheduled-quokka-briefing", "quokkaword", "", "2099-05-01 09:00"),
    "hidden": ("hidden-wombat-briefing", "wombatword", "Status: hidden", "2024-05-01 09:00"),
}
PUBLISHED_WORD = "whiplash"  # in published articles: shows the search index was searched


def _project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("drafts-project"))
    for state, (slug, word, extra, date) in UNPUBLISHED.items():
        # Same category and tags as published articles, so it would be related if it could be.
        text = article(slug, date, extra=extra, body=f"{word} whiplash reforms tariff portal. " * 30)
        text = text.replace("Tags: testing", f"Tags: whiplash, {state}onlytag")
        write(project, f"content/articles/personal-injury/{slug}.md", text)
    write(project, "content/pages/draft-page-ibis.md",
          "Title: Draft page ibis\nSlug: draft-page-ibis\nStatus: draft\n\nibisword text.\n")
    return project


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = _project(tmp_path_factory)
    proc = invoke(project, "publish")
    assert proc.returncode == 0, proc.stderr
    return os.path.join(project, "output"), proc.stdout


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = _project(tmp_path_factory)
    proc = invoke(project, "build")
    assert proc.returncode == 0, proc.stderr
    return os.path.join(project, "output")


def _texts(folder):
    """(relative path, text) of every file in the tree, compressed copies decompressed."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                data = handle.read()
            if name.endswith(".gz") or name.endswith(".pf_fragment"):
                data = gzip.decompress(data)
            elif name.endswith(".br"):
                import brotli
                data = brotli.decompress(data)
            yield os.path.relpath(path, folder), data.decode("utf-8", "replace")


def test_published_tree_holds_nothing_unpublished(published):
    output, _ = published
    needles = [n for slug, word, _x, _d in UNPUBLISHED.values() for n in (slug, word)]
    needles += ["Draft zebrafinch", "Scheduled quokka", "Hidden wombat", "draft-page-ibis",
                "ibisword", "draftonlytag", "scheduledonlytag", "hiddenonlytag"]
    leaks = [(rel, n) for rel, text in _texts(output) for n in needles if n.lower() in text.lower()]
    assert leaks == []
    assert not os.path.exists(os.path.join(output, "drafts"))


def test_published_tree_still_has_the_published_site(published):
    output, _ = published
    texts = dict(_texts(output))
    assert "no-win-no-fee-explained/index.html" in texts
    assert "/no-win-no-fee-explained/" in texts["sitemap.xml"]
    fragments = "".join(t for rel, t in texts.items() if rel.endswith(".pf_fragment"))
    assert PUBLISHED_WORD in fragments.lower()


def test_build_summary_counts_what_production_leaves_out(published):
    _, stdout = published
    line = next(row for row in stdout.splitlines() if "drafts" in row and "scheduled" in row)
    assert "1 drafts" in line and "1 hidden" in line, line
    assert "1 scheduled" in line, line


@pytest.mark.parametrize("state,notice", [("draft", "Draft."), ("scheduled", "Scheduled for"),
                                          ("hidden", "Hidden.")])
def test_preview_shows_each_unpublished_article_marked(preview, state, notice):
    slug, word, _extra, _date = UNPUBLISHED[state]
    folder = slug if state == "hidden" else os.path.join("drafts", slug)
    with open(os.path.join(preview, folder, "index.html"), encoding="utf-8") as handle:
        page = BeautifulSoup(handle.read(), "html.parser")
    assert notice in page.find(class_="unpublished-notice").get_text()
    assert word in page.get_text()
    if state != "hidden":
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.find(attrs={"data-pagefind-body": True}) is None


def test_preview_lists_no_unpublished_article(preview):
    with open(os.path.join(preview, "index.html"), encoding="utf-8") as handle:
        home = handle.read()
    assert all(slug not in home for slug, *_ in UNPUBLISHED.values())

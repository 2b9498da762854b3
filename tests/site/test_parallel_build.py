"""A build in two processes writes the same bytes as a build in one, and fails as loudly."""

from __future__ import annotations

import os
import shutil
import zlib

import pytest

from tools import build as site_build
from tools import synth
from tools.preview_script import files as _tree
from tests.site.project import ROOT, article, write


def _build(out, workers, settings="pelicanconf.py", content=None, **overrides):
    site_build.build(settings, str(out), content=content, search=False,
                     overrides={"BUILD": {"workers": workers}, **overrides})
    return _tree(str(out))


def _assert_same_trees(one: dict, two: dict) -> None:
    assert sorted(two) == sorted(one)  # the same file list ...
    differing = [rel for rel in one if one[rel] != two[rel]]
    assert differing == []  # ... and the same bytes in every file


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_the_real_site_is_byte_identical_with_one_and_two_workers(tmp_path, settings):
    one = _build(tmp_path / "one", 1, settings)
    two = _build(tmp_path / "two", 2, settings)
    _assert_same_trees(one, two)
    assert len(one) > 100 and "sitemap.xml" in one and "robots.txt" in one


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> str:
    folder = str(tmp_path_factory.mktemp("synth") / "content")
    synth.generate(folder, 50, 20261203)
    return folder


def test_fifty_synthetic_articles_are_byte_identical_with_one_and_two_workers(tmp_path,
                                                                               synthetic):
    one = _build(tmp_path / "one", 1, content=synthetic)
    two = _build(tmp_path / "two", 2, content=synthetic)
    _assert_same_trees(one, two)
    pages = [rel for rel in one if rel.endswith("index.html") and "bench-000" in rel]
    assert len(pages) == 50
    assert b"bench-00049" in one["sitemap.xml"]


def _slug_for_share(share: int, prefix: str) -> str:
    """A slug whose article page (dated URL) falls to `share` of two, by CRC-32 of its path."""
    for i in range(100):
        slug = f"{prefix}-{i}"
        if zlib.crc32(f"2024/01/02/{slug}/index.html".encode()) % 2 == share:
            return slug
    raise AssertionError("no slug found")


@pytest.mark.parametrize("share", [0, 1])
def test_a_template_error_in_either_share_fails_the_build_naming_the_page(tmp_path, share):
    slug = _slug_for_share(share, "broken")
    theme = tmp_path / "theme"
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    template = theme / "templates" / "article.html"
    template.write_text(template.read_text().replace(
        "{% block content %}",
        "{% block content %}{% if article.slug == '" + slug + "' %}{{ no_such() }}{% endif %}", 1))
    content = tmp_path / "content"
    for name in (slug, "fine-one", "fine-two", "fine-three"):
        write(str(content), f"{name}.md", article(name, "2024-01-02"))
    with pytest.raises(site_build.BuildError, match=rf"2024/01/02/{slug}/index.html.*no_such"):
        _build(tmp_path / "out", 2, content=str(content), THEME=str(theme))


def test_a_theme_template_no_page_uses_may_be_broken_as_in_one_process(tmp_path):
    # Two workers compile the whole theme before forking (while the related lists are
    # scored); a template that does not compile and that no page renders is left alone.
    theme = tmp_path / "theme"
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    (theme / "templates" / "unused.html").write_text("{% if %}never rendered{% endif %}")
    content = tmp_path / "content"
    for name in ("one", "two", "three"):
        write(str(content), f"{name}.md", article(name, "2024-01-02"))
    one = _build(tmp_path / "one", 1, content=str(content), THEME=str(theme))
    two = _build(tmp_path / "two", 2, content=str(content), THEME=str(theme))
    _assert_same_trees(one, two)
    assert "2024/01/02/two/index.html" in two


@pytest.mark.parametrize("workers", [1, 2])
def test_two_outputs_with_one_path_fail_as_in_one_process(tmp_path, workers):
    content = tmp_path / "content"
    write(str(content), "a.md", article("first", "2024-01-02"))
    # Slug "tags": with undated URLs its page is tags/index.html, the tags index's path.
    write(str(content), "b.md", article("tags", "2024-01-03"))
    with pytest.raises(site_build.BuildError,
                       match=r"Failed to overwrite .*/tags/index.html"):
        _build(tmp_path / "out", workers, content=str(content),
               ARTICLE_URL="{slug}/", ARTICLE_SAVE_AS="{slug}/index.html")


def test_a_page_that_overrides_a_list_page_wins_in_two_workers_as_in_one(tmp_path):
    # Save_as: in the front matter overrides (Pelican's override_output): this article's
    # page replaces the tags index, whichever process writes either.
    content = tmp_path / "content"
    write(str(content), "a.md", article("first", "2024-01-02"))
    write(str(content), "b.md", article("second", "2024-01-03", extra="Save_as: tags/index.html"))
    one = _build(tmp_path / "one", 1, content=str(content))
    two = _build(tmp_path / "two", 2, content=str(content))
    _assert_same_trees(one, two)
    assert b"Second" in one["tags/index.html"] and b"<h1" in one["tags/index.html"]


def test_an_authors_own_url_is_kept_when_urls_are_fixed_for_the_shares(tmp_path):
    # Two workers fix every URL once before they fork (override_url); an article whose
    # front matter sets URL and Save_as keeps them, and every list links to them.
    content = tmp_path / "content"
    write(str(content), "a.md", article("first", "2024-01-02"))
    write(str(content), "b.md", article("second", "2024-01-03",
                                        extra="URL: elsewhere/second/\n"
                                              "Save_as: elsewhere/second/index.html"))
    one = _build(tmp_path / "one", 1, content=str(content))
    two = _build(tmp_path / "two", 2, content=str(content))
    _assert_same_trees(one, two)
    assert "elsewhere/second/index.html" in two
    assert b'href="/elsewhere/second/"' in two["index.html"]
    assert b'href="/2024/01/02/first/"' in two["index.html"]


def _articles_with_one_in_the_childs_half(folder, text: str) -> str:
    """30 articles; the one Pelican reads 25th (a child reads it with two workers) gets `text`."""
    for i in range(30):
        write(str(folder), f"a{i:02}.md", article(f"post-{i:02}", "2024-01-02"))
    # Pelican reads a folder in directory order (os.walk); rewriting a file keeps its place.
    late = [entry.name for entry in os.scandir(folder)][24]
    write(str(folder), late, text)
    return late


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_that_fails_to_read_in_a_child_is_named_as_in_one_process(tmp_path, workers):
    late = _articles_with_one_in_the_childs_half(tmp_path / "content", article(
        "broken", "not a date"))
    with pytest.raises(site_build.BuildError, match=rf"{late}"):
        _build(tmp_path / "out", workers, content=str(tmp_path / "content"))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_warning_while_reading_in_a_child_is_logged_once(tmp_path, workers, caplog):
    late = _articles_with_one_in_the_childs_half(tmp_path / "content", (
        "---\ntitle: Templated\ndate: 2024-01-03\ncategory: Personal Injury\n"
        "authors: Jordans Personal Injury Team\nsummary: A short summary.\n---\n\n"
        "Body {% include note.html %} text.\n"))
    _build(tmp_path / "out", workers, content=str(tmp_path / "content"))
    said = [r.getMessage() for r in caplog.records if late in r.getMessage()]
    assert len(said) == 1 and "{%" in said[0]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_build_summary_counts_the_same_in_two_workers(tmp_path, synthetic, workers, capsys):
    content = tmp_path / "content"
    shutil.copytree(synthetic, content)
    write(str(content), "d1.md", article("d-one", "2024-01-01", extra="Status: draft"))
    write(str(content), "s1.md", article("s-one", "2999-01-01"))
    write(str(content), "h1.md", article("h-one", "2024-01-03", extra="Status: hidden"))
    _build(tmp_path / "out", workers, content=str(content))
    text = " ".join(capsys.readouterr().out.split())
    assert "Newsdesk build: 50 articles, 0 pages, 1 drafts, 1 scheduled, 1 hidden, 0 skipped" \
        in text
    assert "Processed 50 articles, 2 drafts, 1 hidden article," in text


def test_a_plugin_listening_to_written_pages_sees_every_page(tmp_path, synthetic, caplog):
    # Its handler would run in whichever process writes a page: the build keeps to one.
    from pelican import signals

    seen = []

    def on_written(path, context=None):
        seen.append(os.path.relpath(path, str(tmp_path / "out")))

    signals.content_written.connect(on_written)
    try:
        tree = _build(tmp_path / "out", 2, content=synthetic)
    finally:
        signals.content_written.disconnect(on_written)
    pages = sorted(rel for rel in tree if rel.endswith(".html"))
    assert sorted(set(seen)) == pages and len(pages) > 50
    assert any("listens to content_written; building in one process" in r.getMessage()
               for r in caplog.records)

"""Real Pelican builds of the real site, asserting on the HTML."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup

from tools.build import BuildError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = "ons-online-child-sexual-abuse-offences"
QUOTE = ("It is time social networks were made to take responsibility and stopped allowing "
         "their platforms to be used as gateways for these devastating crimes.")


def soup_of(folder, rel):
    with open(os.path.join(folder, rel), encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def normalised(text: str) -> str:
    # typogrify puts &nbsp; before a sentence's last word and curls quotes.
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def article_slugs() -> list[str]:
    slugs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "articles", "**", "*.md"),
                                 recursive=True)):
        with open(path, encoding="utf-8") as handle:
            head = handle.read().split("\n\n", 1)[0]
        slugs.append(re.search(r"^Slug:\s*(\S+)", head, re.M).group(1))
    return slugs


def test_model_article_has_its_quote_and_a_clean_title(site):
    page = soup_of(site, f"{MODEL}/index.html")
    assert QUOTE in normalised(page.find("article").get_text())
    assert page.title.string.strip().startswith("ONS reveals over 9,000 online child sexual abuse")
    assert "<" not in page.title.decode_contents() and "&lt;" not in page.title.decode_contents()
    for meta in page.find_all("meta", content=True):
        assert "<span" not in meta["content"] and "caps" not in meta["content"]
    # The body keeps typogrify's markup: the acronym is wrapped in the visible heading.
    assert page.find("h1").find("span", class_="caps").get_text() == "ONS"


def test_model_article_quotes_are_blockquotes(site):
    quote = soup_of(site, f"{MODEL}/index.html").find("article").find("blockquote")
    paragraphs = [normalised(p.get_text()) for p in quote.find_all("p")]
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("“It is time social networks")
    assert paragraphs[1].startswith("“We urge the public to sign our petition")


@pytest.mark.parametrize("slug", article_slugs())
def test_every_article_source_has_a_page(site, slug):
    page = soup_of(site, f"{slug}/index.html")
    assert len(page.find_all("h1")) == 1


def test_there_are_enough_articles_to_paginate():
    assert len(article_slugs()) >= 21


def test_pagination_links_every_page(site):
    pages = ["index.html"] + [f"page/{n}/index.html"
                              for n in range(2, len(article_slugs()) // 10 + 2)]
    soups = [soup_of(site, rel) for rel in pages]
    navs = [s.find("nav", attrs={"aria-label": "Pagination"}) for s in soups]
    assert navs[0].find("a", href="/page/2/", rel="next")
    assert navs[1].find("a", href="/", rel="prev")
    assert not os.path.exists(os.path.join(site, f"page/{len(pages) + 1}/index.html"))
    # Every article appears once across the pages, newest first.
    listed = [a["href"].strip("/") for s in soups for a in s.select("main .card-title a")]
    assert sorted(listed) == sorted(article_slugs())


@pytest.mark.parametrize("rel", ["index.html", "404.html", "archives/index.html",
                                 "categories/index.html", "tags/index.html",
                                 "authors/index.html", "search/index.html",
                                 "category/child-abuse-claims/index.html",
                                 "about/index.html", "contact/index.html",
                                 "cover-your-tracks/index.html", "privacy/index.html",
                                 "complaints/index.html"])
def test_page_types_exist_with_landmarks(site, rel):
    page = soup_of(site, rel)
    for landmark in ("header", "nav", "main", "footer"):
        assert page.find(landmark), f"{rel} has no <{landmark}>"
    assert page.find("a", href="#main"), f"{rel} has no skip link"
    assert len(page.find_all("h1")) == 1


def test_site_identity_comes_from_data(site):
    page = soup_of(site, "index.html")
    footer = normalised(page.find("footer").get_text())
    assert "Jordans" in footer and "SRA" in footer
    assert page.find("header").find("a", href="tel:+448009555094")


def test_a_bad_date_fails_the_build_and_names_the_file(tiny_site):
    bad = tiny_site.content / "articles" / "personal-injury" / "bad-date.md"
    bad.write_text("Title: Bad\nDate: 2024-13-45\nCategory: Personal Injury\n\nBody.\n")
    with pytest.raises(BuildError, match="bad-date.md"):
        tiny_site()


def test_a_missing_title_fails_the_build_and_names_the_file(tiny_site):
    bad = tiny_site.content / "articles" / "personal-injury" / "no-title.md"
    bad.write_text("Date: 2024-01-01\nCategory: Personal Injury\n\nBody.\n")
    with pytest.raises(BuildError, match="no-title.md"):
        tiny_site()


BROKEN_PLUGINS = {
    "import": "raise ImportError('newsdesk is broken')\n",
    "register": "def register():\n    raise RuntimeError('cannot register')\n",
}


@pytest.mark.parametrize("how", sorted(BROKEN_PLUGINS))
def test_a_plugin_that_fails_to_load_fails_the_build(tmp_path, how):
    # A fresh interpreter: the real plugin may already be imported in this one.
    plugins = tmp_path / "plugins" / "newsdesk"
    plugins.mkdir(parents=True)
    (plugins / "__init__.py").write_text(BROKEN_PLUGINS[how])
    conf = tmp_path / "conf.py"
    conf.write_text(textwrap.dedent(f"""
        from pelicanconf import *
        PATH = {os.path.join(ROOT, 'content')!r}
        THEME = {os.path.join(ROOT, 'theme')!r}
        PLUGIN_PATHS = [{str(tmp_path / 'plugins')!r}]
    """))
    script = (f"import sys; sys.path[:0] = [{ROOT!r}, {os.path.join(ROOT, 'plugins')!r}];"
              "from tools.build import run_pelican, BuildError\n"
              f"try: run_pelican({str(conf)!r}, {str(tmp_path / 'out')!r})\n"
              "except BuildError as e: print('BUILD FAILED:', e); sys.exit(1)")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "BUILD FAILED" in proc.stdout and "newsdesk" in proc.stdout
    assert not (tmp_path / "out" / "index.html").exists()

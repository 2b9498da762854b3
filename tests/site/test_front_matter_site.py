"""`invoke build --content DIR` reads Jekyll/Hugo YAML front matter as well as Pelican's."""

from __future__ import annotations

import logging
import os

import pytest
from bs4 import BeautifulSoup

from tools.build import build

POSTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "yaml-posts")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("yaml-site")
    handler = _Collect()
    logging.getLogger().addHandler(handler)
    try:
        build("pelicanconf.py", str(out), content=POSTS, search=False)
    finally:
        logging.getLogger().removeHandler(handler)
    return str(out), handler.messages


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def soup(out, rel):
    with open(os.path.join(out, rel, "index.html"), encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def test_date_and_slug_come_from_the_file_name(built):
    page = soup(built[0], "2021/03/04/harbour-walks")
    assert page.find("article").find("time")["datetime"].startswith("2021-03-04")
    assert page.title.get_text().startswith("Harbour walks: a guide")


def test_list_and_comma_tags_categories_and_summary_sources(built):
    harbour, cliff = soup(built[0], "2021/03/04/harbour-walks"), soup(built[0], "2021/03/05/cliff-walk")
    tags = {a.get_text(strip=True) for a in harbour.select("a[href*='/tag/']")}
    assert {"walking", "coast"} <= tags
    assert {"walking", "coast", "cliffs"} <= {a.get_text(strip=True)
                                              for a in cliff.select("a[href*='/tag/']")}
    # `categories: [Guides, Travel]` -> the first; excerpt and description become the summary.
    assert harbour.find("nav", attrs={"aria-label": "Breadcrumb"}).find(string="Guides")
    assert harbour.find("meta", attrs={"name": "description"})["content"] == \
        "Three short walks around the old harbour."
    assert cliff.find("meta", attrs={"name": "description"})["content"].startswith(
        "A longer walk along the cliffs")


def test_template_tags_are_dropped_with_a_warning_naming_the_file(built):
    out, messages = built
    page = soup(out, "2021/03/04/harbour-walks")
    text = page.find("article").get_text()
    assert "{%" not in text and "{{" not in text
    assert page.find("article").find("a", href="/2021/03/05/cliff-walk/")
    assert any("2021-03-04-harbour-walks.md" in m and "template tag" in m for m in messages)


def test_draft_true_is_a_draft_and_pelican_headers_still_work(built):
    out = built[0]
    assert os.path.exists(os.path.join(out, "drafts", "unfinished", "index.html"))
    assert not os.path.exists(os.path.join(out, "2021", "03", "06"))
    assert soup(out, "2021/02/01/a-pelican-style-post-among-yaml-ones").find("h1")


def test_related_lists_span_both_formats(built):
    page = soup(built[0], "2021/03/05/cliff-walk")
    links = [a["href"] for a in page.select("[data-related-articles] h3 a")]
    assert links[0] == "/2021/03/04/harbour-walks/"
    assert "/drafts/unfinished/" not in links

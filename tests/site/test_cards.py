"""Article cards are rendered once per build and reused on every list (adapter/cards.py).

A reused card must be the card that list would have rendered itself: with RELATIVE_URLS
its links depend on how deep the list page sits, so a card remembered from the home page
must never appear on a tag page.
"""

from __future__ import annotations

import os
import posixpath

from bs4 import BeautifulSoup


def _soup(path: str) -> BeautifulSoup:
    with open(path, encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def _list_pages(out: str) -> list[str]:
    """Every built page that shows article cards, relative to the output folder."""
    found = []
    for root, _dirs, names in os.walk(out):
        for name in names:
            path = os.path.join(root, name)
            if name.endswith(".html") and _soup(path).select("li.card"):
                found.append(os.path.relpath(path, out))
    return sorted(found)


def _target(out: str, page: str, href: str) -> str:
    """The file a relative link on `page` opens (a folder URL opens its index.html)."""
    url = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return os.path.join(out, url, "index.html") if href.endswith("/") else os.path.join(out, url)


def test_every_card_links_to_its_article_from_every_depth(tiny_site):
    tiny_site(RELATIVE_URLS=True)
    out = str(tiny_site.output)
    pages = _list_pages(out)
    depths = {page.count("/") for page in pages}
    assert len(depths) >= 2, pages  # the home page and lists in folders
    for page in pages:
        for card in _soup(os.path.join(out, page)).select("li.card"):
            link = card.select_one(".card-title a")
            target = _target(out, page, link["href"])
            assert os.path.isfile(target), (page, link["href"])
            heading = _soup(target).select_one("h1")
            assert heading.get_text(" ", strip=True) == link.get_text(" ", strip=True), page


def test_an_article_s_card_is_the_same_on_every_list_at_one_depth(tiny_site):
    tiny_site()
    out = str(tiny_site.output)
    seen: dict[tuple, str] = {}
    shown = 0
    for page in _list_pages(out):
        for card in _soup(os.path.join(out, page)).select("li.card"):
            title = card.select_one(".card-title")
            key = (title.select_one("a")["href"], title.name)
            shown += 1
            assert seen.setdefault(key, str(card)) == str(card), (page, key)
    assert shown > len(seen)  # articles do appear on several lists

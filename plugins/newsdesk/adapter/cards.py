"""Adapt the theme's article cards: each card is rendered once per build, not once per list.

An article's card (partials/article_list.html) appears on the home page, its category's,
each tag's and author's pages and the archives: six or more times at the same depth, with
the same bytes. The theme calls `newsdesk_card(article, level)` (a Jinja global) where it
would include the partial; the first call renders it and later ones reuse the text.
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup

CARD_TEMPLATE = "partials/article_list.html"
GLOBAL = "newsdesk_card"

# (id(article), heading level, SITEURL) -> (article, html). The article is kept with its
# card so that its id cannot be reused by another object while the card is remembered.
_CARDS: dict[tuple, tuple] = {}


@pass_context
def newsdesk_card(context, article, level: int = 2) -> Markup:
    """The card of `article` with an h`level` title, as the partial renders it here."""
    # SITEURL is in the key: with RELATIVE_URLS it depends on the page's depth.
    key = (id(article), level, context.get("SITEURL"))
    found = _CARDS.get(key)
    if found is not None and found[0] is article:
        return found[1]
    template = context.environment.get_template(CARD_TEMPLATE)
    html = Markup(template.render({**context.get_all(), "article": article,
                                   "card_level": level}))
    _CARDS[key] = (article, html)
    return html


def on_initialized(conf: dict) -> None:
    """Offer the theme `newsdesk_card` (Pelican passes JINJA_GLOBALS to every template)."""
    conf["JINJA_GLOBALS"] = {**(conf.get("JINJA_GLOBALS") or {}), GLOBAL: newsdesk_card}


def forget(_generators=None) -> None:
    """Start each build (and each preview update) with no cards: articles are new objects."""
    _CARDS.clear()

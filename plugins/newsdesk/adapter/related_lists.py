"""Adapt articles to the related scoring: plain records in, lists of Article objects out."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import related
from ..errors import NewsdeskError
from ..text import plain_text
from .common import source


@dataclass(frozen=True)
class RelatedCard:
    """What the theme shows for one related article, computed once per article per build."""

    title: Markup  # typogrified, as in the article's own heading
    url: str
    date_iso: str
    date_text: str
    summary: str  # plain text


def related_card(article, url: str) -> RelatedCard:
    """The card for `article`; Article.url and .summary are costly properties, read once here."""
    return RelatedCard(title=Markup(article.title), url=url,
                       date_iso=article.date.strftime("%Y-%m-%d"), date_text=article.locale_date,
                       summary=Markup(getattr(article, "summary", "") or "").striptags())


def _slug_list(article, key: str) -> list[str]:
    raw = article.metadata.get(key) or ""
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return [item.strip() for item in items if item.strip()]


def article_doc(article, url: str | None = None) -> related.Doc:
    """The plain-data record the related scoring reads for one article."""
    # Keyed by URL, which Pelican keeps unique; slugs can repeat (e.g. dated Jekyll posts).
    return related.Doc(
        slug=url or article.url, title=Markup(article.title).striptags(),
        summary=Markup(getattr(article, "summary", "") or "").striptags(),
        body=plain_text(article._content), tags=tuple(t.name for t in getattr(article, "tags", [])),
        category=article.category.name, date=article.date, lang=article.lang)


def hides_related(article) -> bool:
    """True when the editor wrote `related: none`."""
    return [s.lower() for s in _slug_list(article, "related")] == ["none"]


def _resolve(article, slugs: list[str], urls_by_slug: dict, key: str) -> list[str]:
    urls = []
    for slug in slugs:
        found = urls_by_slug.get(slug, [])
        if len(found) != 1:
            problem = ("is not a published article's slug" if not found else
                       f"matches {len(found)} articles ({', '.join(found)})")
            raise NewsdeskError(f"{source(article)}: {key}: '{slug}' {problem}. Fix the slug "
                                "or remove it.")
        urls.append(found[0])
    return urls


def editor_choices(articles: list, urls: list[str] | None = None) -> tuple[dict, dict]:
    """The editors' pins (`related:`) and exclusions (`related_exclude:`), as article URLs."""
    # Article.url formats a setting on every access; big sites pass the URLs in once.
    urls = urls or [a.url for a in articles]
    urls_by_slug: dict[str, list[str]] = {}
    for article, url in zip(articles, urls):
        urls_by_slug.setdefault(article.slug, []).append(url)
    pins, excludes = {}, {}
    for a, url in zip(articles, urls):
        if not hides_related(a):
            pins[url] = _resolve(a, _slug_list(a, "related"), urls_by_slug, "related")
        excludes[url] = set(_resolve(a, _slug_list(a, "related_exclude"), urls_by_slug,
                                     "related_exclude"))
    return pins, excludes


def _related_for_language(articles: list, config: dict, urls: list[str]) -> None:
    by_url = dict(zip(urls, articles))
    pins, excludes = editor_choices(articles, urls)
    docs = [article_doc(a, url) for a, url in zip(articles, urls)]
    lists = related.related_lists(docs, config, pins, excludes)
    cards: dict[str, RelatedCard] = {}
    for article, scored in zip(articles, lists):
        chosen = [] if hides_related(article) else [s.slug for s in scored]
        article.related_articles = [by_url[url] for url in chosen]
        # One shared card per listed article, however many lists it appears in.
        article.related_cards = [cards.get(url) or cards.setdefault(
            url, related_card(by_url[url], url)) for url in chosen]


def attach_related(generator, urls: dict | None = None) -> None:
    """Give every published article its related list; candidates share its language."""
    config = generator.settings["RELATED_ARTICLES"]
    # Only published articles are candidates: Pelican keeps drafts, hidden and future-dated
    # (scheduled) articles out of generator.articles and generator.translations.
    candidates = generator.articles + generator.translations
    for lang in sorted({a.lang for a in candidates}):
        group = [a for a in candidates if a.lang == lang]
        _related_for_language(group, config, [urls[id(a)] if urls else a.url for a in group])

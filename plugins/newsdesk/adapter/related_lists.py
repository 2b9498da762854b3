"""Adapt articles to the related scoring: plain records in, lists of Article objects out."""

from __future__ import annotations

from markupsafe import Markup

from .. import related
from ..errors import NewsdeskError
from ..text import plain_text
from .common import source


def _slug_list(article, key: str) -> list[str]:
    raw = article.metadata.get(key) or ""
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return [item.strip() for item in items if item.strip()]

def article_doc(article) -> related.Doc:
    """The plain-data record the related scoring reads for one article."""
    # Keyed by URL, which Pelican keeps unique; slugs can repeat (e.g. dated Jekyll posts).
    return related.Doc(
        slug=article.url, title=Markup(article.title).striptags(),
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

def editor_choices(articles: list) -> tuple[dict, dict]:
    """The editors' pins (`related:`) and exclusions (`related_exclude:`), as article URLs."""
    urls_by_slug: dict[str, list[str]] = {}
    for article in articles:
        urls_by_slug.setdefault(article.slug, []).append(article.url)
    pins, excludes = {}, {}
    for a in articles:
        if not hides_related(a):
            pins[a.url] = _resolve(a, _slug_list(a, "related"), urls_by_slug, "related")
        excludes[a.url] = set(_resolve(a, _slug_list(a, "related_exclude"), urls_by_slug,
                                       "related_exclude"))
    return pins, excludes

def _related_for_language(articles: list, config: dict) -> None:
    by_url = {a.url: a for a in articles}
    pins, excludes = editor_choices(articles)
    lists = related.related_lists([article_doc(a) for a in articles], config, pins, excludes)
    for article, scored in zip(articles, lists):
        article.related_articles = ([] if hides_related(article)
                                    else [by_url[s.slug] for s in scored])

def attach_related(generator) -> None:
    """Give every published article its related list; candidates share its language."""
    config = generator.settings["RELATED_ARTICLES"]
    # Only published articles are candidates: Pelican keeps drafts, hidden and future-dated
    # (scheduled) articles out of generator.articles and generator.translations.
    candidates = generator.articles + generator.translations
    for lang in sorted({a.lang for a in candidates}):
        _related_for_language([a for a in candidates if a.lang == lang], config)

"""Adapt articles to the related scoring: plain records in, lists of Article objects out."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import frontmatter, related
from ..build import ShareError, Shares, can_fork, worker_count
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


def read_facts(articles: list) -> dict[int, tuple[str, str, str]]:
    """Each article's URL, plain-text summary and plain-text body, keyed by id(article).

    Article.url and Article.summary are properties that format a setting or rewrite links on
    every read, and the body is parsed as HTML: the scoring, the cards, the JSON-LD and the
    word count all need them, so each is made once."""
    return {id(a): (a.url, Markup(getattr(a, "summary", "") or "").striptags(),
                    plain_text(a._content)) for a in articles}


def related_card(article, url: str, summary: str) -> RelatedCard:
    """The card the theme shows for `article` in other articles' related lists."""
    return RelatedCard(title=Markup(article.title), url=url,
                       date_iso=article.date.strftime("%Y-%m-%d"), date_text=article.locale_date,
                       summary=summary)


def _slug_list(article, key: str) -> list[str]:
    return frontmatter.slug_list(article.metadata.get(key))


def article_doc(article, url: str, summary: str, body: str) -> related.Doc:
    """The plain-data record the related scoring reads for one article."""
    # Keyed by URL, which Pelican keeps unique; slugs can repeat (e.g. dated Jekyll posts).
    return related.Doc(
        slug=url, title=Markup(article.title).striptags(), summary=summary,
        body=body, tags=tuple(t.name for t in getattr(article, "tags", [])),
        category=article.category.name, date=article.date, lang=article.lang)


def hides_related(article) -> bool:
    """True when the editor wrote `related: none`."""
    return frontmatter.hides_list(article.metadata.get("related"))


def _resolve(article, slugs: list[str], urls_by_slug: dict, key: str) -> list[str]:
    urls = []
    for slug in slugs:
        found = urls_by_slug.get((article.lang, slug), [])
        if len(found) != 1:
            problem = ("is not a published article's slug" if not found else
                       f"matches {len(found)} articles ({', '.join(found)})")
            raise NewsdeskError(f"{source(article)}: {key}: '{slug}' {problem}. Fix the slug "
                                "or remove it.")
        urls.append(found[0])
    return urls


def editor_choices(articles: list, urls: list[str]) -> tuple[dict, dict]:
    """The editors' pins (`related:`) and exclusions (`related_exclude:`), as article URLs."""
    # A slug names an article in the editor's own language: translations share their
    # original's slug, so it is looked up with the language.
    urls_by_slug: dict[tuple[str, str], list[str]] = {}
    for article, url in zip(articles, urls):
        urls_by_slug.setdefault((article.lang, article.slug), []).append(url)
    pins, excludes = {}, {}
    for a, url in zip(articles, urls):
        if not hides_related(a):
            pins[url] = _resolve(a, _slug_list(a, "related"), urls_by_slug, "related")
        excludes[url] = set(_resolve(a, _slug_list(a, "related_exclude"), urls_by_slug,
                                     "related_exclude"))
    return pins, excludes


def scoring_inputs(candidates: list, facts: dict) -> tuple[list, list, dict, dict]:
    """The candidates' URLs, scoring records, pins and exclusions, in the candidates' order."""
    urls = [facts[id(a)][0] for a in candidates]
    pins, excludes = editor_choices(candidates, urls)
    docs = [article_doc(a, *facts[id(a)]) for a in candidates]
    return urls, docs, pins, excludes


def _score(docs: list, config: dict, pins: dict, excludes: dict, workers: int) -> list:
    if workers < 2 or not can_fork():
        return related.related_lists(docs, config, pins, excludes)
    # In a forked child: the scoring's matrices (about 200 MB at 10,000 articles) never sit
    # in the build's own process, which keeps only the lists. Same code, same lists.
    try:
        return Shares(2, lambda _share: related.related_lists(docs, config, pins,
                                                              excludes)).collect()[0]
    except ShareError as exc:
        raise NewsdeskError(f"related lists: {exc}") from exc


def scored_lists(candidates: list, config: dict, facts: dict, workers: int = 1):
    """Yield (article, url, scored list) for every candidate (the core keeps each list to its
    article's language); with `workers` > 1 the scoring runs in a forked child."""
    urls, docs, pins, excludes = scoring_inputs(candidates, facts)
    lists = _score(docs, config, pins, excludes, workers)
    for article, url, scored in zip(candidates, urls, lists):
        yield article, url, ([] if hides_related(article) else scored)


def attach_related(generator, facts: dict) -> None:
    """Give every published article its related list and cards, from its own language."""
    # Only published articles are candidates: Pelican keeps drafts, hidden and future-dated
    # (scheduled) articles out of generator.articles and generator.translations.
    candidates = generator.articles + generator.translations
    by_url = {facts[id(a)][0]: a for a in candidates}
    cards: dict[str, RelatedCard] = {}
    conf = generator.settings
    for article, _url, scored in scored_lists(candidates, conf["RELATED_ARTICLES"], facts,
                                              worker_count(conf["BUILD"]["workers"])):
        chosen = [by_url[s.slug] for s in scored]
        article.related_articles = chosen
        # One shared card per listed article, however many lists it appears in.
        article.related_cards = [cards.get(id(a)) or cards.setdefault(
            id(a), related_card(a, *facts[id(a)][:2])) for a in chosen]

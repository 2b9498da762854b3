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


# On an article: (the _content its plain text was read from, that plain text).
_PLAIN = "_newsdesk_plain_text"


def keep_plain_text(article) -> None:
    """Read the body's plain text as the article is read, in whichever process reads it, so
    the reading processes share that work instead of the main process doing it after."""
    setattr(article, _PLAIN, (article._content, plain_text(article._content)))


def _plain_text(article) -> str:
    kept = getattr(article, _PLAIN, None)
    # Only while the body is the very object it was read from: anything that rewrote it
    # since (a plugin, the images) gets its text read again.
    if kept is not None and kept[0] is article._content:
        return kept[1]
    return plain_text(article._content)


def read_facts(articles: list) -> dict[int, tuple[str, str, str]]:
    """Each article's URL, plain-text summary and plain-text body, keyed by id(article).

    Article.url and Article.summary are properties that format a setting or rewrite links on
    every read, and the body is parsed as HTML: the scoring, the cards, the JSON-LD and the
    word count all need them, so each is made once."""
    return {id(a): (a.url, Markup(getattr(a, "summary", "") or "").striptags(),
                    _plain_text(a)) for a in articles}


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


def _urls_by_slug(articles: list, urls: list[str]) -> dict[tuple[str, str], list[str]]:
    # A slug names an article in the editor's own language: translations share their
    # original's slug, so it is looked up with the language.
    found: dict[tuple[str, str], list[str]] = {}
    for article, url in zip(articles, urls):
        found.setdefault((article.lang, article.slug), []).append(url)
    return found


def _choices_of(article, urls_by_slug: dict) -> tuple[list[str] | None, set[str]]:
    """One article's pins (None for `related: none`) and exclusions, as URLs."""
    pins = (None if hides_related(article) else
            _resolve(article, _slug_list(article, "related"), urls_by_slug, "related"))
    return pins, set(_resolve(article, _slug_list(article, "related_exclude"), urls_by_slug,
                              "related_exclude"))


def editor_choices(articles: list, urls: list[str]) -> tuple[dict, dict]:
    """The editors' pins (`related:`) and exclusions (`related_exclude:`), as article URLs."""
    urls_by_slug = _urls_by_slug(articles, urls)
    pins, excludes = {}, {}
    for a, url in zip(articles, urls):
        pinned, excludes[url] = _choices_of(a, urls_by_slug)
        if pinned is not None:
            pins[url] = pinned
    return pins, excludes


def scoring_inputs(candidates: list, facts: dict) -> tuple[list, list, dict, dict]:
    """The candidates' URLs, scoring records, pins and exclusions, in the candidates' order."""
    urls = [facts[id(a)][0] for a in candidates]
    pins, excludes = editor_choices(candidates, urls)
    docs = [article_doc(a, *facts[id(a)]) for a in candidates]
    return urls, docs, pins, excludes


class _Scores:
    """Every candidate's scored list, being made: inline, or in a forked child meanwhile."""

    def __init__(self, docs: list, config: dict, pins: dict, excludes: dict,
                 workers: int) -> None:
        self._lists, self._child = None, None
        if workers < 2 or not can_fork():
            self._lists = related.related_lists(docs, config, pins, excludes)
            return
        # In a forked child: the scoring's matrices (about 200 MB at 10,000 articles) never
        # sit in the build's own process, which keeps only the lists, and the build goes on
        # with its other work meanwhile. Same code, same lists.
        self._child = Shares(2, lambda _share: related.related_lists(docs, config, pins,
                                                                     excludes))

    @property
    def elsewhere(self) -> bool:
        """True while the lists are being scored in a child (waiting for them would idle)."""
        return self._child is not None

    def lists(self) -> list:
        """The lists, once the child (if any) is done."""
        if self._child is not None:
            try:
                self._lists = self._child.collect()[0]
            except ShareError as exc:
                raise NewsdeskError(f"related lists: {exc}") from exc
            finally:
                self._child = None
        return self._lists

    def stop(self) -> None:
        """Stop a child whose lists are no longer wanted (the build failed meanwhile)."""
        if self._child is not None:
            self._child.stop()
            self._child = None


def _score(docs: list, config: dict, pins: dict, excludes: dict, workers: int) -> list:
    return _Scores(docs, config, pins, excludes, workers).lists()


def scored_lists(candidates: list, config: dict, facts: dict, workers: int = 1):
    """Yield (article, url, scored list) for every candidate (the core keeps each list to its
    article's language); with `workers` > 1 the scoring runs in a forked child."""
    urls, docs, pins, excludes = scoring_inputs(candidates, facts)
    lists = _score(docs, config, pins, excludes, workers)
    for article, url, scored in zip(candidates, urls, lists):
        yield article, url, ([] if hides_related(article) else scored)


@dataclass
class Scoring:
    """One build's scoring inputs, kept for the preview's quick page (KEEP_SCORING)."""

    candidates: list  # the published articles, in the scoring's order
    urls: list[str]
    docs: list
    pins: dict
    excludes: dict
    facts: dict  # read_facts (by id), taken before any article was decorated


# A preview sets this setting True: the last build's scoring inputs then stay on the
# generator as `newsdesk_scoring`. A build does not keep them (about 40 MB at 10,000 articles).
KEEP_SCORING = "NEWSDESK_KEEP_SCORING"


class PendingRelated:
    """Related lists being scored; `attach()` gives each article its list and cards."""

    def __init__(self, generator, facts: dict) -> None:
        # Only published articles are candidates: Pelican keeps drafts, hidden and
        # future-dated (scheduled) articles out of generator.articles and .translations.
        self.candidates = candidates = generator.articles + generator.translations
        conf, self.facts = generator.settings, facts
        self.urls, docs, pins, excludes = scoring_inputs(candidates, facts)
        if conf.get(KEEP_SCORING):
            generator.newsdesk_scoring = Scoring(candidates, self.urls, docs, pins, excludes,
                                                 facts)
        self.scores = _Scores(docs, conf["RELATED_ARTICLES"], pins, excludes,
                              worker_count(conf["BUILD"]["workers"]))

    def attach(self) -> None:
        """Wait for the lists; attach each article's list and cards."""
        by_url = dict(zip(self.urls, self.candidates))
        cards: dict[int, RelatedCard] = {}
        for article, scored in zip(self.candidates, self.scores.lists()):
            _attach(article, [] if hides_related(article) else scored, by_url, self.facts,
                    cards)


def _attach(article, scored: list, by_url: dict, facts: dict, cards: dict) -> None:
    chosen = [by_url[s.slug] for s in scored]
    article.related_articles = chosen
    # One shared card per listed article, however many lists it appears in.
    article.related_cards = [cards.get(id(a)) or cards.setdefault(
        id(a), related_card(a, *facts[id(a)][:2])) for a in chosen]


def relate_alone(generator, article, facts: dict) -> None:
    """Give one re-read article the related list a whole build would, from the last build's
    scoring inputs with its own record replaced (the preview's quick page)."""
    kept: Scoring = generator.newsdesk_scoring
    url = facts[id(article)][0]
    docs = list(kept.docs)
    docs[kept.urls.index(url)] = article_doc(article, *facts[id(article)])
    # Its own pins and exclusions may have changed; every other article's have not.
    pinned, excluded = _choices_of(article, _urls_by_slug(kept.candidates, kept.urls))
    pins = {**kept.pins, url: pinned or []}
    scored = related.related_list(docs, generator.settings["RELATED_ARTICLES"], url, pins,
                                  {**kept.excludes, url: excluded})
    _attach(article, [] if pinned is None else scored,
            dict(zip(kept.urls, kept.candidates)), kept.facts, {})

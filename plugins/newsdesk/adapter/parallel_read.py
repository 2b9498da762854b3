"""Adapt reading to several processes: forked children read (Markdown, typogrify) the last
shares of the article files while Pelican's own loop reads the first share here.

At the first article Pelican reads, the file list is split into BUILD["workers"] contiguous
parts. Children read the later parts through Pelican's own Readers.read_file and send back
the articles that read cleanly; the loop takes them as cached data when it gets there. A
file that failed, was skipped or logged anything in a child is read again here, so its
error, warning and build-summary count are exactly those of a one-process build.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.contents import Article
from pelican.readers import Readers, SkipStub
from pelican.urlwrappers import URLWrapper

from ..build import LoggedMessages, ShareError, Shares, can_fork, worker_count
from ..errors import NewsdeskError
from .common import foreign_receivers

# Fewer articles than this are read in one process: forking would cost more than it saves.
PARALLEL_OVER = 20
# Receivers of these run in the child that reads the file; another plugin's would lose state.
_READ_SIGNALS = ("article_generator_preread", "article_generator_context",
                 "content_object_init")


def _foreign_receivers() -> list[str]:
    from . import reading

    return foreign_receivers(_READ_SIGNALS, {on_article_preread, reading.on_article_preread,
                                             reading.on_article_context,
                                             reading.on_content_init})


def _workers(generator, files: int) -> int:
    conf = generator.settings
    caching = conf.get("CACHE_CONTENT") or conf.get("LOAD_CONTENT_CACHE")
    # Pelican's content cache, or readers of the caller's own (a preview keeping reads in
    # memory), already spare the reading; another plugin's handlers need one process.
    if (files <= PARALLEL_OVER or caching or type(generator.readers) is not Readers
            or not can_fork() or _foreign_receivers()):
        return 1
    return worker_count(conf["BUILD"]["workers"])


def _read(generator, path: str):
    """Read one file exactly as ArticlesGenerator.generate_context does."""
    return generator.readers.read_file(
        base_path=generator.path, path=path, content_class=Article, context=generator.context,
        preread_signal=signals.article_generator_preread, preread_sender=generator,
        context_signal=signals.article_generator_context, context_sender=generator)


def _read_share(generator, paths: list[str]) -> dict:
    """In a child: the articles of `paths` that read cleanly, detached from the settings."""
    generator._newsdesk_progress = False  # the parent alone draws the progress bar
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    # Keeps back every message: a file that logged anything is read again in the parent.
    quiet = LoggedMessages(logging.WARNING)
    root.addHandler(quiet)
    done = {}
    for path in paths:
        before = len(quiet.records)
        try:
            article = _read(generator, path)
        except Exception:  # noqa: BLE001 - read again (and reported) by the parent
            continue
        if (isinstance(article, SkipStub) or len(quiet.records) != before
                or not _valid(article, quiet)):
            continue
        done[path] = _relink(article, None, None)  # the parent's own go back on there
    return done


def _valid(article, quiet: LoggedMessages) -> bool:
    before = len(quiet.records)
    try:
        return article.is_valid() and len(quiet.records) == before
    except Exception:  # noqa: BLE001 - Pelican's fatal logger raises on the error it logs
        return False


def _relink(article, settings: dict | None, context: dict | None) -> Article:
    """Point an article (and its categories, tags, authors) at `settings` and `context`."""
    article.settings, article._context = settings, context
    for value in list(vars(article).values()) + list(article.metadata.values()):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, URLWrapper):
                item.settings = settings
    return article


class _Prefetch:
    """The children reading the later shares, and what they sent once collected."""

    def __init__(self, generator, shares: Shares, theirs: set[str]) -> None:
        self.generator, self.shares, self.theirs = generator, shares, theirs
        self.articles: dict | None = None

    def get(self, path: str, default=None):
        """Pelican's get_cached_data: a child's article for `path`, else `default` (read here)."""
        if path not in self.theirs:
            return default
        if self.articles is None:
            try:
                parts = self.shares.collect()
            except ShareError as exc:
                raise NewsdeskError(f"reading articles: {exc}") from exc
            self.articles = {k: v for part in parts for k, v in part.items()}
        article = self.articles.pop(path, None)
        if article is None:
            return default
        return _relink(article, self.generator.settings, self.generator.context)


def on_article_preread(generator) -> None:
    """At the first article: start children on the later shares of the article files."""
    if getattr(generator, "_newsdesk_prefetch", None) is not None:
        return
    generator._newsdesk_prefetch = False
    conf = generator.settings
    files = list(generator.get_files(conf["ARTICLE_PATHS"], exclude=conf["ARTICLE_EXCLUDES"]))
    count = _workers(generator, len(files))
    if count < 2:
        return
    size = -(-len(files) // count)
    parts = [files[i * size:(i + 1) * size] for i in range(count)]
    shares = Shares(count, lambda share: _read_share(generator, parts[share]))
    prefetch = _Prefetch(generator, shares, {p for part in parts[1:] for p in part})
    generator._newsdesk_prefetch = prefetch
    # Pelican asks get_cached_data for each file before reading it (None: read it here).
    generator.get_cached_data = prefetch.get

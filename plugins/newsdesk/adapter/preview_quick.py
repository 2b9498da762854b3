"""The preview's quick page: an edited article, re-read and rendered against the last update.

An edit to the body, title, tags or other fields of a published article changes its own
page at once and other pages (lists, cards, feeds, other articles' related lists) through
the whole site. This writes the article's own page first, in milliseconds rather than the
seconds a rebuilt site takes: the file is read again, given the plugin's attributes as a
whole build would (its related list scored against every article's last text), and
rendered with Pelican's own loop in the last update's context. The full update that
follows renders every page from a fresh context and rewrites this one only if its bytes
differ, which the preview's script test (tests/site/test_preview.py) checks never happens.

An edit that moves the page or changes what other pages share with it (its URL, slug,
status, date, category or language), and any article whose reading or checks fail, gets
no quick page: the full update then writes it first, as before.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from . import images
from .articles import decorate_alone
from .preview_writer import PreviewWriter
from .run import ARTICLE_PAGES, only
from .unpublished import PUBLISHED

# What must be unchanged for the last update's context to hold for the re-read article.
_SAME = ("save_as", "url", "slug", "lang", "status", "template", "category", "date",
         "in_default_lang")


def _published(gen, path: str):
    """The last update's published article read from `path`, and the list holding it."""
    for name in ("articles", "translations"):
        for article in getattr(gen, name):
            if article.source_path == path:
                return article, name
    return None, None


def reread(gen, path: str):
    """The article at `path` read again as generate_context reads it, or None when its
    page cannot be made from the last update (see the module's docstring)."""
    full = os.path.abspath(path)
    old, listed = _published(gen, full)
    if old is None or not os.path.isfile(full) or not hasattr(gen, "newsdesk_scoring"):
        return None, None
    new = gen.readers.read_file(
        base_path=gen.path, path=os.path.relpath(full, gen.path), content_class=Article,
        context=gen.context, preread_signal=signals.article_generator_preread,
        preread_sender=gen, context_signal=signals.article_generator_context,
        context_sender=gen)
    if not isinstance(new, Article) or not new.is_valid():
        return None, None
    if any(getattr(new, key, None) != getattr(old, key, None) for key in _SAME):
        return None, None
    new.translations = old.translations  # process_translations' links, unchanged
    return new, listed


def write_first(generators, path: str, output_path: str, settings: dict) -> list[str] | None:
    """Write the quick page for an edit of `path`: the files written, or None when the
    full update must make it."""
    gen = next(g for g in generators if isinstance(g, ArticlesGenerator))
    article, listed = reread(gen, path)
    if article is None:
        return None
    # The plugin's steps for one article, in the order a build runs them; the image plan is
    # this page's own (the full update starts its own again).
    images.on_initialized(settings)
    decorate_alone(gen, article)
    article.publication_state = PUBLISHED
    images.rewrite_alone(settings, article)
    article.refresh_metadata_intersite_links()
    writer = PreviewWriter(output_path, settings)
    # Pelican's own loop over just this article.
    with only(gen, {name: [article] if name == listed else [] for name in ARTICLE_PAGES}):
        gen.generate_articles(writer.write_file)
    return writer.changed

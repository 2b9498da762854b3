"""The only layer that touches Pelican: it adapts Pelican's objects to Newsdesk's pure core.

Attributes attached to every article (always of one type; see README "Plugin attributes"):
  article.related_articles  list[Article]
  article.related_cards     list[RelatedCard] (title, url, dates, summary of each, for the theme)
  article.call_to_action    CallToAction | None
  article.exit_this_page    bool
  article.jsonld            str (JSON for a <script type="application/ld+json">)
  article.word_count        int (words of prose, code left out: the theme's reading time)
  article/page.publication_state  str: published, draft, scheduled or hidden
  article.featured_image    images.FeaturedImage | None
  article.share_image       images.ShareImage | None
Context/settings added: NEWSDESK_CONTACT (contact.Contact), NEWSDESK_SITE_JSONLD (str),
NEWSDESK_CSP (str); Jinja global newsdesk_card(article, level) (cards.py).
"""

from __future__ import annotations

from pelican import signals

from . import cards, images, parallel, parallel_read, redirects, search_start
from .articles import CallToAction, on_article_generator_finalized
from .reading import (on_article_context, on_article_preread, on_article_pretaxonomy,
                      on_content_init, on_readers_init)
from .related_lists import hides_related, read_facts, scored_lists, scoring_inputs
from .site import on_all_generators_finalized, on_finalized, on_initialized
from .site import write_site_files
from .unpublished import on_all_generators_finalized as on_unpublished

__all__ = ["CallToAction", "hides_related", "read_facts", "register", "scored_lists",
           "scoring_inputs"]


def register() -> None:
    """Connect Newsdesk's handlers to Pelican's signals."""
    signals.initialized.connect(on_initialized)
    signals.initialized.connect(redirects.on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.content_object_init.connect(on_content_init)
    signals.article_generator_preread.connect(on_article_preread)
    signals.article_generator_preread.connect(parallel_read.on_article_preread)
    signals.article_generator_context.connect(on_article_context)
    signals.article_generator_pretaxonomy.connect(on_article_pretaxonomy)
    signals.article_generator_finalized.connect(on_article_generator_finalized)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.all_generators_finalized.connect(cards.forget)
    # Before unpublished content leaves the lists: a redirect to it is skipped, not an error.
    signals.all_generators_finalized.connect(redirects.on_all_generators_finalized)
    # After the counts above: the build summary still counts what production leaves out.
    signals.all_generators_finalized.connect(on_unpublished)
    signals.all_generators_finalized.connect(images.on_all_generators_finalized)
    signals.static_generator_finalized.connect(images.on_static_generator_finalized)
    # Last: the shares write what every handler above has settled.
    signals.all_generators_finalized.connect(parallel.on_all_generators_finalized)
    signals.get_writer.connect(parallel.get_writer)
    signals.page_writer_finalized.connect(parallel.on_page_writer_finalized)
    signals.page_writer_finalized.connect(search_start.on_page_writer_finalized)
    signals.finalized.connect(images.on_finalized)
    signals.finalized.connect(write_site_files)
    signals.finalized.connect(redirects.on_finalized)
    signals.finalized.connect(on_finalized)

"""Adapt drafts, scheduled and hidden content: mark them for preview, or leave them out.

Pelican writes drafts (and future-dated articles, which it turns into drafts) under
DRAFT_SAVE_AS and hidden content at its normal URL, in every build. Editors need them in
`make serve`; the public site must not hold them at all, not even at a guessable URL. With
UNPUBLISHED["write"] False (publishconf.py) they are removed from the generators' lists
before anything is written, so no page, feed, sitemap entry, search entry or link is made.
"""

from __future__ import annotations

# Every article and page gets `publication_state`, one of these strings.
PUBLISHED, DRAFT, SCHEDULED, HIDDEN = "published", "draft", "scheduled", "hidden"

# The generators' lists of content that is not published, by state.
_ARTICLE_LISTS = {DRAFT: ("drafts", "drafts_translations"),
                  HIDDEN: ("hidden_articles", "hidden_translations")}
_PAGE_LISTS = {DRAFT: ("draft_pages", "draft_translations"),
               HIDDEN: ("hidden_pages", "hidden_translations")}


def state_of(content, listed_as: str) -> str:
    """`published`, `draft`, `scheduled` (a future date Pelican made a draft) or `hidden`."""
    if listed_as != DRAFT:
        return listed_as
    # Pelican marks a future-dated article as a draft; an editor's draft says so itself.
    own = str(content.metadata.get("status", "")).strip().lower()
    return DRAFT if own == DRAFT else SCHEDULED


def _lists(generator, names: dict):
    for state, attrs in names.items():
        for attr in attrs:
            yield state, getattr(generator, attr)


def on_all_generators_finalized(generators) -> None:
    """Mark every article and page with its state; drop unpublished ones from production."""
    arts = next(g for g in generators if hasattr(g, "drafts"))
    pages = next(g for g in generators if hasattr(g, "draft_pages"))
    write = arts.settings["UNPUBLISHED"]["write"]
    for generator, names in ((arts, _ARTICLE_LISTS), (pages, _PAGE_LISTS)):
        for content in (generator.translations
                        + getattr(generator, "articles", getattr(generator, "pages", []))):
            content.publication_state = PUBLISHED
        for state, items in _lists(generator, names):
            for content in items:
                content.publication_state = state_of(content, state)
            if not write:
                # In place: the template context holds these same list objects.
                del items[:]
    if not write:
        _forget_unpublished(arts.context)


def _forget_unpublished(context: dict) -> None:
    # {filename} links resolve through generated_content; an unpublished target must not
    # turn into a URL that production does not have (the content check reports such links).
    generated = context.get("generated_content", {})
    for path in [p for p, c in generated.items()
                 if getattr(c, "publication_state", PUBLISHED) != PUBLISHED]:
        del generated[path]

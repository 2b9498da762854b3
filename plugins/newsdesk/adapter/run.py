"""Pelican.run() up to the writing, in pieces: the build's check, the preview and explain share it.

Pelican has no public call for "read everything, write nothing"; these repeat the first half
of `Pelican.run()` (4.12) once, here, so no caller keeps its own copy.
"""

from __future__ import annotations

from contextlib import contextmanager

from pelican import signals


def fresh_context(settings: dict) -> dict:
    """The context Pelican.run() shares among its generators, before any is made."""
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={},
                   localsiteurl=settings["SITEURL"])
    return context


def make_generators(pelican) -> list:
    """Pelican's generators over a fresh shared context, exactly as `Pelican.run()` makes them."""
    conf = pelican.settings
    context = fresh_context(conf)
    return [cls(context=context, settings=conf, path=pelican.path, theme=pelican.theme,
                output_path=pelican.output_path) for cls in pelican._get_generator_classes()]


def read_generators(generators: list) -> list:
    """Every generator's reading, then `all_generators_finalized` (our plugin's lists), then
    Pelican's refresh of metadata links, as Pelican.run does before writing."""
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    return generators


# The lists of content ArticlesGenerator.generate_articles writes a page for.
ARTICLE_PAGES = ("translations", "articles", "hidden_translations", "hidden_articles")


@contextmanager
def only(generator, lists: dict):
    """Rebind some of a generator's lists (e.g. to the edited items) for one of Pelican's
    loops; restored after. Rebound, not changed in place: the template context keeps the
    full lists."""
    kept = {name: getattr(generator, name) for name in lists}
    try:
        for name, items in lists.items():
            setattr(generator, name, items)
        yield generator
    finally:
        for name, items in kept.items():
            setattr(generator, name, items)

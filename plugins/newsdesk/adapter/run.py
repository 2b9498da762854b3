"""Pelican.run() up to the writing, in pieces: the build's check, the preview and explain share it.

Pelican has no public call for "read everything, write nothing"; these repeat the first half
of `Pelican.run()` (4.12) once, here, so no caller keeps its own copy.
"""

from __future__ import annotations

from pelican import signals


def fresh_context(settings: dict) -> dict:
    """The context Pelican.run() shares among its generators, before any is made."""
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={},
                   localsiteurl=settings["SITEURL"])
    return context


def make_generators(pelican, settings: dict | None = None) -> list:
    """Pelican's generators over a fresh shared context, exactly as `Pelican.run()` makes them."""
    conf = pelican.settings if settings is None else settings
    context = fresh_context(conf)
    return [cls(context=context, settings=conf, path=pelican.path, theme=pelican.theme,
                output_path=pelican.output_path) for cls in pelican._get_generator_classes()]


def read_generators(generators: list) -> list:
    """Every generator's reading, then `all_generators_finalized` (our plugin's lists)."""
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    return generators

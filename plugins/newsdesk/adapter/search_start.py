"""Adapt the publish's search index: Pagefind starts once every page it indexes is on disk.

Pagefind indexes the pages that carry data-pagefind-body: articles and pages. A publish sets
SEARCH_START (a function that starts Pagefind on the output). With build workers, each share
writes those pages first (the pages' pass, then the articles' own pages) and marks when it is
done; the main process starts Pagefind once every share has, and the shares go on with the
lists and feeds meanwhile. In one process it starts after the pages' pass. Either way it waits
for the whole build when static HTML files or template pages are written later, because one
of those could carry data-pagefind-body too, and Pagefind must see every such page whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from pelican.generators import ArticlesGenerator, PagesGenerator

# Set by tools/publish.py only: called (no arguments) once every article and page is written.
SEARCH_START = "NEWSDESK_SEARCH_START"


def html_written_later(generator) -> bool:
    """True when static files or template pages written after the pages include HTML."""
    static = generator.context.get("staticfiles", [])
    return bool(generator.settings.get("TEMPLATE_PAGES")) or any(
        str(getattr(f, "source_path", "")).endswith((".html", ".htm")) for f in static)


def start(generator) -> None:
    """Start Pagefind (once), unless HTML comes later; then the publish starts it after."""
    begin = generator.settings.pop(SEARCH_START, None)
    if begin is not None and not html_written_later(generator):
        begin()


def on_page_writer_finalized(generator, writer=None) -> None:
    """One process: every article and page is written now."""
    if not hasattr(writer, "owns"):  # not a build worker's share (parallel.ShareWriter)
        start(generator)


def bodies_first(generators: list) -> list:
    """The shares' order in a publish: the pages' pass before the articles' (lists last).

    The output is the same: a page over a list page still wins (Pelican skips the later,
    non-override write) and two outputs with one path still fail on that path."""
    return sorted(generators, key=lambda g: not isinstance(g, PagesGenerator))


class Bodies:
    """Marks, across the share processes, that a share's articles and pages are on disk."""

    def __init__(self, count: int, generators: list) -> None:
        self.count, self.generators = count, generators
        self.folder = tempfile.mkdtemp(prefix="newsdesk-bodies-")

    def after_articles(self, generator, share: int, then=None) -> None:
        """Mark `share` done once `generator` (the articles') has written the articles."""
        original = generator.generate_articles

        def generate_articles(write):
            original(write)
            open(os.path.join(self.folder, str(share)), "w").close()
            if then:
                then()

        # On this object only, for this share's pass; `forget` takes it off again.
        generator.generate_articles = generate_articles

    def all_done(self) -> bool:
        """True once every share has marked its articles and pages written."""
        return len(os.listdir(self.folder)) == self.count

    def start_if_done(self) -> bool:
        """Start Pagefind if every share is done; True once it has been dealt with."""
        if not self.all_done():
            return False
        start(self.generators[0])
        return True

    def forget(self) -> None:
        """Take the wrapper off the articles generator and remove the marks."""
        for generator in self.generators:
            if isinstance(generator, ArticlesGenerator):
                generator.__dict__.pop("generate_articles", None)
        shutil.rmtree(self.folder, ignore_errors=True)

"""Adapt writing to several processes: each renders and writes a share of the pages.

At `get_writer` (every article read, every list and link final) the build forks
BUILD["workers"] - 1 children. Every process runs the articles' and pages' generate_output
with a ShareWriter that renders only the outputs falling to its share (by path) but checks
every path as Pelican does, so two outputs with one path fail whichever share holds them.
The parent then hands Pelican a writer that skips those two passes (already written) and
writes everything after them (template pages, plugins' generators, static files) itself;
`finalized` (sitemap, images, site files, summary) runs once every share is on disk.
"""

from __future__ import annotations

import hashlib
import logging
import os

from jinja2 import TemplateError
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import sanitised_join

from ..build import ShareError, can_fork, owner, run_shares, worker_count
from ..errors import NewsdeskError
from .common import claim, every_content, foreign_receivers
from . import search_start
from .precompress import PrecompressingWriter, writer_for

logger = logging.getLogger(__name__)
_GENERATORS: dict[int, list] = {}
# Signals whose receivers would see a page in one process while another writes it.
_PER_PAGE_SIGNALS = ("content_written", "feed_generated", "feed_written",
                     "article_writer_finalized", "page_writer_finalized")


class ShareWriter(PrecompressingWriter):
    """Pelican's writer for one share: renders and writes only its outputs, checks them all."""

    def __init__(self, output_path, settings=None, share: int = 0, count: int = 1):
        super().__init__(output_path, settings=settings)
        self.share, self.count = share, count
        self.current = ""  # the output being made, for error messages
        # In a publish, the main process's share: whether every share has written its
        # articles and pages yet (then the search index starts), checked before each page.
        self.waiting: search_start.Bodies | None = None
        self._mine = True
        self._paths = hashlib.sha1()  # every share must see the same paths in the same order

    def owns(self, name: str) -> bool:
        """True when this share writes the output `name` (relative to the output folder)."""
        self.current = name
        self._mine = owner(name, self.count) == self.share
        return self._mine

    def write_file(self, name, template, context, *args, **kwargs):
        """Pelican's write_file; pages of other shares are checked but not rendered."""
        if self.waiting is not None and self.waiting.start_if_done():
            self.waiting = None
        return super().write_file(name, _ShareTemplate(template, self), context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):
        """Pelican's write_feed for this share's feeds; others' paths are only checked."""
        if path and not self.owns(path):
            self._open_w(sanitised_join(self.output_path, path), "utf-8", override_output).close()
            return None
        return super().write_feed(elements, context, path, url, feed_type, override_output,
                                  feed_title)

    def _open_w(self, filename, encoding, override=False):
        self._paths.update(filename.encode("utf-8", "surrogateescape") + b"\0")
        if self._mine:
            return super()._open_w(filename, encoding, override)
        self._mine = True
        claim(self, filename, override)  # checked as Pelican would; the owner writes it
        return open(os.devnull, "w", encoding=encoding)

    def report(self) -> tuple[str, set, set]:
        """What every share must agree on: the paths seen, in order; and Pelican's path sets."""
        return self._paths.hexdigest(), self._written_files, self._overridden_files


class _ShareTemplate:
    """A template that renders only the pages of its writer's share (others render as "")."""

    def __init__(self, template, writer: ShareWriter) -> None:
        self.template, self.writer = template, writer

    def render(self, context) -> str:
        """The page, or "" (written to /dev/null) when another share writes it."""
        if self.writer.owns(context["output_file"]):
            return self.template.render(context)
        return ""


class _RestWriter(PrecompressingWriter):
    """The writer Pelican gets: skips the shared passes, then writes the rest as usual."""

    done: tuple[set, set] = (set(), set())

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        # Whatever comes after still clashes with the shares' paths, as in one process.
        self._written_files, self._overridden_files = set(self.done[0]), set(self.done[1])
        self.skipping = True

    def write_file(self, *args, **kwargs):
        """Nothing during the articles' and pages' passes (the shares wrote them)."""
        return None if self.skipping else super().write_file(*args, **kwargs)

    def write_feed(self, *args, **kwargs):
        """Nothing during the articles' and pages' passes (the shares wrote them)."""
        return None if self.skipping else super().write_feed(*args, **kwargs)


def on_all_generators_finalized(generators) -> None:
    """Keep the generators whose pages the shares write (Pelican does not hand them on)."""
    shared = [g for g in generators if type(g) in (ArticlesGenerator, PagesGenerator)]
    _GENERATORS[id(generators[0].settings)] = shared


def _workers(conf: dict) -> int:
    count = worker_count(conf["BUILD"]["workers"])
    if count > 1 and not can_fork():
        logger.info("BUILD workers: this system cannot fork; building in one process.")
        return 1
    others = foreign_receivers(_PER_PAGE_SIGNALS, {on_page_writer_finalized,
                                                   search_start.on_page_writer_finalized})
    if count > 1 and others:
        logger.warning("BUILD workers: a plugin listens to %s; building in one process.",
                       ", ".join(others))
        return 1
    return count


def compile_theme(generator) -> None:
    """Compile the theme's templates now, in the main process, so the build's processes
    forked later share them instead of each compiling its own (0.18 s for 38 templates).
    Called while the main process would only wait (for the related scoring's child)."""
    for folder in generator._templates_path:  # the overrides, then the theme's own
        for root, _dirs, names in os.walk(folder):
            for name in names:
                rel = os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
                try:
                    generator.env.get_template(rel)
                except TemplateError:
                    pass  # one no page uses may not compile: only a page's render may fail


def fix_urls(generators: list, known: dict) -> None:
    """Give every article and page its URL as Pelican's own `override_url`, once.

    Pelican formats `url` from the settings on every read (a metadata copy and, for dated
    URLs, three strftime calls): about ten reads a page, a tenth of each share's time. The
    value is final here, and each share would format it again. An author's own `url` is kept.
    `save_as` is left alone: Pelican treats an `override_save_as` as licence to overwrite.
    `known` holds the articles' URLs the plugin already read, by id()."""
    for content in every_content(generators):
        if not hasattr(content, "override_url"):
            content.override_url = known.get(id(content)) or content.url


def _write_share(generators: list, pelican, count: int, share: int,
                 bodies: search_start.Bodies | None) -> tuple:
    writer = ShareWriter(pelican.output_path, settings=pelican.settings, share=share,
                         count=count)
    if bodies is not None:  # a publish: articles and pages first, then the lists
        then = (lambda: setattr(writer, "waiting", bodies)) if share == 0 else None
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                bodies.after_articles(generator, share, then)
        generators = search_start.bodies_first(generators)
    try:
        for generator in generators:
            generator.generate_output(writer)
    except Exception as exc:
        raise ShareError(f"{writer.current or 'the output'}: {type(exc).__name__}: {exc}") from exc
    return writer.report()


def get_writer(pelican):
    """Write the articles' and pages' outputs in BUILD["workers"] processes; for one, None
    (Pelican's writer) or, in a publish, the writer that compresses each page."""
    generators = _GENERATORS.pop(id(pelican.settings), None)
    count = _workers(pelican.settings)
    if not generators or count < 2:
        return writer_for(pelican.settings)
    fix_urls(generators, pelican.settings.get("NEWSDESK_ARTICLE_URLS", {}))
    bodies = (search_start.Bodies(count, generators)
              if pelican.settings.get(search_start.SEARCH_START) else None)
    try:
        reports = run_shares(count, lambda share: _write_share(generators, pelican, count,
                                                               share, bodies))
    except ShareError as exc:
        raise NewsdeskError(f"writing {exc}") from exc
    finally:
        if bodies is not None:
            bodies.forget()
    if bodies is not None:
        search_start.start(generators[0])  # every share is done: now at the latest
    if len({digest for digest, _w, _o in reports}) != 1:
        raise NewsdeskError("build workers saw different outputs (a template or plugin is not "
                            "deterministic); build with BUILD = {'workers': 1} and report it.")
    _digest, written, overridden = reports[0]
    return type("NewsdeskRestWriter", (_RestWriter,), {"done": (written, overridden)})


def on_page_writer_finalized(generator, writer=None) -> None:
    """The pages' pass is the last shared one: from here the parent writes everything."""
    if isinstance(writer, _RestWriter):
        writer.skipping = False

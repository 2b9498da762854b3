"""Drive Pelican for the long-lived preview: the site stays in memory between edits.

Each update runs Pelican's own steps (generate_context, all_generators_finalized,
generate_output, as Pelican.run does) on a fresh context and fresh generators, so every
list, taxonomy, feed and related list is rebuilt from the whole site and cannot go stale.
What is kept is what is slow and depends on one file only: each source file's read result
(Markdown, typogrify), until that file changes. The edited page is rendered and written
first; then every output is rendered in memory and only those whose bytes changed are
written; then outputs that no longer exist are removed. Site files (images, sitemap,
headers) wait for `settle()`, which the process calls once edits go quiet.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Page
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.readers import Readers

from ..preview.changes import stale
from .. import autolink, markup
from . import images, preview_quick, related_lists
from .preview_writer import Interrupted, PreviewWriter
from .run import ARTICLE_PAGES, make_generators, only, read_generators

logger = logging.getLogger(__name__)

# Pelican's loops that write one page per content object, and the lists each goes over.
# (PagesGenerator.generate_output does nothing else; the articles' loops are methods.)
_FIRST = (
    (ArticlesGenerator, "generate_articles", ARTICLE_PAGES),
    (ArticlesGenerator, "generate_drafts", ("drafts_translations", "drafts")),
    (PagesGenerator, "generate_output", ("translations", "pages", "hidden_translations",
                                         "hidden_pages", "draft_translations", "draft_pages")),
)


def _stamp(path: str):
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _static_outputs(gen, out: str) -> set[str]:
    """Files Pelican's StaticGenerator copies: theme static folders and STATIC_PATHS files."""
    conf = gen.settings
    found = {os.path.normpath(os.path.join(out, sc.save_as)) for sc in gen.context["staticfiles"]}
    dest = os.path.join(out, conf["THEME_STATIC_DIR"])
    for path in conf["THEME_STATIC_PATHS"]:
        src = os.path.join(gen.theme, path)
        if os.path.isfile(src):
            found.add(os.path.normpath(os.path.join(dest, os.path.basename(path))))
        for root, dirs, names in os.walk(src):
            # Pelican's copy() skips IGNORE_FILES (editor locks, __pycache__) the same way.
            dirs[:] = [d for d in dirs if not _ignored(d, conf)]
            found.update(os.path.normpath(os.path.join(dest, os.path.relpath(root, src), n))
                         for n in names if not _ignored(n, conf))
    return found


def _remove(path: str, root: str) -> bool:
    """Delete an output file and the folders it leaves empty (a full build has none)."""
    if not os.path.exists(path):
        return False
    os.unlink(path)
    folder = os.path.dirname(path)
    while folder.startswith(root.rstrip(os.sep) + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
    return True


def _ignored(name: str, conf: dict) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in conf["IGNORE_FILES"])


def _remember(func, size: int = 50_000):
    """`func` with its results kept by arguments; only for pure functions of strings."""
    seen: dict[tuple, object] = {}

    def remembered(*args):
        # Typed: Markup("x") equals "x" but a function may treat the two differently.
        key = tuple((type(a), a) for a in args)
        found = seen.get(key)
        if found is None:
            if len(seen) >= size:
                seen.clear()  # a long session starts again rather than grow without end
            found = seen[key] = func(*args)
        return found

    return remembered


# Pure functions of one article's text that every update would otherwise run again on every
# article (plain text for the scoring, title and summary cleaning, phone links): (module,
# name) as the callers look them up. They are swapped in for the length of an update only,
# so a full build in the same process (the tests' fresh builds) runs the originals.
_PURE = ((related_lists, "plain_text"), (markup, "clean_title"), (markup, "clean_summary"),
         (autolink, "link_phones"))


class MemoReaders(Readers):
    """Pelican's readers, keeping each file's read result until the file's stamp changes."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self._memo: dict[str, tuple] = {}

    def forget(self, path: str) -> None:
        """Read `path` again next time, whatever its stamp says."""
        self._memo.pop(os.path.abspath(path), None)

    def read_file(self, base_path, path, content_class=Page, fmt=None, context=None,
                  preread_signal=None, preread_sender=None, context_signal=None,
                  context_sender=None):
        """Pelican's read_file, from memory when the file is unchanged since its last read."""
        full = os.path.abspath(os.path.join(base_path, path))
        stamp = _stamp(full)
        hit = self._memo.get(full)
        if hit is not None and hit[0] == stamp and hit[1] is content_class:
            if preread_signal:
                preread_signal.send(preread_sender)
            content, metadata = hit[2], hit[3]
            if context_signal:
                context_signal.send(context_sender, metadata=metadata)
            return content_class(content=content, metadata=dict(metadata),
                                 settings=self.settings, source_path=full, context=context)
        captured = {}

        def capture(**kwargs):
            # The arguments Pelican builds the object from: Markdown and typogrify done.
            captured.update(kwargs, metadata=dict(kwargs["metadata"]))
            return content_class(**kwargs)

        made = super().read_file(base_path, path, capture, fmt, context, preread_signal,
                                 preread_sender, context_signal, context_sender)
        if captured:  # not for a `Status: skip` file, which Pelican gives a stub
            self._memo[full] = (stamp, content_class, captured["content"], captured["metadata"])
        return made


@dataclass
class Update:
    """What one update did and when: seconds from its start, and the files it wrote."""

    first: list[str] = field(default_factory=list)     # the edited pages, written first
    changed: list[str] = field(default_factory=list)   # every file written, first included
    removed: list[str] = field(default_factory=list)
    first_s: float = 0.0
    all_s: float = 0.0
    complete: bool = False
    rewritten: list[str] = field(default_factory=list)  # first-pass pages the full pass changed
    quick: bool = False  # the edited page came from the quick page (preview_quick.py)


class Session:
    """One Pelican object, its readers and what it last wrote, kept for the preview's life."""

    def __init__(self, pelican) -> None:
        self.pelican = pelican
        self.settings = pelican.settings
        self.readers = MemoReaders(self.settings)
        self.outputs: set[str] = set()  # every file the last complete render wrote
        self.images: set[str] = set()   # image files (relative) the last settle published
        self.generators = None
        self.ready = False  # False after a failed update: settle waits for a good one
        self._envs: dict[type, object] = {}  # Jinja environments: templates compiled once
        self._theme_changed = False
        # The related scoring's inputs stay on the generator for the quick page.
        self.settings[related_lists.KEEP_SCORING] = True
        self._memo = {(module, name): _remember(getattr(module, name))
                      for module, name in _PURE}

    @contextmanager
    def _memoised(self):
        """The remembering versions of the _PURE functions, for the length of the block."""
        originals = {key: getattr(*key) for key in self._memo}
        try:
            for (module, name), remembered in self._memo.items():
                setattr(module, name, remembered)
            yield
        finally:
            for (module, name), original in originals.items():
                setattr(module, name, original)

    def theme_changed(self) -> None:
        """Compile templates afresh on the next update (pelicanconf turns Jinja's own
        checking of template mtimes off)."""
        self._envs.clear()
        self._theme_changed = True  # no quick page from the old templates

    def _generate(self) -> list:
        """Pelican.run up to the writing: fresh context and generators, memoised reading."""
        p, conf = self.pelican, self.settings
        images.on_initialized(conf)  # this render's own image jobs and share cards
        generators = make_generators(p)
        for gen in generators:
            if hasattr(gen, "readers"):
                gen.readers = self.readers
            gen.env = self._envs.setdefault(type(gen), gen.env)
            # No progress bar: the reading is from memory (reading.py skips a set attribute).
            gen._newsdesk_progress = False
        return read_generators(generators)

    def _write(self, generators, stop=None) -> PreviewWriter:
        """Pelican's generate_output for every generator: all outputs, changed ones written."""
        writer = PreviewWriter(self.pelican.output_path, self.settings, stop=stop)
        try:
            for gen in generators:
                if hasattr(gen, "generate_output"):
                    gen.generate_output(writer)
        except Interrupted:
            writer.interrupted = True
        return writer

    def _first(self, generators, sources) -> PreviewWriter:
        """Render and write only the pages made from `sources`, with Pelican's own loops.

        Each generator's loop runs over its lists cut down to the edited items (run.only)."""
        wanted = {os.path.abspath(s) for s in sources}
        writer = PreviewWriter(self.pelican.output_path, self.settings)
        for gen in generators:
            for kind, method, names in _FIRST:
                if not isinstance(gen, kind):
                    continue
                lists = {name: [c for c in getattr(gen, name) if c.source_path in wanted]
                         for name in names}
                if not any(lists.values()):
                    continue
                with only(gen, lists):
                    getattr(gen, method)(writer if method == "generate_output"
                                         else writer.write_file)
        return writer

    def _quick(self, changed) -> list[str] | None:
        """The quick page for a one-article edit, from the last good update; None if none."""
        if len(changed) != 1 or not self.ready or self._theme_changed:
            return None
        try:
            return preview_quick.write_first(self.generators, changed[0],
                                             self.pelican.output_path, self.settings)
        except Exception:  # noqa: BLE001 - the full update that follows reports it
            logger.debug("no quick page for %s", changed[0], exc_info=True)
            return None

    def update(self, changed=(), on_first=None, stop=None) -> Update:
        """Re-read `changed`, write the edited page (quick page if it can), rebuild the site
        in memory, write the edited pages if not yet written, then the rest."""
        with self._memoised():
            return self._update(list(changed), on_first, stop)

    def _update(self, changed: list, on_first, stop) -> Update:
        started, result = time.perf_counter(), Update()
        # The build summary printed at `settle` times this update, not the process's life.
        self.settings["NEWSDESK_STARTED"] = time.monotonic()
        for path in changed:
            self.readers.forget(path)
        quick = self._quick(changed)
        if quick is not None:
            result.first, result.quick = quick, True
            result.first_s = time.perf_counter() - started
            if on_first:
                on_first(result)
        self.ready = False
        self.generators = generators = self._generate()
        self.ready, self._theme_changed = True, False
        if quick is None:
            result.first = self._first(generators, changed).changed
            result.first_s = time.perf_counter() - started
            if on_first:
                on_first(result)
        writer = self._write(generators, stop=stop)
        if writer.interrupted:
            # Files it did write are still ours to remove once a complete render drops them.
            self.outputs |= writer.written | set(result.first)
            return result
        result.changed = result.first + [p for p in writer.changed if p not in result.first]
        # Should stay empty: the quick page is made as the full pass makes it, and the
        # first pass renders from the same context as the full one.
        result.rewritten = [p for p in writer.changed if p in result.first]
        made = writer.written.union(*(_static_outputs(g, self.pelican.output_path)
                                      for g in generators if isinstance(g, StaticGenerator)))
        for path in sorted(stale(self.outputs, made)):
            if _remove(path, self.pelican.output_path):
                result.removed.append(path)
        self.outputs = made
        result.all_s = time.perf_counter() - started
        result.complete = True
        return result

    def settle(self) -> list[str]:
        """The work that waits for quiet: images, share cards, sitemap, robots.txt, headers.

        Returns the image files removed because no page uses them any more (an old title's
        share card, an image no longer referenced)."""
        if not self.ready:
            return []  # the last update failed: its half-made image plan is not the site's
        made = images.planned_outputs(self.settings)
        signals.finalized.send(self.pelican)
        out = self.pelican.output_path
        removed = []
        for rel in sorted(stale(self.images, made)):
            path = os.path.join(out, rel)
            if _remove(path, out):
                removed.append(path)
        self.images = made
        return removed

"""Adapt reading: YAML front matter for Markdown files, and a progress bar for big sites."""

from __future__ import annotations

import logging
import os

from markdown import Markdown
from pelican.log import console
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .. import frontmatter

logger = logging.getLogger(__name__)


# Builds of more articles than this show a progress bar while reading; smaller ones are quick.
PROGRESS_OVER = 500


def on_article_preread(generator) -> None:
    """Before the first article is read, count the files and start a bar if there are many."""
    if hasattr(generator, "_newsdesk_progress"):
        return
    generator._newsdesk_progress = None
    total = len(generator.get_files(generator.settings["ARTICLE_PATHS"],
                                    exclude=generator.settings["ARTICLE_EXCLUDES"]))
    if total > PROGRESS_OVER:
        from rich.progress import Progress

        # No refresh thread: a build that fails mid-read leaves nothing running.
        bar = Progress(console=console, transient=True, auto_refresh=False)
        bar.start()
        generator._newsdesk_progress = [bar, bar.add_task("Reading articles", total=total),
                                        max(total // 100, 1), 0]


def on_article_context(generator, metadata=None) -> None:
    """One more article read: count it, and move and redraw the bar every 1%."""
    progress = getattr(generator, "_newsdesk_progress", None)
    if progress:
        # Counting is cheap; rich's advance/refresh is not, so it runs 100 times in all.
        progress[3] += 1
        bar, task_id, step, done = progress
        if done % step == 0:
            bar.update(task_id, completed=done)
            bar.refresh()


def on_article_pretaxonomy(generator) -> None:
    """All articles are read: remove the bar."""
    progress = getattr(generator, "_newsdesk_progress", None)
    if progress:
        progress[0].stop()
        generator._newsdesk_progress = False


class FrontMatterMarkdownReader(MarkdownReader):
    """Markdown with Pelican's `Key: value` header, or a YAML `---` block as Jekyll/Hugo write."""

    def read(self, source_path):
        """Read YAML front matter when present; otherwise defer to Pelican's Markdown reader."""
        with pelican_open(source_path) as text:
            if not frontmatter.has_yaml_front_matter(text):
                return super().read(source_path)
            parsed = frontmatter.parse(text, os.path.relpath(source_path))
        for warning in parsed.warnings:
            logger.warning(warning)
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        # The body has no `Key: value` header; a first line like "Note: ..." is text.
        self._md.preprocessors.deregister("meta")
        content = self._md.convert(parsed.body)
        # A fresh instance renders formatted fields (the summary); _parse_metadata expects one.
        self._md = Markdown(**self.settings["MARKDOWN"])
        return content, self._parse_metadata({k: [v] for k, v in parsed.meta.items()})


def on_readers_init(readers) -> None:
    """Read .md files with the front-matter-aware reader."""
    for ext in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[ext] = FrontMatterMarkdownReader

"""Small helpers shared by the adapter modules."""

from __future__ import annotations

import os
import weakref

from pelican import signals
from pelican.writers import FileOverwriteFailedError


# The generators' lists of what they write (the articles generator has some, the pages
# generator the others); a translation can be on two of them.
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                 "hidden_translations", "pages", "hidden_pages", "draft_pages",
                 "draft_translations")


def every_content(generators: list):
    """Each article and page the generators hold (published or not), once."""
    seen: set[int] = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if id(content) not in seen:
                    seen.add(id(content))
                    yield content


def source(content) -> str:
    """The content's source file, relative to the working folder, for error messages."""
    return os.path.relpath(content.source_path) if content.source_path else "<unknown>"


def claim(writer, filename: str, override: bool) -> str:
    """Pelican's own bookkeeping of Writer._open_w (4.12), for writers that open files their
    own way: the path to open (os.devnull for a skipped second write), or an error."""
    if filename in writer._overridden_files:
        if override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
        filename = os.devnull
    elif filename in writer._written_files and not override:
        raise FileOverwriteFailedError(
            f'Failed to overwrite "{filename}" as Pelican has already written to it '
            "previously (set `override=True` if intended)")
    if override:
        writer._overridden_files.add(filename)
    writer._written_files.add(filename)
    return filename


def foreign_receivers(names: tuple[str, ...], own: set) -> list[str]:
    """The signals among `names` that a receiver other than `own` (another plugin's) listens
    to: work that sends them cannot move to a child process without losing its state."""
    def live(ref):
        return ref() if isinstance(ref, weakref.ref) else ref

    return [name for name in names
            if any(live(ref) not in own | {None}
                   for ref in getattr(signals, name).receivers.values())]

"""Adapt writing for a publish: each page gets its .gz and .br copies as it is written.

`invoke publish` sets the PRECOMPRESS setting (the PUBLISH levels and the previous publish's
folder). Every file Pelican's writer closes is then compressed at once by the process that
wrote it (with BUILD workers, each worker its own share), from the text it wrote; what is
written later (site files, Pagefind's bundle) is compressed by the publish itself. Without
the setting (builds, the preview) the writer is Pelican's own.
"""

from __future__ import annotations

import io
import os

from pelican.writers import Writer

from ..publish import compressible, write_copies

# Set by tools/publish.py only: {"levels": PUBLISH setting, "previous": folder or None}.
PRECOMPRESS = "NEWSDESK_PRECOMPRESS"


class _Copied(io.TextIOBase):
    """The file Pelican writes into; closing it writes its compressed copies too.

    A text stream (io.TextIOBase), so the feed writer's XML generator writes str to it."""

    def __init__(self, handle, path: str, output_path: str, job: dict) -> None:
        super().__init__()
        self._handle, self._path, self._root, self._job = handle, path, output_path, job
        self._parts: list[str] = []  # what was written, compressed from memory at close

    def writable(self) -> bool:
        """Yes: it is opened for writing."""
        return True

    def write(self, text: str) -> int:
        """Write to the file itself, and keep the text for its copies."""
        self._parts.append(text)
        return self._handle.write(text)

    def close(self) -> None:
        """Close the file, then write its .gz and .br beside it (if worth compressing)."""
        if self.closed:
            return
        try:
            self._handle.close()
            # The file's bytes: Pelican opens it in text mode, which writes each "\n" as
            # os.linesep and encodes the rest unchanged.
            text = "".join(self._parts).replace("\n", os.linesep)
            data = text.encode(self._handle.encoding)
            if compressible(os.path.basename(self._path), len(data)):
                write_copies(self._path, os.path.relpath(self._path, self._root), data,
                             self._job["previous"], self._job["levels"])
        finally:
            self._parts = []
            super().close()


class PrecompressingWriter(Writer):
    """Pelican's Writer; in a publish, each file it writes gets its copies when closed."""

    def _open_w(self, filename, encoding, override=False):
        handle = super()._open_w(filename, encoding, override)
        job = self.settings.get(PRECOMPRESS)
        if not job or handle.name == os.devnull:  # Pelican's stand-in for a skipped write
            return handle
        return _Copied(handle, filename, self.output_path, job)


def writer_for(settings: dict):
    """The writer class a one-process build needs: ours in a publish, else None (Pelican's)."""
    return PrecompressingWriter if settings.get(PRECOMPRESS) else None

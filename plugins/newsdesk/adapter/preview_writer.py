"""A Pelican writer for the preview: renders in memory, writes only files whose bytes changed.

Every file goes to disk through `write_atomic` (a temporary file in the same folder, then
os.replace), so a browser reading a page mid-write gets the old page or the new one, never
half of one. A file whose bytes are already on disk is not touched at all.
"""

from __future__ import annotations

import io
import os
import tempfile

from pelican.writers import Writer

from .common import claim


def write_atomic(path: str, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds them; return True when written."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".preview-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a full build's files are 0644
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


class _Buffered(io.StringIO):
    """What the writer hands Pelican instead of an open file: kept in memory, written on close."""

    def __init__(self, path: str, writer: PreviewWriter) -> None:
        super().__init__()
        self._path, self._writer = path, writer

    def close(self) -> None:
        if not self.closed:
            self._writer.finish(self._path, self.getvalue().encode("utf-8"))
        super().close()


class Interrupted(Exception):
    """A newer edit arrived: the render stops; the next one re-renders everything."""


class PreviewWriter(Writer):
    """Pelican's Writer, writing atomically and only what changed; `stop()` interrupts it."""

    def __init__(self, output_path, settings, stop=None):
        super().__init__(output_path, settings=settings)
        self.stop = stop or (lambda: False)
        self.written: set[str] = set()  # every output path rendered, changed or not
        self.changed: list[str] = []    # those whose bytes differed, in order
        self.interrupted = False

    def write_file(self, name, template, context, *args, **kwargs):
        """Render `name`, after checking that no newer edit has arrived."""
        if self.stop():
            raise Interrupted()
        return super().write_file(name, template, context, *args, **kwargs)

    def finish(self, path: str, data: bytes) -> None:
        """One rendered output: remember it, and write it if its bytes changed."""
        self.written.add(path)
        if write_atomic(path, data):
            self.changed.append(path)

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own bookkeeping (one write per output unless overridden), but the file
        # is buffered and written atomically on close instead of truncated and streamed.
        if claim(self, filename, override) == os.devnull:
            return open(os.devnull, "w", encoding=encoding)
        return _Buffered(filename, self)

"""The .gz and .br copies a publish writes beside each text file (pure: bytes and files).

`invoke publish` makes them while the build writes its pages (each build process
compresses the pages it wrote, from the bytes still in memory) and then for the files
written after (site files, Pagefind's bundle). A file whose bytes are the same as in the
previous publish gets that publish's copies instead of being compressed again.
"""

from __future__ import annotations

import gzip
import os
import shutil

import brotli

# Text assets worth precompressing; smaller files gain nothing from it.
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".json", ".txt", ".svg")
MIN_BYTES = 1024
COPIES = (".gz", ".br")


def compressible(name: str, size: int) -> bool:
    """True when a file of this name and size gets compressed copies."""
    return name.endswith(COMPRESSIBLE) and size >= MIN_BYTES


def gzip_bytes(data: bytes, level: int) -> bytes:
    """Deterministic gzip: no file name, mtime 0, so the same input gives the same bytes."""
    # gzip.compress with mtime=0 is one zlib call; GzipFile costs a tenth more on a page.
    return gzip.compress(data, compresslevel=level, mtime=0)


def compress_data(data: bytes, levels: dict) -> tuple[bytes, bytes]:
    """The gzip and brotli copies of `data` at the PUBLISH levels."""
    return (gzip_bytes(data, levels["gzip_level"]),
            brotli.compress(data, quality=levels["brotli_quality"]))


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _reuse(previous: str | None, rel: str, data: bytes, path: str) -> bool:
    """Copy the previous publish's .gz and .br of `rel` when its bytes have not changed."""
    if not previous or _read(os.path.join(previous, rel)) != data:
        return False
    old = [os.path.join(previous, rel + ext) for ext in COPIES]
    if not all(os.path.isfile(p) for p in old):
        return False
    for src, ext in zip(old, COPIES):
        shutil.copyfile(src, path + ext)
    return True


def write_copies(path: str, rel: str, data: bytes, previous: str | None, levels: dict) -> bool:
    """Write `path`.gz and `path`.br for its bytes `data`; True when compressed, False when
    the previous publish's copies (`previous`/`rel`) were reused."""
    if _reuse(previous, rel, data, path):
        return False
    for ext, copy in zip(COPIES, compress_data(data, levels)):
        with open(path + ext, "wb") as handle:
            handle.write(copy)
    return True

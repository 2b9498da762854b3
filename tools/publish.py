"""`invoke publish`: production build into a fresh folder, check, compress, then swap it in.

output/ stays a real folder. The new site is built in output.new-XXXX beside it (same
filesystem), and on Linux swapped in with one renameat2(RENAME_EXCHANGE) call, so
output/ is always a complete site; where that call is missing, two renames leave a
moment (microseconds) with no output/. On any failure the new folder is deleted and
output/ is left exactly as it was.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import shutil
import tempfile
import time

from tools import build as site_build  # first: it puts plugins/ on the path
from tools import check as content_check

from newsdesk.build import can_fork, owner, run_shares, worker_count
from newsdesk.adapter.precompress import PRECOMPRESS
from newsdesk.adapter.search_start import SEARCH_START
from newsdesk.errors import NewsdeskError
from newsdesk.publish import COMPRESSIBLE, COPIES, compressible, write_copies
from newsdesk.settings import DEFAULTS, resolve

SEARCH_FOLDER = "pagefind"  # Pagefind's bundle, written while the last files are compressed
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The publish failed; output/ is untouched. The message names the file at fault."""


def _compressible(folder: str, skip: str | None = None, missing: bool = False) -> list[str]:
    """Text assets of at least MIN_BYTES under `folder`, relative to it, in a stable order
    (the subfolder `skip` left out; with `missing`, only those without both copies)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        if skip and root == folder and skip in dirs:
            dirs.remove(skip)
        names = set(files)
        for name in sorted(files):
            # Only a text file that still lacks a copy is stat()ed: after a publish's build
            # that is a few site files among tens of thousands.
            if not name.endswith(COMPRESSIBLE) or (
                    missing and all(name + ext in names for ext in COPIES)):
                continue
            path = os.path.join(root, name)
            if compressible(name, os.path.getsize(path)):
                found.append(os.path.relpath(path, folder))
    return found


def _compress(folder: str, rels: list[str], previous: str | None, levels: dict) -> int:
    made = 0
    for rel in rels:
        path = os.path.join(folder, rel)
        with open(path, "rb") as handle:
            made += write_copies(path, rel, handle.read(), previous, levels)
    return made


def compress_tree(folder: str, workers: int = 1, previous: str | None = None,
                  levels: dict = DEFAULTS["PUBLISH"], skip: str | None = None,
                  missing: bool = False) -> int:
    """Write .gz and .br beside each text asset of at least MIN_BYTES; return how many were
    compressed (the others' copies come from `previous`, the last publish, unchanged).
    `levels` is the PUBLISH setting (its gzip_level and brotli_quality).

    With `workers` > 1 (and fork), each process compresses its share of the files. The
    subfolder `skip` (relative to `folder`) is left alone; `compress_tree(folder/skip)`
    does it later. With `missing`, files that already have both copies are left alone."""
    rels = _compressible(folder, skip, missing)
    count = workers if workers > 1 and can_fork() else 1
    shares = run_shares(count, lambda share: _compress(
        folder, [rel for rel in rels if owner(rel, count) == share], previous, levels))
    return sum(shares)


def _exchange(a: str, b: str) -> bool:
    """Atomically swap two paths (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def swap_in(new: str, output: str) -> None:
    """Make `new` the folder at `output`; the previous one is deleted afterwards."""
    if not os.path.exists(output):
        os.rename(new, output)
        return
    if _exchange(new, output):
        shutil.rmtree(new)  # `new` now holds the previous site
        return
    old = tempfile.mkdtemp(prefix=os.path.basename(output) + ".old-",
                           dir=os.path.dirname(output))
    os.rmdir(old)
    os.rename(output, old)
    os.rename(new, output)
    shutil.rmtree(old)


def _stamp(levels: dict) -> str:
    return f"brotli_quality={levels['brotli_quality']}\ngzip_level={levels['gzip_level']}\n"


def _previous(output: str, stamp_path: str, levels: dict) -> str | None:
    """The last publish, when its compressed copies were made at the same levels."""
    if not os.path.isdir(output):
        return None
    try:
        with open(stamp_path, encoding="utf-8") as handle:
            same = handle.read() == _stamp(levels)
    except FileNotFoundError:
        same = False
    return output if same else None


def build_compressed(settings_file: str, new: str, workers: int, previous: str | None,
                     levels: dict, overrides: dict | None = None,
                     content: str | None = None) -> dict:
    """Build into `new`, index it and compress it: everything a publish does but the swap.

    The build's processes compress each page as they write it (the plugin's PRECOMPRESS).
    Pagefind starts as soon as the last article and page is written (SEARCH_START), and
    indexes them while the build writes the rest and the files written after the pages are
    compressed; its bundle is compressed once it is done. Returns the seconds of each part
    (`compress` is the compressing after the build, within `search_and_compress`), Pagefind's own
    seconds and peak RSS (and whether it started during the build), and the largest peak
    RSS of the build's worker processes."""
    searches: list = []  # the plugin starts Pagefind once the last indexed page is written
    over = {**(overrides or {}), PRECOMPRESS: {"levels": levels, "previous": previous},
            SEARCH_START: lambda: searches.append(site_build.Search(new))}
    parts, mark = {}, time.perf_counter()
    try:
        try:
            site_build.build(settings_file, new, overrides=over, content=content,
                             search=False)
        except BaseException:
            for search in searches:
                search.kill()  # never leave Pagefind running behind a failure
            raise
        parts["pelican"] = time.perf_counter() - mark
        # The build's worker processes are all reaped by now; Pagefind is not.
        workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        search = searches[0] if searches else site_build.Search(new)
        mark = time.perf_counter()
        try:
            compress_tree(new, workers, previous, levels, skip=SEARCH_FOLDER, missing=True)
        finally:
            parts["compress"] = time.perf_counter() - mark
            found = search.wait()  # never leave Pagefind running behind a failure
            found["during_build"] = bool(searches)
        bundle = time.perf_counter()
        compress_tree(os.path.join(new, SEARCH_FOLDER), workers,
                      previous and os.path.join(previous, SEARCH_FOLDER), levels)
        parts["compress"] += time.perf_counter() - bundle
        parts["search_and_compress"] = time.perf_counter() - mark
    except site_build.BuildError as exc:
        raise PublishError(f"the build failed: {exc}") from exc
    return {"parts": parts, "pagefind": found, "workers_peak_rss_mb": workers_mb}


def publish(output: str, settings_file: str = "publishconf.py") -> str:
    """Build (the check's rules first), compress a production site and swap it into `output`."""
    # The build runs the check's rules before anything else, so bad content fails at once.
    settings = content_check.load_settings(settings_file)
    try:
        resolved = resolve(settings)
    except NewsdeskError as exc:
        raise PublishError(str(exc)) from exc
    levels = resolved["PUBLISH"]
    # Outside the output (which holds only the site): the levels of its current copies.
    output = os.path.abspath(output)
    stamp = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), "cache",
                         f"publish-{hashlib.sha1(output.encode()).hexdigest()[:12]}.txt")
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    new = tempfile.mkdtemp(prefix=os.path.basename(output) + ".new-", dir=parent)
    try:
        os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
        build_compressed(settings_file, new, worker_count(resolved["BUILD"]["workers"]),
                         _previous(output, stamp, levels), levels)
        swap_in(new, output)
        os.makedirs(os.path.dirname(stamp), exist_ok=True)
        with open(stamp, "w", encoding="utf-8") as handle:
            handle.write(_stamp(levels))
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return output

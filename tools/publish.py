"""`invoke publish`: production build into a fresh folder, check, compress, then swap it in.

output/ stays a real folder. The new site is built in output.new-XXXX beside it (same
filesystem), and on Linux swapped in with one renameat2(RENAME_EXCHANGE) call, so
output/ is always a complete site; where that call is missing, two renames leave a
moment (microseconds) with no output/. On any failure the new folder is deleted and
output/ is left exactly as it was.
"""

from __future__ import annotations

import ctypes
import gzip
import io
import os
import shutil
import tempfile

import brotli

from tools import build as site_build
from tools import check as content_check

# Text assets worth precompressing; smaller files gain nothing from it.
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".json", ".txt", ".svg")
MIN_BYTES = 1024
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The publish failed; output/ is untouched. The message names the file at fault."""


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip: no file name, mtime 0, so the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()


def compress_tree(folder: str) -> int:
    """Write .gz and .br beside each text asset of at least MIN_BYTES; return how many."""
    count = 0
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.endswith(COMPRESSIBLE) or os.path.getsize(path) < MIN_BYTES:
                continue
            with open(path, "rb") as handle:
                data = handle.read()
            with open(path + ".gz", "wb") as handle:
                handle.write(gzip_bytes(data))
            with open(path + ".br", "wb") as handle:
                handle.write(brotli.compress(data, quality=11))
            count += 1
    return count


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


def _check(settings_file: str) -> None:
    # The rules only: the build reads every file itself, and fails on what the reading meets.
    report = content_check.rule_report(content_check.load_settings(settings_file))
    errors = [f.format() for f in report.findings if f.level == "error"]
    if errors:
        raise PublishError("the content check found errors:\n" + "\n".join(errors))


def publish(output: str, settings_file: str = "publishconf.py") -> str:
    """Check the content, then build and compress a production site and swap it into `output`."""
    # The check reads only the content (about 1 s at 10,000 articles): run it before the
    # build (about a minute) so that bad content fails at once.
    _check(settings_file)
    output = os.path.abspath(output)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    new = tempfile.mkdtemp(prefix=os.path.basename(output) + ".new-", dir=parent)
    try:
        os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
        try:
            site_build.build(settings_file, new)
        except site_build.BuildError as exc:
            raise PublishError(f"the build failed: {exc}") from exc
        compress_tree(new)
        swap_in(new, output)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return output

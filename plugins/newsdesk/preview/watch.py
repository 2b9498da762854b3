"""Poll folders for changed files: a snapshot of stamps, and the paths that differ."""

from __future__ import annotations

import os

from .changes import ignored


def _walk(root: str, stamps: dict) -> None:
    try:
        entries = list(os.scandir(root))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _walk(entry.path, stamps)
        elif not ignored(entry.path):
            try:
                st = entry.stat()
            except FileNotFoundError:
                continue  # removed while we looked; the next snapshot says so
            stamps[entry.path] = (st.st_mtime_ns, st.st_size, st.st_ino)


def snapshot(paths) -> dict[str, tuple[int, int, int]]:
    """(mtime_ns, size, inode) of every file under `paths` (folders recursively, or files)."""
    stamps: dict = {}
    for path in paths:
        if os.path.isdir(path):
            _walk(os.path.abspath(path), stamps)
        elif os.path.isfile(path):
            st = os.stat(path)
            stamps[os.path.abspath(path)] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return stamps


def changed(old: dict, new: dict) -> set[str]:
    """Paths added, removed or modified between two snapshots."""
    return {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}

"""The build summary line: counts, output size and time, as plain data to plain text."""

from __future__ import annotations

import os


def folder_size(path: str) -> int:
    """Total bytes of the files under `path`."""
    # scandir knows which entries are folders without a stat: about twice os.walk's speed
    # on an output of one folder per article.
    total, folders = 0, [path]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_size
    return total


def human_bytes(size: int) -> str:
    """Bytes as a short human figure, e.g. 1.4 MB."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def format_summary(counts: dict, output_bytes: int, seconds: float) -> str:
    """One line: articles, pages, drafts, scheduled, skipped, output size and seconds taken."""
    parts = [f"{counts.get(key, 0)} {key}" for key in
             ("articles", "pages", "drafts", "scheduled", "hidden", "skipped")]
    return (f"Newsdesk build: {', '.join(parts)}; output {human_bytes(output_bytes)}; "
            f"{seconds:.2f} s")

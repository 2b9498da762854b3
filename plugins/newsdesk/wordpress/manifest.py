"""Re-import safety: a manifest of what the import wrote (with hashes), and the redirects merge.

A file whose bytes differ from what the import last wrote was edited by someone: it is never
overwritten, only listed. Images copied from --media follow the same rule.
"""

from __future__ import annotations

import hashlib
import json
import os

from . import WordPressError
from ..errors import NewsdeskError
from ..redirects import data as redirects_data

MANIFEST = "data/wordpress-manifest.json"


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(content: str) -> dict:
    """The manifest of the last import into `content` ({} before the first)."""
    path = os.path.join(content, MANIFEST)
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise WordPressError(f"{path}: cannot read the import manifest ({exc}); restore it "
                             "from version control") from exc


def write_files(content: str, files: dict, report, dry_run: bool) -> None:
    """Write `files` (path under content -> str or bytes), never over an editor's change."""
    manifest = load(content)
    new = dict(manifest)
    for rel, value in sorted(files.items()):
        data = value.encode("utf-8") if isinstance(value, str) else value
        target = os.path.join(content, rel)
        if os.path.exists(target):
            with open(target, "rb") as handle:
                current = _hash(handle.read())
            if current == _hash(data):
                report.counts["unchanged"] += 1
                new[rel] = current
                continue
            if manifest.get(rel) != current:
                report.kept.append(rel)
                continue
        report.counts["written"] += 1
        new[rel] = _hash(data)
        if not dry_run:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
    if not dry_run:
        path = os.path.join(content, MANIFEST)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(dict(sorted(new.items())), handle, indent=1)
            handle.write("\n")


def merge_redirects(path: str, entries: list, report, dry_run: bool) -> None:
    """Add the old URLs the redirects file lacks; never change or remove a line in it."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = ""
    try:
        merged, added = redirects_data.merge(text, path, entries)
    except NewsdeskError as exc:
        raise WordPressError(f"{exc}\n(fix the redirects file, then import again)") from exc
    report.counts["redirects"] = len(entries)
    report.counts["redirects_added"] = added
    if added and not dry_run:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(merged)

"""The image cache: facts about each source and every encoded file, outside the output folder.

Encoded files are named by a key made of the source's content hash and everything that shapes
the output (format, width, quality, pipeline version), so a changed setting or source never
reuses an old file and an unchanged one is never encoded again. Source facts (hash and size)
are indexed by path, byte size and modification time, so a warm build reads no image.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass

from .process import probe

# Bump when the processing changes in a way the key does not capture.
PIPELINE_VERSION = "1"
_INDEX = "sources.json"


@dataclass(frozen=True)
class SourceFacts:
    """What the planner needs of a source: its content hash and displayed size."""

    sha: str
    width: int
    height: int


def file_sha(path: str) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def variant_key(sha: str, *parts: object) -> str:
    """A short stable key for one output of one source."""
    text = ":".join([PIPELINE_VERSION, sha, *map(str, parts)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class ImageCache:
    """Source facts and encoded files under one folder (created on first use)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._index_path = os.path.join(folder, _INDEX)
        self._index = self._load_index()
        self._dirty = False

    def _load_index(self) -> dict:
        try:
            with open(self._index_path, encoding="utf-8") as handle:
                data = json.load(handle)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # no cache yet, or a damaged one: start again

    def facts(self, path: str) -> SourceFacts:
        """The source's hash and size, read from the index when the file has not changed."""
        stat = os.stat(path)
        stamp = [stat.st_size, stat.st_mtime_ns]
        entry = self._index.get(path)
        if entry and entry[0] == stamp:
            return SourceFacts(*entry[1])
        width, height = probe(path)
        facts = SourceFacts(file_sha(path), width, height)
        self._index[path] = [stamp, [facts.sha, width, height]]
        self._dirty = True
        return facts

    def save_index(self) -> None:
        """Write the source index (atomically) when it changed."""
        if not self._dirty:
            return
        os.makedirs(self.folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self._index, handle, sort_keys=True)
        os.replace(tmp, self._index_path)
        self._dirty = False

    def path_for(self, key: str, ext: str) -> str:
        """Where the encoded file of `key` lives in the cache."""
        return os.path.join(self.folder, key[:2], f"{key}.{ext}")

    def has(self, key: str, ext: str) -> bool:
        """True when the encoded file is already cached."""
        return os.path.exists(self.path_for(key, ext))

    def put(self, key: str, ext: str, data: bytes) -> str:
        """Store encoded bytes under `key` (atomically, so a killed build leaves no half file)."""
        target = self.path_for(key, ext)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
        return target


def publish(cached: str, dest: str) -> None:
    """Put a cached file at `dest` in the output: a hard link when possible, else a copy.

    Nothing ever writes into a published file in place (builds replace or delete them), so a
    link shared with the cache is safe and costs no copying."""
    if os.path.exists(dest):
        if os.path.samefile(cached, dest):
            return
        os.remove(dest)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    try:
        os.link(cached, dest)
    except OSError:
        shutil.copyfile(cached, dest)

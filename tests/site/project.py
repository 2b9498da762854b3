"""Helpers for tests that run the real tasks on a scratch copy of the project."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INVOKE = os.path.join(os.path.dirname(sys.executable), "invoke")
PARTS = ("tasks.py", "pelicanconf.py", "publishconf.py", "content", "theme", "plugins", "tools")


def copy_project(dest) -> str:
    """Copy what the tasks need (not output/, .venv or .git) into `dest`; return its path."""
    dest = str(dest)
    os.makedirs(dest, exist_ok=True)
    for part in PARTS:
        src = os.path.join(ROOT, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, part),
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, os.path.join(dest, part))
    return dest


def invoke(project: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `invoke ARGS` in `project`, as an editor would."""
    return subprocess.run([INVOKE, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def tree_hash(folder: str) -> str:
    """One hash over every file's path and bytes: equal hashes mean identical trees."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def write(project: str, rel: str, text: str) -> str:
    """Write a content file (creating folders); return its full path."""
    path = os.path.join(project, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def article(slug: str, date: str, category: str = "Personal Injury", extra: str = "",
            body: str = "Body text.") -> str:
    """A complete article in Pelican's header form."""
    return (f"Title: {slug.replace('-', ' ').capitalize()}\nDate: {date}\nCategory: {category}\n"
            f"Tags: testing\nSlug: {slug}\nAuthors: Jordans Personal Injury Team\nSummary: A short summary.\n"
            f"{extra}\n{body}\n")

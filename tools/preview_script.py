"""The script of edits the preview is checked with (tests/site/test_preview.py, `invoke bench`).

Each step edits a folder of synthetic articles (tools/synth.py) or the theme the way an
editor would; `compare` then checks the preview's output against a fresh full build.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re

from tools import synth

STEPS = ("start", "body", "title", "tags", "category", "new", "delete", "rename", "slug",
         "draft", "undraft", "future", "template", "template-body", "theme-file",
         "theme-file-delete")
TEMPLATE_MARK = '<p class="preview-test">Edited</p>'


def files(folder: str) -> dict[str, bytes]:
    """Every file under `folder` (relative path -> bytes)."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                found[os.path.relpath(path, folder)] = handle.read()
    return found


def folders(folder: str) -> set[str]:
    """Every folder under `folder`, relative (an empty one left behind counts too)."""
    return {os.path.relpath(os.path.join(root, d), folder)
            for root, dirs, _names in os.walk(folder) for d in dirs}


def differences(got_dir: str, want_dir: str) -> list[str]:
    """Files or folders only in one tree, or files whose bytes differ: [] when identical."""
    got, want = files(got_dir), files(want_dir)
    problems = [f"folder only in the preview: {p}"
                for p in sorted(folders(got_dir) - folders(want_dir))]
    problems += [f"only in the preview: {p}" for p in sorted(got.keys() - want.keys())]
    problems += [f"missing from the preview: {p}" for p in sorted(want.keys() - got.keys())]
    return problems + [f"bytes differ: {p}" for p in sorted(got.keys() & want.keys())
                       if got[p] != want[p]]


def set_header(path: str, key: str, value: str | None) -> None:
    """Set (or with None, remove) one `Key: value` header line of a synthetic article."""
    with open(path, encoding="utf-8") as handle:
        head, body = handle.read().split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}: ")]
    if value is not None:
        lines.append(f"{key}: {value}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n\n" + body)


def append(path: str, text: str) -> None:
    """Add text at the end of an article's body."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def _edit_template(theme: str) -> None:
    path = os.path.join(theme, "templates", "article.html")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    text, count = re.subn(r"(<article\b[^>]*>)", lambda m: m.group(1) + TEMPLATE_MARK, text,
                          count=1)
    if count != 1:
        raise ValueError(f"{path}: no <article> tag to edit")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def apply(step: str, content: str, theme: str, names: list[str]) -> tuple[list[str], bool]:
    """Make one step's edit; return (changed content paths, whether the theme changed).

    `names` are the folder's file names before the script began, sorted."""
    path = [os.path.join(content, n) for n in names]
    header = {"title": (2, "Title", "A brand new title for this guide"),
              "tags": (3, "Tags", "preview only tag, compensation"),
              "category": (4, "Category", "Clinical Negligence"),
              "slug": (7, "Slug", "a-changed-slug"), "draft": (8, "Status", "draft"),
              "undraft": (8, "Status", None), "future": (9, "Date", "2099-01-01")}
    if step in header:
        index, key, value = header[step]
        set_header(path[index], key, value)
        return [path[index]], False
    if step in ("body", "template-body"):
        index = 1 if step == "body" else 10
        append(path[index], "\nA new closing paragraph about the claim and the court.\n")
        return [path[index]], False
    if step == "new":
        slug, text = synth.article(random.Random(7), 99999, dt.date(2024, 1, 1))
        new = os.path.join(content, f"{slug}.md")
        with open(new, "w", encoding="utf-8") as handle:
            handle.write(text)
        return [new], False
    if step == "delete":
        os.unlink(path[5])
        return [path[5]], False
    if step == "rename":
        renamed = os.path.join(content, "renamed.md")
        os.rename(path[6], renamed)
        return [path[6], renamed], False
    if step == "template":
        _edit_template(theme)
        return [], True
    extra = os.path.join(theme, "static", "preview-extra.txt")
    if step == "theme-file":
        with open(extra, "w", encoding="utf-8") as handle:
            handle.write("A file added to the theme's static folder.\n")
        return [], True
    if step == "theme-file-delete":
        os.unlink(extra)
        return [], True
    if step == "start":
        return [], False
    raise ValueError(f"unknown step {step!r}; one of {', '.join(STEPS)}")

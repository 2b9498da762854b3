"""The long-lived preview gives the same site as a fresh full build, after every kind of edit.

A script of edits runs through the preview engine in this process (tools/preview.py's
session, as `make serve` drives it); after each step the preview's output folder is compared
file by file, byte for byte, with a fresh `invoke build`-style build of the same content,
theme and settings into an empty folder. No difference is allowed: the live-reload script
is added by the preview's server when it serves a page, never written into the files.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from tools import build as site_build
from tools import preview, synth

from .project import ROOT

ARTICLES = 50
SETTINGS = os.path.join(ROOT, "pelicanconf.py")


def _files(folder: str) -> dict[str, bytes]:
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                found[os.path.relpath(path, folder)] = handle.read()
    return found


def _differences(preview_out: str, fresh_out: str) -> list[str]:
    got, want = _files(preview_out), _files(fresh_out)
    problems = [f"only in the preview: {p}" for p in sorted(got.keys() - want.keys())]
    problems += [f"missing from the preview: {p}" for p in sorted(want.keys() - got.keys())]
    problems += [f"bytes differ: {p}" for p in sorted(got.keys() & want.keys())
                 if got[p] != want[p]]
    return problems


def _set_header(path: str, key: str, value: str | None) -> None:
    """Set (or with None, remove) one `Key: value` header line of a synthetic article."""
    with open(path, encoding="utf-8") as handle:
        head, body = handle.read().split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}: ")]
    if value is not None:
        lines.append(f"{key}: {value}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n\n" + body)


def _append(path: str, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """50 synthetic articles, a copy of the theme, and a preview session over them."""
    tmp = tmp_path_factory.mktemp("preview")
    content, theme = str(tmp / "content"), str(tmp / "theme")
    synth.generate(content, ARTICLES, seed=1313)
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    overrides = {"THEME": theme}
    session = preview.open_session(SETTINGS, str(tmp / "preview"), content=content,
                                   overrides=overrides)
    return {"tmp": tmp, "content": content, "theme": theme, "overrides": overrides,
            "session": session, "files": sorted(os.listdir(content)), "step": 0}


def _check(site, changed=(), theme=False) -> None:
    """Run one update (and the quiet-time work) in the preview; compare with a fresh build."""
    session = site["session"]
    if theme:
        session.theme_changed()
    update = session.update([os.path.join(site["content"], p) for p in changed])
    assert update.complete
    session.settle()
    preview.index_search(session)
    site["step"] += 1
    fresh = str(site["tmp"] / f"fresh-{site['step']}")
    site_build.build(SETTINGS, fresh, overrides=site["overrides"], content=site["content"])
    assert _differences(session.pelican.output_path, fresh) == []


def _path(site, index: int) -> str:
    return os.path.join(site["content"], site["files"][index])


STEPS = ["start", "body", "title", "tags", "category", "new", "delete", "rename", "slug",
         "draft", "undraft", "future", "template", "template-body"]


@pytest.mark.parametrize("step", STEPS)
def test_preview_matches_a_fresh_build(site, step):
    """Each step's edit, made through the preview, leaves the same tree as a full build."""
    name = site["files"]
    if step == "start":
        _check(site)
    elif step == "body":
        _append(_path(site, 1), "\nA new closing paragraph about the claim and the court.\n")
        _check(site, [name[1]])
    elif step == "title":
        _set_header(_path(site, 2), "Title", "A brand new title for this guide")
        _check(site, [name[2]])
    elif step == "tags":
        _set_header(_path(site, 3), "Tags", "preview only tag, compensation")
        _check(site, [name[3]])
    elif step == "category":
        _set_header(_path(site, 4), "Category", "Clinical Negligence")
        _check(site, [name[4]])
    elif step == "new":
        slug, text = synth.article(__import__("random").Random(7), 9999,
                                   __import__("datetime").date(2024, 1, 1))
        with open(os.path.join(site["content"], f"{slug}.md"), "w", encoding="utf-8") as f:
            f.write(text)
        _check(site, [f"{slug}.md"])
    elif step == "delete":
        os.unlink(_path(site, 5))
        _check(site, [name[5]])
    elif step == "rename":
        os.rename(_path(site, 6), os.path.join(site["content"], "renamed.md"))
        _check(site, [name[6], "renamed.md"])
    elif step == "slug":
        _set_header(_path(site, 7), "Slug", "a-changed-slug")
        _check(site, [name[7]])
    elif step == "draft":
        _set_header(_path(site, 8), "Status", "draft")
        _check(site, [name[8]])
    elif step == "undraft":
        _set_header(_path(site, 8), "Status", None)
        _check(site, [name[8]])
    elif step == "future":
        _set_header(_path(site, 9), "Date", "2099-01-01")
        _check(site, [name[9]])
    elif step == "template":
        path = os.path.join(site["theme"], "templates", "article.html")
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        text, count = re.subn(r"(<article\b[^>]*>)", r"\1<p class=\"preview-test\">Edited</p>",
                              text, count=1)
        assert count == 1, "article.html has no <article> tag to edit"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        _check(site, theme=True)
        pages = _files(site["session"].pelican.output_path)
        # Every published article's page shows the edit (the fresh build's too, as compared).
        assert sum(b"preview-test" in data for data in pages.values()) >= ARTICLES - 3
    elif step == "template-body":
        _append(_path(site, 10), "\nOne more line after the template edit.\n")
        _check(site, [name[10]])

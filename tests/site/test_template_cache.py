"""Compiled templates are kept between builds, and an edited template is never built stale."""

from __future__ import annotations

import os

from tools import build as site_build
from tests.site.project import copy_project

MARKER = "Kept-templates marker 7f3a"


def _cache_files(folder: str) -> dict[str, int]:
    return {name: os.stat(os.path.join(folder, name)).st_mtime_ns
            for name in os.listdir(folder)}


def _index(out) -> str:
    with open(os.path.join(out, "index.html"), encoding="utf-8") as handle:
        return handle.read()


def test_templates_are_compiled_once_and_an_edited_one_again(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "site")
    monkeypatch.chdir(project)  # CACHE_PATH ("cache") is relative to where the build runs
    settings = os.path.join(project, "pelicanconf.py")
    site_build.build(settings, str(tmp_path / "one"), search=False)
    (options,) = os.listdir(os.path.join(project, "cache", "jinja"))  # one set of options
    folder = os.path.join(project, "cache", "jinja", options)
    first = _cache_files(folder)
    assert len(first) >= 10  # base, the page types and the partials they include

    footer = os.path.join(project, "theme", "templates", "partials", "footer.html")
    with open(footer, encoding="utf-8") as handle:
        text = handle.read()
    with open(footer, "w", encoding="utf-8") as handle:
        handle.write(text.replace("</footer>", f"<p>{MARKER}</p></footer>", 1))
    site_build.build(settings, str(tmp_path / "two"), search=False)

    assert MARKER not in _index(tmp_path / "one")
    assert MARKER in _index(tmp_path / "two")  # the edit is built, not the kept copy
    second = _cache_files(folder)
    rewritten = [name for name in first if second[name] != first[name]]
    assert len(rewritten) == 1  # only the footer was compiled again; the rest were loaded
    assert set(second) == set(first)


def test_other_jinja_options_never_load_templates_compiled_with_these(tmp_path, monkeypatch):
    # Jinja keys its cache by template only, but options such as trim_blocks change the code
    # (Pelican's default turns it on).
    project = copy_project(tmp_path / "site")
    monkeypatch.chdir(project)
    settings = os.path.join(project, "pelicanconf.py")
    site_build.build(settings, str(tmp_path / "one"), search=False)
    site_build.build(settings, str(tmp_path / "two"), search=False, overrides={
        "JINJA_ENVIRONMENT": {"autoescape": True, "auto_reload": False, "trim_blocks": False}})
    assert len(os.listdir(os.path.join(project, "cache", "jinja"))) == 2
    with open(os.path.join(tmp_path, "one", "index.html"), encoding="utf-8") as one, \
            open(os.path.join(tmp_path, "two", "index.html"), encoding="utf-8") as two:
        assert one.read() != two.read()  # trim_blocks off took effect: not the kept code

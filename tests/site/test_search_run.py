"""Pagefind runs through one helper (tools/build.py Search) for builds, publish and preview."""

from __future__ import annotations

import pytest

from tools.build import BuildError, Search


def test_a_failed_index_names_the_folder_and_says_what_pagefind_said(tmp_path):
    empty = str(tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    run = Search(empty)
    with pytest.raises(BuildError, match=r"Pagefind failed on .*empty: .*index"):
        run.wait()
    with pytest.raises(BuildError):  # asked again, it still failed
        run.wait()


def test_a_run_can_be_stopped(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body data-pagefind-body><p>Hello</p></body></html>")
    run = Search(str(site), into=str(tmp_path / "bundle"))
    run.kill()
    assert run.done()

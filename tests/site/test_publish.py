"""`invoke publish`: reproducible, precompressed, swapped in whole; scheduled posts wait."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import stat
import subprocess
import sys
import zlib
from zoneinfo import ZoneInfo

import brotli
import pytest

from tests.site.project import article, copy_project, invoke, tree_hash, write
from tools import publish
from tools.preview_script import files

from newsdesk.adapter.precompress import PRECOMPRESS
from newsdesk.publish import COMPRESSIBLE, gzip_bytes

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    """A project copy published twice; the hashes of output/ after each run."""
    project = copy_project(tmp_path_factory.mktemp("publish-project"))
    hashes = []
    for _ in range(2):
        proc = invoke(project, "publish")
        assert proc.returncode == 0, proc.stderr
        hashes.append(tree_hash(os.path.join(project, "output")))
    return project, hashes


def test_two_publishes_are_byte_identical_pagefind_included(twice):
    project, (first, second) = twice
    assert first == second
    assert os.listdir(os.path.join(project, "output", "pagefind", "fragment"))


def test_output_is_a_real_readable_folder_and_no_temporary_folders_remain(twice):
    project, _ = twice
    output = os.path.join(project, "output")
    assert os.path.isdir(output) and not os.path.islink(output)
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o755
    assert sorted(n for n in os.listdir(project) if n.startswith("output")) == ["output"]


def test_text_assets_have_gzip_and_brotli_copies_of_the_same_bytes(twice):
    project, _ = twice
    output = os.path.join(project, "output")
    index = os.path.join(output, "index.html")
    with open(index, "rb") as handle:
        original = handle.read()
    with open(index + ".gz", "rb") as handle:
        gz = handle.read()
    with open(index + ".br", "rb") as handle:
        br = handle.read()
    assert gzip.decompress(gz) == original and brotli.decompress(br) == original
    # Deterministic gzip header: no mtime (bytes 4-7) and no file name flag (byte 3).
    assert gz[4:8] == b"\0\0\0\0" and gz[3] & 0x08 == 0
    for root, _dirs, files in os.walk(output):
        for name in files:
            path = os.path.join(root, name)
            big_text = name.endswith(COMPRESSIBLE) and os.path.getsize(path) >= 1024
            assert big_text == os.path.exists(path + ".gz") == os.path.exists(path + ".br"), path
            if big_text:
                # Made as the page was written (or after, for site files and Pagefind's
                # bundle): each copy holds the file's final bytes.
                with open(path, "rb") as handle:
                    original = handle.read()
                with open(path + ".gz", "rb") as handle:
                    assert gzip.decompress(handle.read()) == original, path
                with open(path + ".br", "rb") as handle:
                    assert brotli.decompress(handle.read()) == original, path
    # Pagefind's bundle, written while the pages were compressed, is compressed too.
    assert os.path.exists(os.path.join(output, "pagefind", "pagefind.js.br"))


def _site(folder, pages: dict) -> str:
    for rel, text in pages.items():
        write(str(folder), rel, text)
    return str(folder)


def _compressed(folder: str) -> dict:
    return {os.path.relpath(os.path.join(r, n), folder): open(os.path.join(r, n), "rb").read()
            for r, _d, names in os.walk(folder) for n in names if n.endswith((".gz", ".br"))}


def test_two_workers_compress_to_the_same_bytes_as_one(tmp_path):
    pages = {f"p{i}/index.html": f"<p>page {i}</p>" * 200 for i in range(12)}
    one, two = _site(tmp_path / "one", pages), _site(tmp_path / "two", pages)
    assert publish.compress_tree(one, 1) == publish.compress_tree(two, 2) == 12
    assert _compressed(one) == _compressed(two) and len(_compressed(one)) == 24


def test_an_unchanged_file_keeps_the_last_publish_compressed_copies(tmp_path):
    same, changed = "<p>same</p>" * 200, "<p>changed</p>" * 200
    old = _site(tmp_path / "old", {"a.html": same, "b.html": "<p>before</p>" * 200})
    for rel in ("a.html", "b.html"):  # markers: real copies would decompress to the page
        write(old, rel + ".gz", "old gzip")
        write(old, rel + ".br", "old brotli")
    new = _site(tmp_path / "new", {"a.html": same, "b.html": changed})
    assert publish.compress_tree(new, 2, previous=old) == 1  # only b.html was compressed
    assert open(os.path.join(new, "a.html.br")).read() == "old brotli"
    assert brotli.decompress(open(os.path.join(new, "b.html.br"), "rb").read()) == changed.encode()


def test_gzip_bytes_is_deterministic_and_valid():
    data = b"<p>hello</p>" * 200
    assert gzip_bytes(data, 6) == gzip_bytes(data, 6)
    assert gzip.decompress(gzip_bytes(data, 6)) == data


def test_swap_in_replaces_a_folder_whole(tmp_path):
    output, new = tmp_path / "output", tmp_path / "output.new-x"
    output.mkdir()
    (output / "old.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    publish.swap_in(str(new), str(output))
    assert sorted(os.listdir(output)) == ["index.html"]
    assert sorted(os.listdir(tmp_path)) == ["output"]


def _date(days: int) -> str:
    return (dt.datetime.now(LONDON) + dt.timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def test_a_scheduled_post_is_published_once_its_date_has_passed(tmp_path):
    project = copy_project(tmp_path / "p")
    slug = "scheduled-announcement"
    rel = "content/articles/personal-injury/scheduled-announcement.md"
    tomorrow = _date(1)
    write(project, rel, article(slug, tomorrow))
    check = invoke(project, "check")
    assert f"{rel}:2: info: scheduled for {tomorrow}" in check.stdout
    assert invoke(project, "publish").returncode == 0
    output = os.path.join(project, "output")
    assert not os.path.exists(os.path.join(output, slug))
    # Production never writes it, not even under drafts/ (the preview does, marked).
    assert not os.path.exists(os.path.join(output, "drafts"))
    with open(os.path.join(output, "feeds", "all.atom.xml"), encoding="utf-8") as handle:
        assert slug not in handle.read()
    # The clock cannot be moved for a real build, so the date moves instead: the same
    # article, now dated yesterday, is what a publish after its date sees.
    write(project, rel, article(slug, _date(-1)))
    proc = invoke(project, "publish")
    assert proc.returncode == 0, proc.stderr
    assert os.path.isfile(os.path.join(output, slug, "index.html"))
    assert not os.path.exists(os.path.join(output, "drafts", slug))
    with open(os.path.join(output, "feeds", "all.atom.xml"), encoding="utf-8") as handle:
        assert f"/{slug}/" in handle.read()
    with open(os.path.join(output, "index.html"), encoding="utf-8") as handle:
        assert re.search(rf'href="[^"]*/{slug}/"', handle.read())


@pytest.mark.parametrize("quality, level", [(0, 1), (5, 6), (11, 9)])
def test_copies_use_the_publish_levels(tmp_path, quality, level):
    page = "<p>These levels decide the bytes, and the reader's browser undoes them.</p>" * 60
    site = _site(tmp_path / "site", {"a.html": page})
    publish.compress_tree(site, 1, levels={"brotli_quality": quality, "gzip_level": level})
    with open(os.path.join(site, "a.html.br"), "rb") as handle:
        assert handle.read() == brotli.compress(page.encode(), quality=quality)
    with open(os.path.join(site, "a.html.gz"), "rb") as handle:
        got = handle.read()
    assert gzip.decompress(got) == page.encode()
    assert got == zlib.compress(page.encode(), level, wbits=31)  # gzip framing, mtime 0


def test_last_publish_copies_are_reused_only_at_the_same_levels(tmp_path):
    stamp, output = tmp_path / "publish.txt", str(tmp_path / "output")
    os.makedirs(output)
    five = {"brotli_quality": 5, "gzip_level": 6}
    assert publish._previous(output, str(stamp), five) is None  # no stamp: compress anew
    stamp.write_text("brotli_quality=5\ngzip_level=6\n", encoding="utf-8")
    assert publish._previous(output, str(stamp), five) == output
    assert publish._previous(output, str(stamp), {**five, "brotli_quality": 11}) is None
    assert publish._previous(output, str(stamp), {**five, "gzip_level": 9}) is None
    assert publish._previous(str(tmp_path / "none"), str(stamp), five) is None
    # A stamp from before gzip_level was a setting (always 9) is not reused.
    stamp.write_text("brotli_quality=5\n", encoding="utf-8")
    assert publish._previous(output, str(stamp), five) is None


@pytest.mark.parametrize("key, value", [("brotli_quality", 12), ("brotli_quality", -1),
                                        ("brotli_quality", "5"), ("brotli_quality", True),
                                        ("brotli_quality", 5.5), ("gzip_level", 0),
                                        ("gzip_level", 10), ("gzip_level", "6")])
def test_a_bad_publish_level_names_the_setting(key, value):
    from newsdesk.errors import NewsdeskError
    from newsdesk.settings import resolve

    with pytest.raises(NewsdeskError, match=rf"setting PUBLISH\['{key}'\]"):
        resolve({"PUBLISH": {key: value}})


def test_one_and_two_build_processes_publish_the_same_bytes(tmp_path):
    from newsdesk.settings import DEFAULTS

    trees = []
    for workers in (1, 2):
        out = str(tmp_path / f"workers-{workers}")
        publish.build_compressed("publishconf.py", out, workers, None, DEFAULTS["PUBLISH"],
                                 overrides={"BUILD": {"workers": workers}})
        trees.append(tree_hash(out))
    assert trees[0] == trees[1]


def _bundle(folder: str) -> dict[str, bytes]:
    """Pagefind's bundle in `folder`: each file's bytes by path (compressed copies left out)."""
    return {rel: data for rel, data in files(folder).items()
            if not rel.endswith((".gz", ".br"))}


@pytest.mark.parametrize("workers", [1, 2])
def test_pagefind_starts_during_the_build_and_indexes_the_finished_site(tmp_path, workers):
    from newsdesk.settings import DEFAULTS

    out = str(tmp_path / "site")
    done = publish.build_compressed("publishconf.py", out, workers, None, DEFAULTS["PUBLISH"],
                                    overrides={"BUILD": {"workers": workers}})
    assert done["pagefind"]["during_build"]  # started once the articles and pages were written
    # Pagefind run afterwards on the finished site (its pages only) makes the same bundle.
    again = str(tmp_path / "again")
    shutil.copytree(out, again, ignore=shutil.ignore_patterns("pagefind", "*.gz", "*.br"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", again, "--silent"], check=True)
    ours, theirs = _bundle(os.path.join(out, "pagefind")), _bundle(os.path.join(again, "pagefind"))
    assert sorted(ours) == sorted(theirs) and len([p for p in ours if "fragment" in p]) > 10
    assert [p for p in ours if ours[p] != theirs[p]] == []


def _bodies(folder: str) -> dict[str, bytes]:
    """Every HTML file under `folder` that Pagefind indexes (data-pagefind-body), by path."""
    return {rel: data for rel, data in files(folder).items()
            if rel.endswith(".html") and b"data-pagefind-body" in data}


@pytest.mark.parametrize("workers", [1, 2])
def test_when_pagefind_starts_every_page_it_indexes_is_whole_and_the_build_goes_on(tmp_path,
                                                                                   workers):
    from tools import build as site_build

    from newsdesk.adapter.search_start import SEARCH_START
    from newsdesk.settings import DEFAULTS

    out = str(tmp_path / "site")
    seen: list = []
    site_build.build("publishconf.py", out, search=False, overrides={
        "BUILD": {"workers": workers},
        PRECOMPRESS: {"levels": DEFAULTS["PUBLISH"], "previous": None},
        SEARCH_START: lambda: seen.append((_bodies(out), os.path.exists(f"{out}/sitemap.xml")))})
    (bodies_then, sitemap_then), = seen  # started once
    assert len(bodies_then) > 5 and bodies_then == _bodies(out)  # all there, as finished
    assert not sitemap_then  # the build was still writing


def test_pagefind_waits_for_the_whole_build_when_html_is_copied_after_the_pages(tmp_path):
    from newsdesk.settings import DEFAULTS

    project = copy_project(tmp_path / "project")
    # A static HTML file is copied after the pages: it could carry data-pagefind-body.
    write(project, "content/images/extra.html",
          "<html lang='en'><body><main data-pagefind-body><p>Copied late.</p></main></body></html>")
    out = str(tmp_path / "site")
    done = publish.build_compressed(os.path.join(project, "publishconf.py"), out, 1, None,
                                    DEFAULTS["PUBLISH"])
    assert not done["pagefind"]["during_build"]
    assert os.path.exists(os.path.join(out, "images", "extra.html"))


@pytest.mark.parametrize("workers", [1, 2])
def test_the_build_compresses_each_page_as_it_writes_it_only_in_a_publish(tmp_path, workers):
    from tools import build as site_build

    from newsdesk.settings import DEFAULTS

    job = {"levels": DEFAULTS["PUBLISH"], "previous": None}
    for name, over in (("publish", {PRECOMPRESS: job}), ("build", {})):
        out = str(tmp_path / name)
        site_build.build("publishconf.py", out, search=False,
                         overrides={"BUILD": {"workers": workers}, **over})
        pages = [os.path.join(r, n) for r, _d, names in os.walk(out) for n in names
                 if n.endswith(".html") and os.path.getsize(os.path.join(r, n)) >= 1024]
        assert len(pages) > 20
        copies = [p for p in pages if os.path.exists(p + ".gz") and os.path.exists(p + ".br")]
        assert copies == (pages if name == "publish" else []), name

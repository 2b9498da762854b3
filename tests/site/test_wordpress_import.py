"""Import WordPress exports into a copy of the site, then check and build it for production."""

from __future__ import annotations

import glob
import json
import re
import os
import shutil

import pytest
from bs4 import BeautifulSoup

from tools import build as site_build
from tools import check as content_check
from tools import import_wordpress as wp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "wordpress")
SHARED = os.path.join(ROOT, "..", "shared", "corpora", "wordpress")
EXPORTS = sorted(glob.glob(os.path.join(SHARED, "*.xml"))) or [
    os.path.join(FIXTURES, "jekyll-import-sitetitle.wordpress.xml")]


def _import(tmp_path, export, the_map, dry_run=False):
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(os.path.join(ROOT, "content"), content)
    report = wp.run(export, the_map, str(content), dry_run, str(tmp_path / "report.md"))
    return content, report


def _snapshot(folder) -> dict:
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*"), recursive=True)):
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                found[os.path.relpath(path, folder)] = handle.read()
    return found


def _check_and_build(tmp_path, content):
    settings = {**content_check.load_settings("publishconf.py"), "PATH": str(content)}
    report = content_check.run(settings)
    errors = [f.format() for f in report.findings if f.level == "error"]
    assert errors == []
    out = tmp_path / "out"
    site_build.build("publishconf.py", str(out), overrides={"PATH": str(content)}, search=False)
    return out


@pytest.fixture
def firm(tmp_path):
    content, report = _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                              os.path.join(FIXTURES, "firm-map.yml"))
    return tmp_path, content, report


def test_firm_export_imports_with_one_cta_and_the_related_list(firm):
    tmp_path, content, report = firm
    path = content / "articles" / "personal-injury" / "care-home-injury.md"
    text = path.read_text()
    assert text.startswith("Title: Claiming after a care home injury & what to expect\n"
                           "Date: 2021-05-04 10:00\n")
    assert "Category: Personal Injury\n" in text and "Tags: care homes\n" in text
    assert "Authors: Jane Smith\n" in text
    assert "Summary: How to claim after an injury in a care home.\n" in text
    assert "Related Blog Articles" not in text and "speak to one of our" not in text
    assert "Call 0800 9555 094 during office hours" in text  # a mid-article phone stays
    draft = (content / "articles" / "child-abuse-claims" / "first-step.md").read_text()
    assert "Status: draft\n" in draft and "wp:" not in draft and "[yarpp]" not in draft
    assert "victim of child abuse" not in draft
    assert report.counts["cta"] == 2 and report.counts["related"] == 2
    assert report.skipped["attachment"] == 1
    out = _check_and_build(tmp_path, content)
    page = BeautifulSoup((out / "care-home-injury" / "index.html").read_text(), "html.parser")
    assert page.get_text().count("request a call back") == 1  # only Newsdesk's own CTA
    assert page.find(string=lambda s: s and "Related Blog Articles" in s)
    assert page.find("h1").get_text(strip=True).startswith("Claiming after a care home injury")
    assert not (out / "first-step").exists()  # drafts stay out of production


def test_reimport_is_byte_identical_and_keeps_edits(firm):
    tmp_path, content, _report = firm
    before = _snapshot(content)
    _content, again = _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                              os.path.join(FIXTURES, "firm-map.yml"))
    assert _snapshot(content) == before and again.counts["written"] == 0
    path = content / "articles" / "personal-injury" / "care-home-injury.md"
    path.write_text(path.read_text() + "\nAn editor's new paragraph.\n")
    _content, third = _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                              os.path.join(FIXTURES, "firm-map.yml"))
    assert third.kept == ["articles/personal-injury/care-home-injury.md"]
    assert path.read_text().endswith("An editor's new paragraph.\n")


def test_dry_run_writes_only_the_report(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    before = _snapshot(content)
    _content, report = _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                               os.path.join(FIXTURES, "firm-map.yml"), dry_run=True)
    assert _snapshot(content) == before and report.counts["posts"] == 2
    assert "# WordPress import report" in (tmp_path / "report.md").read_text()


def test_unmapped_category_stops_the_import(tmp_path):
    from newsdesk.wordpress import WordPressError

    with pytest.raises(WordPressError, match=r"Injury: 1 post") as info:
        _import(tmp_path, os.path.join(FIXTURES, "firm.xml"), None)
    assert "Abuse: 1 post" in str(info.value)


@pytest.mark.parametrize("export", EXPORTS, ids=os.path.basename)
def test_real_export_imports_checks_and_builds(tmp_path, export):
    the_map = tmp_path / "map.yml"
    the_map.write_text("default: Personal Injury\n")
    content, report = _import(tmp_path, export, str(the_map))
    assert report.counts["posts"] + report.counts["pages"] > 0
    for path in glob.glob(str(content / "**" / "*.md"), recursive=True):
        # Outside code blocks: a post about blocks may show their comments as code.
        text = re.sub(r"```.*?```", "", open(path, encoding="utf-8").read(), flags=re.S)
        assert "<!-- wp:" not in text and "[caption" not in text and "[gallery" not in text, path
    out = _check_and_build(tmp_path, content)
    manifest = json.loads((content / "data" / "wordpress-manifest.json").read_text())
    published = 0
    for rel in manifest:
        text = (content / rel).read_text(encoding="utf-8")
        if not rel.startswith("articles/") or "Status: draft" in text:
            continue
        slug = re.search(r"^Slug: (.+)$", text, re.M).group(1)
        page = out / slug / "index.html"
        if not page.exists():
            continue  # scheduled: future-dated, built later
        published += 1
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert len(soup.select(".cta")) == 1, rel
        assert len(soup.select(".related")) == 1 and soup.select(".related-card"), rel
        assert soup.get_text().count("request a call back") <= 2, rel  # CTA + contact block
    assert published > 0


def test_import_benchmark_imports_and_strips_every_synthetic_post():
    from tools import bench_import

    result = bench_import.run(count=25)
    assert (result["posts"], result["ctas_stripped"], result["related_stripped"]) == (25, 25, 25)


def test_invoke_task_imports_and_names_a_bad_file(tmp_path):
    import subprocess
    import sys

    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    invoke = [sys.executable, "-m", "invoke", "import-wordpress"]
    done = subprocess.run(invoke + [os.path.join(FIXTURES, "firm.xml"), "--map",
                                    os.path.join(FIXTURES, "firm-map.yml"), "--content",
                                    str(content), "--report", str(tmp_path / "r.md")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "WordPress import: 2 posts, 0 pages, 1 drafts" in done.stdout
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel><item><title>cut off")
    done = subprocess.run(invoke + [str(bad), "--content", str(content), "--report",
                                    str(tmp_path / "r.md")], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 1 and f"{bad}:1: not valid XML" in done.stderr

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


def _import(tmp_path, export, the_map, dry_run=False, media=None):
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(os.path.join(ROOT, "content"), content)
    report = wp.run(export, the_map, str(content), dry_run, str(tmp_path / "report.md"),
                    media)
    return content, report


# The firm's uploads folder: the original office photo is navy, WordPress's resized copies
# red, so the copy that came home shows which one was taken. gone.jpg is not there.
UPLOADS = {"2021/05/office-photo.jpg": ((1600, 1000), "navy"),
           "2021/05/office-photo-300x200.jpg": ((300, 200), "red"),
           "2021/05/office-photo-1024x683.jpg": ((1024, 683), "red"),
           "2021/04/ward.png": ((640, 400), "green"),
           "2021/05/IMG_0042.jpg": ((400, 300), "gray")}


def _uploads(folder):
    from PIL import Image

    for name, (size, colour) in UPLOADS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, colour).save(path)
    return str(folder)


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


def _import_firm(tmp_path):
    return _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                   os.path.join(FIXTURES, "firm-map.yml"), media=str(tmp_path / "uploads"))


@pytest.fixture
def firm(tmp_path):
    _uploads(tmp_path / "uploads")
    content, report = _import_firm(tmp_path)
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
    assert report.skipped["attachment"] == 3
    out = _check_and_build(tmp_path, content)
    page = BeautifulSoup((out / "care-home-injury" / "index.html").read_text(), "html.parser")
    assert page.get_text().count("request a call back") == 1  # only Newsdesk's own CTA
    assert page.find(string=lambda s: s and "Related Blog Articles" in s)
    assert page.find("h1").get_text(strip=True).startswith("Claiming after a care home injury")
    assert not (out / "first-step").exists()  # drafts stay out of production


def test_reimport_is_byte_identical_and_keeps_edits(firm):
    tmp_path, content, _report = firm
    before = _snapshot(content)
    _content, again = _import_firm(tmp_path)
    assert _snapshot(content) == before and again.counts["written"] == 0
    assert again.counts["redirects_added"] == 0
    path = content / "articles" / "personal-injury" / "care-home-injury.md"
    path.write_text(path.read_text() + "\nAn editor's new paragraph.\n")
    photo = content / "images" / "wordpress" / "2021" / "05" / "office-photo.jpg"
    photo.write_bytes(b"an editor's own picture")
    redirects = content / "data" / "redirects.yml"
    edited = redirects.read_text().replace('"{category}Personal Injury"', '"/contact/"')
    redirects.write_text(edited + '"/old-offers/": "/contact/"\n')
    _content, third = _import_firm(tmp_path)
    assert third.kept == ["articles/personal-injury/care-home-injury.md",
                          "images/wordpress/2021/05/office-photo.jpg"]
    assert path.read_text().endswith("An editor's new paragraph.\n")
    assert photo.read_bytes() == b"an editor's own picture"
    assert redirects.read_text() == edited + '"/old-offers/": "/contact/"\n'


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
    assert "WordPress import: 2 posts, 1 pages, 1 drafts" in done.stdout
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel><item><title>cut off")
    done = subprocess.run(invoke + [str(bad), "--content", str(content), "--report",
                                    str(tmp_path / "r.md")], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 1 and f"{bad}:1: not valid XML" in done.stderr


@pytest.fixture(scope="module")
def built_firm(tmp_path_factory):
    """The firm's export imported with its uploads, checked clean and built for production."""
    tmp_path = tmp_path_factory.mktemp("firm")
    _uploads(tmp_path / "uploads")
    content, report = _import_firm(tmp_path)
    return content, report, _check_and_build(tmp_path, content)


def _page(out, *parts):
    return BeautifulSoup((out.joinpath(*parts, "index.html")).read_text(), "html.parser")


def test_images_come_home_original_first_with_alt_text(built_firm):
    from PIL import Image

    content, report, out = built_firm
    home = content / "images" / "wordpress"
    copied = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file())
    assert copied == ["2021/04/ward.png", "2021/05/IMG_0042.jpg", "2021/05/office-photo.jpg"]
    with Image.open(home / "2021" / "05" / "office-photo.jpg") as photo:
        assert photo.size == (1600, 1000)  # the original, not the 300x200 in src
    text = (content / "articles" / "personal-injury" / "care-home-injury.md").read_text()
    assert ("![Two solicitors at a desk in the Leeds office]"
            "({static}/images/wordpress/2021/05/office-photo.jpg)") in text  # attachment alt
    assert "![A hospital ward in Leeds]({static}/images/wordpress/2021/04/ward.png)" in text
    assert "*A hospital ward in Leeds*" in text  # the caption stays under its image
    assert "![]({static}/images/wordpress/2021/05/IMG_0042.jpg){: .decorative}" in text
    assert ("Image: images/wordpress/2021/05/office-photo.jpg\n"
            "Image_alt: Two solicitors at a desk in the Leeds office\n"
            "Image_caption: Our Leeds office\n") in text
    assert "gone.jpg" not in text and "oldfirm.example/wp-content" not in text
    assert report.missing == [("articles/personal-injury/care-home-injury.md",
                               "/wp-content/uploads/2020/01/gone.jpg")]
    assert report.decorative == [("articles/personal-injury/care-home-injury.md",
                                  "images/wordpress/2021/05/IMG_0042.jpg")]
    assert report.counts["images"] == 3
    page = _page(out, "care-home-injury")
    images = page.select("main img")
    assert images and all(not re.match(r"(https?:)?//", i["src"]) or "jordanssolicitors" in
                          i["src"] for i in images)
    alts = {i.get("alt") for i in images}
    assert {"Two solicitors at a desk in the Leeds office", "A hospital ward in Leeds", ""} <= alts
    assert "oldfirm.example/wp-content" not in str(page)
    assert (out / "images" / "wordpress" / "2021" / "05" / "office-photo.jpg").is_file()


def test_internal_links_lead_to_the_new_pages(built_firm):
    content, report, out = built_firm
    site = "https://news.jordanssolicitors.co.uk"
    page = _page(out, "care-home-injury")
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in page.select("main a[href]")}
    assert hrefs["page about fees"] == f"{site}/fees/"
    assert hrefs["more on injury"] == f"{site}/category/personal-injury/"
    assert hrefs["the office photo"] == f"{site}/images/wordpress/2021/05/office-photo.jpg"
    # A draft and a deleted post: listed, and left pointing at the old site.
    assert hrefs["our guide to first steps"] == "https://oldfirm.example/2022/02/first-step/"
    assert [href for _f, href in report.unresolved] == [
        "https://oldfirm.example/2022/02/first-step/",
        "https://oldfirm.example/2018/01/deleted-post/"]
    fees = _page(out, "fees")
    assert fees.select_one("main a[href$='#next']")["href"] == f"{site}/care-home-injury/#next"


def test_redirects_data_file_and_what_production_writes(built_firm):
    content, _report, out = built_firm
    assert (content / "data" / "redirects.yml").read_text().split("\n")[3:] == [
        '"/fees/": "{filename}/pages/fees.md"',
        '"/2021/05/care-home-injury/": "{filename}/articles/personal-injury/care-home-injury.md"',
        '"/2022/02/first-step/": "{filename}/articles/child-abuse-claims/first-step.md"',
        '"/category/injury/": "{category}Personal Injury"',
        '"/tag/care-homes/": "{tag}care homes"',
        '"/category/abuse/": "{category}Child Abuse Claims"', ""]
    # The draft gets none; the fees page and the tag kept their URLs, so need none.
    assert (out / "_redirects").read_text().splitlines()[1:] == [
        "/2021/05/care-home-injury/ /care-home-injury/ 301",
        "/category/injury/ /category/personal-injury/ 301",
        "/category/abuse/ /category/child-abuse-claims/ 301"]
    nginx = (out / "nginx-redirects-map.conf").read_text()
    assert '"/2021/05/care-home-injury" "/care-home-injury/";' in nginx
    assert "first-step" not in nginx and not (out / "2022").exists()
    page = BeautifulSoup((out / "2021" / "05" / "care-home-injury" / "index.html").read_text(),
                         "html.parser")
    new = "https://news.jordanssolicitors.co.uk/care-home-injury/"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert page.find("link", rel="canonical")["href"] == new
    assert page.find("main").find("a")["href"] == new
    assert page.title.get_text() == "Moved: Claiming after a care home injury & what to expect"
    assert page.find("html")["lang"] and not page.find("script")


def test_redirect_pages_are_valid_html(built_firm, tmp_path):
    from tests.site.test_vnu import describe, vnu

    _content, _report, out = built_firm
    shutil.copy(out / "2021" / "05" / "care-home-injury" / "index.html", tmp_path / "r.html")
    messages = vnu(str(tmp_path))
    assert messages == [], describe(messages)


@pytest.mark.parametrize("line, message", [
    ('"/x/": {filename}/nowhere.md\n', r"not valid YAML"),
    ('"/x/": "{filename}/articles/nowhere.md"\n',
     r"the target '\{filename\}/articles/nowhere.md' of '/x/' names no file"),
    ('"/2021/05/care-home-injury": "/about/"\n',
     r"'/2021/05/care-home-injury' is already redirected on line 2"),
    ('"old-page": "/about/"\n', r"'old-page' must be a path"),
    ('"/y/": /about/ please\n', r"the target of '/y/' must be a quoted"),
])
def test_bad_redirects_file_fails_check_and_build_naming_the_line(firm, line, message):
    from tools.build import BuildError

    tmp_path, content, _report = firm
    (content / "data" / "redirects.yml").write_text(
        "# Redirects\n"
        '"/2021/05/care-home-injury/": "{filename}/articles/personal-injury/care-home-injury.md"\n'
        '"/fees/": "/contact/"\n' + line)
    settings = {**content_check.load_settings("publishconf.py"), "PATH": str(content)}
    errors = [f.format() for f in content_check.run(settings).findings if f.level == "error"]
    assert len(errors) == 1 and re.search(r"/data/redirects\.yml:4: error: " + message,
                                          errors[0]), errors
    # The build refuses with the check's own line.
    with pytest.raises(BuildError, match=r"/data/redirects\.yml:4: error: " + message):
        site_build.build("publishconf.py", str(tmp_path / "out"),
                         overrides={"PATH": str(content)}, search=False)


def test_media_that_is_not_a_folder_stops_the_import(tmp_path):
    from newsdesk.wordpress import WordPressError

    with pytest.raises(WordPressError, match=r"no-such-uploads: --media must be a folder"):
        _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                os.path.join(FIXTURES, "firm-map.yml"), media=str(tmp_path / "no-such-uploads"))
    assert not (tmp_path / "content" / "images" / "wordpress").exists()


def test_without_media_every_image_is_listed_and_none_is_remote(tmp_path):
    content, report = _import(tmp_path, os.path.join(FIXTURES, "firm.xml"),
                              os.path.join(FIXTURES, "firm-map.yml"))
    text = (content / "articles" / "personal-injury" / "care-home-injury.md").read_text()
    assert "![" not in text and "Image:" not in text
    assert len(report.missing) == 5  # four body images and the featured one
    _check_and_build(tmp_path, content)

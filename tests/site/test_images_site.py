"""Images in a real build: <picture> with sizes, meta tags and JSON-LD, and no metadata published."""

from __future__ import annotations

import glob
import json
import os

from bs4 import BeautifulSoup
from PIL import Image

from tests.unit.test_images import _jpeg_with_gps

MODEL = "ons-online-child-sexual-abuse-offences/index.html"


def _soup(folder, rel):
    with open(os.path.join(folder, rel), encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def _meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_featured_image_picture_meta_and_jsonld(site):
    page = _soup(site, MODEL)
    figure = page.select_one("article figure.featured-image")
    img = figure.find("img")
    assert img["alt"].startswith("Three soft blue circles")
    assert (img["width"], img["height"]) == ("1600", "900")
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    types = [s["type"] for s in figure.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    for source in figure.find_all("source"):
        widths = [c.split()[-1] for c in source["srcset"].split(", ")]
        assert widths == ["400w", "800w", "1200w", "1600w"]
        assert source["sizes"] == "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
    og = _meta(page, "og:image")
    assert og.endswith(".jpg") and "-1200." in og and _meta(page, "twitter:image") == og
    assert _meta(page, "twitter:card") == "summary_large_image"
    with Image.open(os.path.join(site, og.lstrip("/"))) as shared:
        assert shared.size == (1200, 675)
        assert (int(_meta(page, "og:image:width")), int(_meta(page, "og:image:height"))) == (1200, 675)
    posting = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")
               if "BlogPosting" in s.string][0]
    assert posting["image"]["url"] == og
    # Every file the page offers exists.
    for url in [img["src"]] + [c.split()[0] for s in figure.find_all("source")
                               for c in s["srcset"].split(", ")]:
        assert os.path.isfile(os.path.join(site, url.lstrip("/"))), url


def test_cards_show_lazy_thumbnails(site):
    page = _soup(site, "index.html")
    thumbs = page.select("li.card.has-image picture.card-image img")
    assert thumbs
    for img in thumbs:
        assert img["loading"] == "lazy" and img["decoding"] == "async" and img["alt"] == ""
        assert int(img["width"]) <= 480 and img["height"]


def test_article_without_image_gets_share_card(site):
    page = _soup(site, "can-you-sue-your-solicitor/index.html")
    og = _meta(page, "og:image")
    assert "/share/" in og and og.endswith(".png")
    with Image.open(os.path.join(site, og.lstrip("/"))) as card:
        assert card.size == (1200, 630) and card.format == "PNG"


def test_body_images_become_pictures_and_nothing_published_has_metadata(tiny_site, tmp_path):
    content = tiny_site.content
    _jpeg_with_gps(content / "images" / "phone.jpg", orientation=6, size=(900, 600))
    page = content / "pages" / "about.md"
    page.write_text(page.read_text() + "\n\n![A blue test square]({static}/images/phone.jpg)\n\n"
                    "![Same, by a relative path](../images/phone.jpg)\n")
    tiny_site(CACHE_PATH=str(tmp_path / "cache"))
    out = str(tiny_site.output)
    about = _soup(out, "about/index.html")
    pictures = about.select(".prose picture")
    assert len(pictures) == 2
    for pic in pictures:
        img = pic.find("img")
        # Orientation 6 turns 900x600 upright to 600x900.
        assert (img["width"], img["height"]) == ("600", "900")
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert [s["type"] for s in pic.find_all("source")] == ["image/avif", "image/webp"]
    published = [p for p in glob.glob(os.path.join(out, "**", "*"), recursive=True)
                 if p.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".avif"))]
    assert any(p.endswith("images/phone.jpg") for p in published)
    for path in published:
        with open(path, "rb") as handle:
            data = handle.read()
        assert b"PhoneMaker" not in data and b"secret" not in data and b"taken at home" not in data
        with Image.open(path) as img:
            assert not img.getexif(), path
            assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(img.info), path
    with Image.open(os.path.join(out, "images", "phone.jpg")) as full:
        assert full.size == (600, 900)


def test_warm_rebuild_encodes_nothing(tiny_site, tmp_path):
    cache = tmp_path / "cache"
    tiny_site(CACHE_PATH=str(cache))
    files = {p: os.stat(p).st_mtime_ns for p in glob.glob(str(cache / "images" / "*" / "*"))}
    assert files
    tiny_site(CACHE_PATH=str(cache))
    again = {p: os.stat(p).st_mtime_ns for p in glob.glob(str(cache / "images" / "*" / "*"))}
    assert again == files

"""invoke check's image rules: the decorative marker and the featured image front matter."""

from __future__ import annotations

import pytest
from PIL import Image

from newsdesk.check import Source, check_site
from tests.unit.test_check import CTAS, NOW, PHONES, SETTINGS, art


def _run(tmp_path, extra="", body="Some text.", static=()):
    settings = {**SETTINGS, "PATH": str(tmp_path)}
    sources = [Source("articles/a.md", art("a", extra=extra, body=body), "article")]
    return [f.format() for f in check_site(sources, settings, CTAS, PHONES, set(static), NOW)]


@pytest.mark.parametrize("body, ok", [
    ("![](https://example.org/x.png){: .decorative}", True),
    ("![](https://example.org/x.png){.decorative}", True),
    ("![](https://example.org/x.png)", False),
    ("![](https://example.org/x.png){: .wide}", False),
    ('<img src="https://example.org/x.png" alt="" class="decorative">', True),
    ('<img src="https://example.org/x.png" class="decorative">', False),
    ("![A chart of claims](https://example.org/x.png)", True),
])
def test_empty_alt_needs_the_decorative_marker(tmp_path, body, ok):
    found = [f for f in _run(tmp_path, body=body) if "no alt text" in f]
    assert (found == []) is ok, found


def _image(tmp_path, name, size):
    (tmp_path / "images").mkdir(exist_ok=True)
    Image.new("RGB", size, "#1d4f91").save(tmp_path / "images" / name)


def test_featured_image_rules(tmp_path):
    _image(tmp_path, "wide.jpg", (1600, 900))
    _image(tmp_path, "small.png", (600, 400))
    assert _run(tmp_path, "Image: images/wide.jpg\nImage_alt: A blue field") == []
    small = _run(tmp_path, "Image: images/small.png\nImage_alt: A blue field")
    assert small == ["articles/a.md:6: warning: Image: 'images/small.png' is 600 px wide; "
                     "featured images should be at least 1200 px wide"]
    assert "has no Image_alt:" in " ".join(_run(tmp_path, "Image: images/wide.jpg"))
    assert "points at nothing" in " ".join(_run(tmp_path, "Image: images/gone.jpg\nImage_alt: x"))
    (tmp_path / "images" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert "not a JPEG" in " ".join(_run(tmp_path, "Image: images/a.svg\nImage_alt: x"))
    assert "points at nothing" in " ".join(_run(tmp_path, "Image: images/b.svg\nImage_alt: x"))


def test_featured_image_over_the_byte_limit_warns(tmp_path):
    _image(tmp_path, "wide.jpg", (1600, 900))
    settings_images = {"featured_max_bytes": 100}
    SETTINGS_WITH = {**SETTINGS, "PATH": str(tmp_path), "IMAGES": settings_images}
    sources = [Source("articles/a.md", art("a", extra="Image: images/wide.jpg\nImage_alt: A"),
                      "article")]
    found = [f.format() for f in check_site(sources, SETTINGS_WITH, CTAS, PHONES, set(), NOW)]
    assert any("MB; export it under" in f for f in found), found

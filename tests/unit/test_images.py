"""Images: width and srcset choice, metadata stripping, the share card's size and text fit."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from newsdesk.images import process, sharecard
from newsdesk.images.sizes import choose_widths, fallback_width, scaled_height, srcset

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@pytest.mark.parametrize("source, widths, expected", [
    (3000, [400, 800, 1200, 1600], [400, 800, 1200, 1600]),
    (1000, [400, 800, 1200, 1600], [400, 800, 1000]),
    (300, [400, 800], [300]),
    (800, [400, 800, 1200], [400, 800]),
    (1600, [1600, 400, 400], [400, 1600]),
])
def test_choose_widths_never_upscales(source, widths, expected):
    assert choose_widths(source, widths) == expected


@pytest.mark.parametrize("width, source, expected", [(400, (1600, 900), 225), (1, (3000, 10), 1)])
def test_scaled_height_keeps_ratio(width, source, expected):
    assert scaled_height(width, *source) == expected


def test_srcset_and_fallback():
    assert srcset([("/a-400.jpg", 400), ("/a-800.jpg", 800)]) == "/a-400.jpg 400w, /a-800.jpg 800w"
    assert fallback_width([400, 800, 1200], 800) == 800
    assert fallback_width([300], 800) == 300


def _jpeg_with_gps(path, orientation=1, size=(60, 40)):
    img = Image.new("RGB", size, "#1d4f91")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"          # Make
    exif[0x0112] = orientation           # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 0.0)   # latitude
    gps[3], gps[4] = "W", (0.0, 7.0, 0.0)     # longitude
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret</x:xmpmeta>'
    img.save(path, "JPEG", exif=exif, xmp=xmp, comment=b"taken at home")
    return path


def test_test_image_really_has_gps(tmp_path):
    with Image.open(_jpeg_with_gps(tmp_path / "gps.jpg")) as img:
        assert img.getexif().get_ifd(0x8825)
        assert "xmp" in img.info


@pytest.mark.parametrize("fmt", ["jpeg", "webp", "avif", "png"])
@pytest.mark.parametrize("orientation, shape", [(1, (60, 40)), (6, (40, 60))])
def test_clean_output_has_no_metadata_and_is_upright(tmp_path, fmt, orientation, shape):
    path = _jpeg_with_gps(tmp_path / "gps.jpg", orientation)
    assert process.probe(str(path)) == shape
    clean = process.open_clean(str(path))
    data = process.encode(process.resized(clean, *shape), fmt, 80)
    assert b"PhoneMaker" not in data and b"secret" not in data and b"taken at home" not in data
    with Image.open(io.BytesIO(data)) as out:
        assert out.size == shape
        assert not out.getexif() and not out.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(out.info)


@pytest.mark.parametrize("title", [
    "Short title",
    "Time limits for child abuse compensation claims explained",
    " ".join(["Supercalifragilistic"] * 40),
    "A" * 300,
])
def test_share_card_size_and_text_fit(title):
    img, boxes = sharecard.render(title, "Child Abuse Claims", "Jordans Solicitors", FONT)
    assert img.size == (1200, 630)
    with Image.open(io.BytesIO(sharecard.png_bytes(img))) as png:
        assert png.format == "PNG" and png.size == (1200, 630)
    for box in boxes:
        left, top, right, bottom = box.box
        assert left >= 40 and right <= 1200 - 40 and top >= 0 and bottom <= 630, box
    title_lines = boxes[1:-1]
    assert 1 <= len(title_lines) <= sharecard.TITLE_MAX_LINES
    for upper, lower in zip(title_lines, title_lines[1:]):
        assert upper.box[3] <= lower.box[1]  # lines never overlap
    assert title_lines[-1].box[3] <= sharecard.TITLE_BOTTOM
    shown = "".join(b.text for b in title_lines).replace(" ", "").rstrip("…")
    assert title.replace(" ", "").startswith(shown)


def test_missing_font_names_the_setting(tmp_path):
    from newsdesk.errors import NewsdeskError

    with pytest.raises(NewsdeskError, match=r"IMAGES\['share_card_font'\].*fonts-dejavu-core"):
        sharecard.check_font(str(tmp_path / "none.ttf"))


@pytest.mark.parametrize("given, message", [
    ({"widths": []}, r"IMAGES\['widths'\]"),
    ({"widths": [400, "800"]}, r"IMAGES\['widths'\]"),
    ({"formats": ["jxl"]}, r"IMAGES\['formats'\]"),
    ({"avif_quality": 0}, r"IMAGES\['avif_quality'\]"),
    ({"share_card": True}, r"setting IMAGES: unknown key"),
])
def test_bad_images_settings_name_the_setting(given, message):
    from newsdesk.errors import NewsdeskError
    from newsdesk.settings import resolve

    with pytest.raises(NewsdeskError, match=message):
        resolve({"PATH": "content", "IMAGES": given})

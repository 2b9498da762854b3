"""Open, clean, resize and encode images with Pillow; nothing of the source's metadata survives.

A clean image has its EXIF orientation applied to the pixels, its colour profile converted to
sRGB (what browsers assume when none is embedded) and an empty `info`, so no EXIF, XMP, IPTC,
GPS, comment or ICC block is written when it is saved.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageOps

# What the theme serves for each format: Pillow's format name and the MIME type.
FORMATS = {"jpeg": ("JPEG", "image/jpeg"), "png": ("PNG", "image/png"),
           "webp": ("WEBP", "image/webp"), "avif": ("AVIF", "image/avif")}
# Source file extensions handled, and the format their own-format variants are written in.
# GIF (often animated) and SVG are published as they are: GIF has no EXIF block.
EXTENSIONS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}
_SRGB = ImageCms.createProfile("sRGB")


def source_format(path: str) -> str | None:
    """The format key of a source file by its extension, or None when it is not a raster image."""
    dot = path.rfind(".")
    return EXTENSIONS.get(path[dot:].lower()) if dot >= 0 else None


def probe(path: str) -> tuple[int, int]:
    """The source's width and height as displayed (after its EXIF orientation), header only."""
    with Image.open(path) as img:
        width, height = img.size
        # Orientations 5-8 turn the image a quarter: width and height swap.
        if img.getexif().get(0x0112, 1) in (5, 6, 7, 8):
            width, height = height, width
    return width, height


def _to_srgb(img: Image.Image) -> Image.Image:
    icc = img.info.get("icc_profile")
    if not icc or img.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        return img
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (OSError, ImageCms.PyCMSError):
        return img  # an unreadable profile: the pixels are kept as they are
    mode = "RGBA" if "A" in img.mode else "RGB"
    return ImageCms.profileToProfile(img, source, _SRGB, outputMode=mode)


def open_clean(path: str) -> Image.Image:
    """The source's pixels, upright and in sRGB, with every metadata block dropped."""
    with Image.open(path) as img:
        img.load()
        upright = ImageOps.exif_transpose(img) or img
        srgb = _to_srgb(upright)
        if srgb.mode == "CMYK" or srgb.mode == "P" and "transparency" not in srgb.info:
            srgb = srgb.convert("RGB")
        elif srgb.mode in ("P", "LA", "PA", "I;16", "I", "F"):
            srgb = srgb.convert("RGBA" if srgb.mode != "I;16" else "RGB")
        clean = srgb.copy()
    clean.info = {}
    return clean


def resized(img: Image.Image, width: int, height: int) -> Image.Image:
    """`img` at width x height (Lanczos), metadata-free like its source."""
    out = img if img.size == (width, height) else img.resize(
        (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    out.info = {}
    return out


def encode(img: Image.Image, fmt: str, quality: int) -> bytes:
    """`img` saved as `fmt` (a FORMATS key) with only the options given here: no metadata."""
    name = FORMATS[fmt][0]
    if fmt == "jpeg" and img.mode != "RGB":
        img = img.convert("RGB")
    options: dict = {}
    if fmt == "jpeg":
        options = {"quality": quality, "optimize": True, "progressive": True}
    elif fmt == "webp":
        options = {"quality": quality, "method": 4}
    elif fmt == "avif":
        options = {"quality": quality, "speed": 8}
    elif fmt == "png":
        options = {"optimize": False, "compress_level": 6}
    buffer = io.BytesIO()
    img.save(buffer, name, **options)
    return buffer.getvalue()

"""The share card: a 1200x630 PNG with the article's title, practice area and the firm's name.

Drawn with Pillow in the theme's colours and a font from a Debian package (DejaVu Sans, from
fonts-dejavu-core), so nothing is fetched. Long titles wrap, then shrink, then are cut with an
ellipsis: the text never leaves its box.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from ..errors import NewsdeskError

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The theme's colours (theme/static/css/site.css): --accent-dark, --accent, --tint, white.
BACKGROUND = "#12335f"
STRIPE = "#1d4f91"
AREA_COLOUR = "#f2f5f9"
TITLE_COLOUR = "#ffffff"
TITLE_SIZES = (68, 60, 52, 46, 40)
TITLE_MAX_LINES = 4
# Title box: between the practice area line and the firm's name.
TITLE_TOP, TITLE_BOTTOM = 170, 500


@dataclass(frozen=True)
class TextBox:
    """Where one line of text was drawn: its text and pixel box (left, top, right, bottom)."""

    text: str
    box: tuple[int, int, int, int]


def check_font(path: str, setting: str = "IMAGES['share_card_font']") -> None:
    """Fail early, naming the setting and the Debian package, when the card font is missing."""
    if not os.path.isfile(path):
        raise NewsdeskError(f"setting {setting}: font file {path!r} does not exist. Install "
                            "Debian's fonts-dejavu-core (sudo apt-get install fonts-dejavu-core), "
                            "point the setting at another .ttf, or set "
                            "IMAGES['share_cards'] to False.")


def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Greedy word wrap to `width` pixels; a word wider than the box is split by characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        while draw.textlength(word, font=font) > width:
            cut = max(1, next(i for i in range(len(word), 0, -1)
                              if draw.textlength(word[:i], font=font) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _ellipsize(draw, line: str, font, width: int) -> str:
    while line and draw.textlength(line + "…", font=font) > width:
        line = line[:-1].rstrip()
    return line + "…"


def fit_title(draw, title: str, font_path: str, width: int, height: int):
    """The largest title size whose wrapped lines fit the box; at the smallest size the last
    line that fits ends with an ellipsis. Returns (font, lines, line height)."""
    for size in TITLE_SIZES:
        font = _font(font_path, size)
        line_height = round(size * 1.2)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= TITLE_MAX_LINES and len(lines) * line_height <= height:
            return font, lines, line_height
    keep = min(TITLE_MAX_LINES, height // line_height)
    lines = lines[:keep - 1] + [_ellipsize(draw, " ".join(lines[keep - 1:]), font, width)]
    return font, lines, line_height


def render(title: str, area: str, firm: str, font_path: str) -> tuple[Image.Image, list[TextBox]]:
    """Draw the card; also return each line's box so tests can check that the text fits."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(img)
    # Calm shapes: a stripe down the left and a quarter circle in the corner.
    draw.rectangle((0, 0, 24, HEIGHT), fill=STRIPE)
    draw.ellipse((WIDTH - 260, HEIGHT - 260, WIDTH + 260, HEIGHT + 260), fill=STRIPE)
    inner = WIDTH - 2 * MARGIN
    boxes: list[TextBox] = []

    def _line(text: str, font, top: int, colour: str) -> None:
        draw.text((MARGIN, top), text, font=font, fill=colour)
        boxes.append(TextBox(text, tuple(int(v) for v in draw.textbbox((MARGIN, top), text,
                                                                        font=font))))

    small = _font(font_path, 32)
    if area:
        _line(_ellipsize(draw, area.upper(), small, inner) if draw.textlength(
            area.upper(), font=small) > inner else area.upper(), small, 90, AREA_COLOUR)
    font, lines, line_height = fit_title(draw, title, font_path, inner, TITLE_BOTTOM - TITLE_TOP)
    for number, text in enumerate(lines):
        _line(text, font, TITLE_TOP + number * line_height, TITLE_COLOUR)
    _line(firm, _font(font_path, 34), HEIGHT - 100, AREA_COLOUR)
    return img, boxes


def png_bytes(img: Image.Image) -> bytes:
    """The card as PNG bytes, with no metadata chunks."""
    buffer = io.BytesIO()
    img.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()

"""Draw the sample articles' featured images: calm abstract shapes in the theme's colours.

Run `python -m tools.sample_images` to (re)make content/images/*.jpg; the output is
deterministic, so the committed files only change when this script does.
"""

from __future__ import annotations

import os

from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = (1600, 900)
# The theme's palette (theme/static/css/site.css) and two softer tints of the accent.
TINT, LINE, ACCENT, DARK = "#f2f5f9", "#c9cfd6", "#1d4f91", "#12335f"
SOFT, MID = "#dce6f2", "#8fa9cc"


def _circles(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((980, 140, 1560, 720), fill=SOFT)
    draw.ellipse((1130, 290, 1430, 590), fill=MID)
    draw.ellipse((1230, 390, 1330, 490), fill=ACCENT)


def _hills(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((-300, 520, 900, 1400), fill=SOFT)
    draw.ellipse((500, 600, 2000, 1500), fill=MID)
    draw.ellipse((1150, 120, 1350, 320), fill=ACCENT)


def _steps(draw: ImageDraw.ImageDraw) -> None:
    for i, colour in enumerate((SOFT, MID, ACCENT, DARK)):
        draw.rectangle((200 + i * 300, 700 - i * 140, 500 + i * 300, 900), fill=colour)


def _arch(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 640, 1600, 900), fill=SOFT)
    draw.pieslice((460, 160, 1140, 1120), 180, 360, fill=MID)
    draw.pieslice((620, 320, 980, 960), 180, 360, fill=TINT)


def _waves(draw: ImageDraw.ImageDraw) -> None:
    for i, colour in enumerate((SOFT, MID, ACCENT)):
        top = 380 + i * 150
        draw.chord((-400, top, 2000, top + 900), 180, 360, fill=colour)


def _window(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((300, 150, 1300, 750), radius=40, fill=SOFT)
    draw.rounded_rectangle((360, 210, 780, 690), radius=24, fill=MID)
    draw.rounded_rectangle((820, 210, 1240, 690), radius=24, fill=TINT, outline=LINE, width=6)
    draw.ellipse((960, 360, 1100, 500), fill=ACCENT)


# file name -> drawing (each article's alt text, in its front matter, says what it shows)
DRAWINGS = {
    "online-safety-circles.jpg": _circles,
    "time-limits-hills.jpg": _hills,
    "no-win-no-fee-steps.jpg": _steps,
    "duty-of-candour-arch.jpg": _arch,
    "surveyor-window.jpg": _window,
    "anonymity-waves.jpg": _waves,
}


def draw(name: str) -> Image.Image:
    """One sample image, drawn on the page tint and softened a little like a photo."""
    img = Image.new("RGB", SIZE, TINT)
    DRAWINGS[name](ImageDraw.Draw(img))
    return img.filter(ImageFilter.GaussianBlur(2))


def main() -> None:
    """Write every sample image into content/images/."""
    folder = os.path.join(ROOT, "content", "images")
    os.makedirs(folder, exist_ok=True)
    for name in DRAWINGS:
        draw(name).save(os.path.join(folder, name), "JPEG", quality=82, optimize=True)
        print(os.path.join("content", "images", name))


if __name__ == "__main__":
    main()

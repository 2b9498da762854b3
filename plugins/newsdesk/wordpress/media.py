"""Images come home: find each image an old post uses in a copy of wp-content/uploads.

Nothing is downloaded. An image is copied to images/wordpress/<the uploads path> (uploads
paths are unique, so names cannot collide), the original preferred over WordPress's resized
copies (-300x200, -scaled). Alt text falls back, in order, to the attachment's alt text, the
caption, and the attachment's title when someone typed one (it has a space; WordPress's
default title is the file name); with none, the image is marked decorative and listed.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from urllib.parse import unquote, urlparse

FOLDER = "images/wordpress"
_UPLOADS = "/wp-content/uploads/"
_RESIZED = re.compile(r"-(?:\d+x\d+|scaled|rotated|e\d{10,})(?=\.[A-Za-z0-9]+$)")
_WP_IMAGE = re.compile(r"^wp-image-(\d+)$")
RASTER = (".jpg", ".jpeg", ".png", ".webp")


def same_site(url: str, host: str) -> bool:
    """True for a root-relative URL or one on the old blog's host (with or without www.)."""
    parsed = urlparse(url or "")
    if not parsed.netloc:
        return (url or "").startswith("/") and not url.startswith("//")
    return parsed.netloc.lower().removeprefix("www.") == host


def uploads_path(url: str, host: str) -> str | None:
    """The path below wp-content/uploads of a URL on the old site, or None."""
    if not same_site(url, host):
        return None
    path = unquote(urlparse(url).path)
    at = path.find(_UPLOADS)
    if at < 0:
        return None
    rel = posixpath.normpath(path[at + len(_UPLOADS):])
    return None if rel.startswith(("..", "/")) or rel == "." else rel


def candidates(rel: str) -> list[str]:
    """The original first (every resize suffix removed, one at a time), then `rel` itself."""
    found, current = [], rel
    while _RESIZED.search(current):
        current = _RESIZED.sub("", current, count=1)
        found.insert(0, current)
    return found + [rel]


def descriptive(title: str) -> bool:
    """A title someone typed (it has a space), not WordPress's default (the file name)."""
    return " " in title.strip() and not re.fullmatch(r"[\W\d_ ]*", title)


class Media:
    """The --media folder (or None) and what the import copies from it."""

    def __init__(self, root: str | None, host: str):
        self.root, self.host = root, host
        self.copies: dict[str, str] = {}  # content-relative destination -> source file

    def place(self, url: str) -> str | None:
        """Copy the file behind `url` (its original when there): its path under content/."""
        rel = uploads_path(url, self.host)
        if rel is None or not self.root:
            return None
        for name in candidates(rel):
            source = os.path.join(self.root, *name.split("/"))
            if os.path.isfile(source):
                dest = f"{FOLDER}/{name}"
                self.copies[dest] = source
                return dest
        return None

    def place_img(self, img) -> str | None:
        """The image's destination: its src, else the widest srcset entry found."""
        urls = [img.get("src") or ""]
        srcset = [part.strip().split() for part in (img.get("srcset") or "").split(",")]
        widths = [(int(p[1][:-1]) if len(p) > 1 and p[1][:-1].isdigit() else 0, p[0])
                  for p in srcset if p]
        urls += [url for _width, url in sorted(widths, reverse=True)]
        for url in urls:
            dest = url and self.place(url)
            if dest:
                return dest
        return None


def attachment_id(img) -> str:
    """The attachment id WordPress writes into an image's class (wp-image-ID), or ''."""
    for name in img.get("class") or []:
        match = _WP_IMAGE.match(name)
        if match:
            return match.group(1)
    return ""


def alt_text(img, attachment) -> str:
    """The image's alt text, or the fallbacks (attachment alt, caption, typed title), or ''."""
    own = (img.get("alt") or "").strip()
    if own:
        return own
    if attachment is not None:
        alt = attachment.meta.get("_wp_attachment_image_alt", "").strip()
        if alt:
            return alt
    caption = (img.get("data-caption") or "").strip()
    if caption:
        return caption
    title = html.unescape(attachment.title).strip() if attachment is not None else ""
    return title if descriptive(title) else ""

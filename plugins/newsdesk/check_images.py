"""The content check, images part: the featured image front matter and decorative images.

Pure module: no Pelican imports. check.py calls featured_findings for every article;
check_body asks is_decorative before reporting an image with empty alt text.
"""

from __future__ import annotations

import os
import re

from .check_meta import ERROR, WARNING, Doc, Finding
from .images.process import probe, source_format
from .settings import DEFAULTS

# The marker for an image that carries no information: Markdown `![](x.png){: .decorative}`
# (attr_list, part of Markdown's `extra`), or HTML `<img alt="" class="decorative">`.
_MD_DECORATIVE = re.compile(r"\s*(?:\"[^\"]*\"\s*)?>?\)\{:?\s*[^}]*\.decorative\b[^}]*\}")
_HTML_DECORATIVE = re.compile(r"""\bclass\s*=\s*["'][^"']*\bdecorative\b""", re.I)
_HTML_EMPTY_ALT = re.compile(r"""\balt\s*=\s*(""|'')""", re.I)


def is_decorative_markdown(rest: str) -> bool:
    """True when the text right after a Markdown image's URL ends it with {: .decorative}."""
    return bool(_MD_DECORATIVE.match(rest))


def is_decorative_html(attrs: str) -> bool:
    """True for an <img> with an explicit empty alt and class="decorative"."""
    return bool(_HTML_DECORATIVE.search(attrs) and _HTML_EMPTY_ALT.search(attrs))


def featured_findings(doc: Doc, settings: dict) -> list[Finding]:
    """Errors for an `Image:` that is missing, not a raster image or has no `Image_alt:`;
    warnings for a source over IMAGES['featured_max_bytes'] or under IMAGES['featured_min_width']."""
    given = str(doc.meta.get("image", "") or "").strip()
    if not given:
        return []
    path, line = doc.source.path, doc.line("image")
    rel = given.removeprefix("{static}").lstrip("/")
    full = os.path.join(settings.get("PATH", "content"), rel)
    if not os.path.isfile(full):
        return [Finding(path, line, ERROR, f"Image: '{given}' points at nothing; put the file in "
                        "content/images/ and write Image: images/NAME", site_rule=True)]
    if source_format(rel) is None:
        return [Finding(path, line, ERROR, f"Image: '{given}' is not a JPEG, PNG or WebP file")]
    found = []
    if not str(doc.meta.get("image_alt", "") or "").strip():
        found.append(Finding(path, line, ERROR, "Image: has no Image_alt:; describe what the "
                             "picture shows for readers who cannot see it"))
    conf = {**DEFAULTS["IMAGES"], **(settings.get("IMAGES") or {})}
    size = os.path.getsize(full)
    if size > conf["featured_max_bytes"]:
        found.append(Finding(path, line, WARNING, f"Image: '{given}' is {size / 1e6:.1f} MB; "
                             f"export it under {conf['featured_max_bytes'] / 1e6:.0f} MB"))
    try:
        width = probe(full)[0]
    except OSError:
        return found + [Finding(path, line, ERROR, f"Image: '{given}' cannot be read as an image")]
    if width < conf["featured_min_width"]:
        found.append(Finding(path, line, WARNING, f"Image: '{given}' is {width} px wide; featured "
                             f"images should be at least {conf['featured_min_width']} px wide"))
    return found

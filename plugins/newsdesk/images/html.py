"""Rewrite the <img> tags of article and page HTML into responsive <picture> elements."""

from __future__ import annotations

import re
from typing import Callable

from markupsafe import escape

from .plan import Picture

_IMG = re.compile(r"<img\b[^>]*>", re.I)


def _attrs(tag: str) -> dict[str, str]:
    # One tag at a time through BeautifulSoup's parser: the rest of the HTML is left exactly as
    # Markdown wrote it (re-serialising whole articles would change their bytes).
    from bs4 import BeautifulSoup

    img = BeautifulSoup(tag, "html.parser").find("img")
    if img is None:
        return {}
    return {k: " ".join(v) if isinstance(v, list) else v for k, v in img.attrs.items()}


def _attr(name: str, value: object) -> str:
    return f' {name}="{escape(str(value))}"'


def picture_html(pic: Picture, alt: str, *, eager: bool = False, extra: dict | None = None) -> str:
    """A <picture> with one <source> per modern format and an <img> with explicit size."""
    parts = ["<picture>"]
    for mime, sset in pic.sources:
        parts.append(f'<source type="{mime}"{_attr("srcset", sset)}{_attr("sizes", pic.sizes)}>')
    img = (f"<img{_attr('src', pic.src)}{_attr('srcset', pic.srcset)}{_attr('sizes', pic.sizes)}"
           f"{_attr('width', pic.width)}{_attr('height', pic.height)}{_attr('alt', alt)}")
    for name, value in (extra or {}).items():
        img += _attr(name, value)
    img += (' loading="eager" fetchpriority="high" decoding="async">' if eager
            else ' loading="lazy" decoding="async">')
    parts.append(img)
    parts.append("</picture>")
    return "".join(parts)


# Attributes an editor may set on an image that the <img> inside the picture keeps.
_KEPT = ("class", "title", "id")


def rewrite(html: str, resolve: Callable[[str], Picture | None]) -> str:
    """Every <img> whose src `resolve` maps to a Picture becomes that <picture>; others stay."""
    if "<img" not in html and "<IMG" not in html:
        return html

    def _one(match: re.Match) -> str:
        attrs = _attrs(match.group(0))
        pic = resolve(attrs.get("src", ""))
        if pic is None:
            return match.group(0)
        kept = {k: attrs[k] for k in _KEPT if attrs.get(k)}
        return picture_html(pic, attrs.get("alt", ""), extra=kept)

    return _IMG.sub(_one, html)

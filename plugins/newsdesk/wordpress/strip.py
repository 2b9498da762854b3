"""Strip old CTAs and related-posts blocks from a post's tree, logging every removal."""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher
from urllib.parse import urlparse

LAST_BLOCKS = 6  # how many blocks from the end may hold an old CTA
_MARKUP = (".yarpp-related, .yarpp, [class*=yarpp], #jp-relatedposts, .jp-relatedposts, "
           ".crp_related, [class*=crp_related], .wp-block-jetpack-related-posts, "
           ".rp4wp-related-posts, .related-posts")
_RELATED_HEADING = re.compile(r"^(related\b|you (may|might) also (like|enjoy|be interested)|"
                              r"further reading|more (articles|posts|from))", re.I)
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{6,}\d")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " ", "\u2013": "-", "\u2014": "-"})
_MD = re.compile(r"[*_`#>\[\]]|\]\([^)]*\)")


def normalise(text: str) -> list[str]:
    """Words of `text` for tolerant matching: case, quotes, punctuation and phone format ignored."""
    text = html.unescape(text).translate(_QUOTES).lower()
    text = _PHONE.sub(" phone ", text)
    return re.findall(r"[a-z0-9]+", text)


def cta_words(markdown_texts) -> list[list[str]]:
    """The firm's CTA texts (Markdown) as word lists."""
    return [normalise(_MD.sub(" ", t)) for t in markdown_texts if t.strip()]


def _is_cta(text: str, ctas: list, patterns: list) -> bool:
    flat = re.sub(r"\s+", " ", html.unescape(text).translate(_QUOTES)).strip()
    if any(p.search(flat) for p in patterns):
        return True
    words = normalise(text)
    if len(words) < 6:
        return False
    for cta in ctas:
        matcher = SequenceMatcher(None, words, cta, autojunk=False)
        if matcher.ratio() >= 0.8:
            return True  # the whole CTA, with small wording changes
        covered = sum(b.size for b in matcher.get_matching_blocks())
        if covered / len(words) >= 0.85:
            return True  # one paragraph of a CTA split over several
    return False


def _same_site(href: str, host: str) -> bool:
    parsed = urlparse(href or "")
    if not parsed.netloc:
        return bool(parsed.path) and not href.startswith(("#", "mailto:", "tel:"))
    return parsed.netloc.lower().removeprefix("www.") == host


def _blocks(soup) -> list:
    return [c for c in soup.contents if getattr(c, "name", None) or str(c).strip()]


def _is_heading(tag) -> bool:
    name = getattr(tag, "name", None)
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    text = tag.get_text(" ", strip=True) if name else ""
    return name == "p" and 0 < len(text) < 80 and bool(tag.find(["strong", "b"]))


def _is_link_list(tag, host: str) -> bool:
    if getattr(tag, "name", None) not in ("ul", "ol"):
        return False
    items = tag.find_all("li", recursive=False)
    return bool(items) and all(any(_same_site(a.get("href"), host) for a in li.find_all("a"))
                               for li in items)


def _text(node) -> str:
    return node.get_text(" ", strip=True) if getattr(node, "name", None) else str(node).strip()


def strip_related(soup, host: str) -> list[str]:
    """Remove related-posts markup and 'Related…' headings over lists of this site's links."""
    removed = []
    for tag in soup.select(_MARKUP):
        if tag.decomposed:
            continue
        removed.append(_text(tag))
        tag.decompose()
    blocks = _blocks(soup)
    for before, after in zip(blocks, blocks[1:]):
        if (_is_heading(before) and _RELATED_HEADING.match(_text(before))
                and _is_link_list(after, host)):
            removed.append(f"{_text(before)} | {_text(after)}")
            before.extract()
            after.extract()
    return removed


def strip_cta(soup, ctas: list, patterns: list) -> list[str]:
    """Remove trailing blocks that are an old CTA (and a heading or rule left dangling above)."""
    removed = []
    for _ in range(LAST_BLOCKS):
        blocks = _blocks(soup)
        if not blocks:
            break
        last = blocks[-1]
        text = _text(last)
        dangling = removed and (not text or _is_heading(last) or last.name == "hr")
        if not (dangling or (text and _is_cta(text, ctas, patterns))):
            break
        removed.append(text)
        last.extract()
    return list(reversed(removed))

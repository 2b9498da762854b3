"""The content check, part two: links, images and phone numbers in article bodies.

Pure module: no Pelican imports. See check.py for the public entry point.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .autolink import find_phones
from .check_images import is_decorative_html, is_decorative_markdown
from .check_meta import ERROR, WARNING, Doc, Finding

# Link and image targets in Markdown and in raw HTML.
_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_REF_LINK = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML_ATTR = re.compile(r"<(a|img)\b([^>]*)>", re.I)
_HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*["']\s*\S""", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTRASITE = re.compile(r"^[{|](filename|static|attach|article|category|tag|author|index)[}|](.*)$")


def _targets(doc: Doc):
    """(line, target, is_image, alt) for each link or image in the body."""
    offset = doc.body_line
    for number, row in enumerate(doc.body.split("\n"), start=offset):
        if "](" in row:
            for match in _MD_LINK.finditer(row):
                alt = match.group(2).strip()
                if match.group(1) and not alt and is_decorative_markdown(row[match.end():]):
                    alt = "decorative"
                yield number, match.group(3), bool(match.group(1)), alt
        if "<" in row:
            for match in _HTML_ATTR.finditer(row):
                href = _HREF.search(match.group(2))
                is_img = match.group(1).lower() == "img"
                alt = "x" if _ALT.search(match.group(2)) or is_decorative_html(match.group(2)) else ""
                yield number, href.group(1) if href else "", is_img, alt
    for match in _REF_LINK.finditer(doc.body):
        yield offset + doc.body.count("\n", 0, match.start()), match.group(1), False, "x"


@dataclass
class Site:
    """What links can point at: source files, output URLs, static files, taxonomies."""

    sources: set
    urls: set
    slugs: set
    categories: set
    siteurl: str
    static: frozenset = frozenset()  # files under STATIC_PATHS, relative to PATH


def _resolve_filename(doc: Doc, target: str) -> str:
    # {filename}/x is relative to the content folder, {filename}x to the file's own folder.
    base = "" if target.startswith("/") else posixpath.dirname(doc.source.path)
    return posixpath.normpath(posixpath.join(base, target.lstrip("/")))


def _link_ok(doc: Doc, target: str, site: Site, is_image: bool = False) -> bool:
    """True when an internal link points at something the site has."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    intra = _INTRASITE.match(target)
    if intra:
        what, rest = intra.groups()
        if what in ("filename", "static", "attach", "article"):
            resolved = _resolve_filename(doc, rest)
            # Pelican resolves {static} and {attach} against static files as well as sources.
            return (not rest or resolved in site.sources or resolved in site.static
                    or (what == "article" and rest.strip("/") in site.slugs))
        if what == "category":
            return rest in site.categories
        return True  # tags, authors and the index always exist
    if site.siteurl and target.startswith(site.siteurl):
        target = target[len(site.siteurl):] or "/"
    if is_image and target and not target.startswith("/") and not _SCHEME.match(target):
        # A relative image is relative to the Markdown file, as the image adapter reads it.
        resolved = _resolve_filename(doc, target)
        return resolved in site.static or resolved in site.sources
    if not target.startswith("/") or target.startswith("//"):
        return True  # relative links and other sites are not the check's business
    path = posixpath.normpath(target).lstrip("/")
    path = "" if path == "." else path
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return (path in site.urls or path.rstrip("/") + "/" in site.urls
            or path.split("/", 1)[0] in ("theme", "pagefind", "feeds", "page", "tag", "author"))


def body_findings(doc: Doc, site: Site, phones: set) -> list[Finding]:
    """Broken internal links, images without alt text and phone numbers the firm does not use."""
    path, found = doc.source.path, []
    for line, target, is_image, alt in _targets(doc):
        if is_image and not alt:
            found.append(Finding(path, line, ERROR, f"image {target!r} has no alt text; describe "
                                 "it in the brackets: ![what it shows](...), or mark a purely "
                                 "decorative image ![](...){: .decorative}",
                                 site_rule=True))
        if target and not _link_ok(doc, target, site, is_image):
            found.append(Finding(path, line, ERROR, f"link {target!r} points at nothing on the "
                                 "site; fix the path or slug", site_rule=True))
    if phones:
        for display, e164 in find_phones(doc.body):
            if e164 not in phones:
                before = doc.body.find(display)
                line = doc.body_line + (doc.body.count("\n", 0, before) if before >= 0 else 0)
                found.append(Finding(path, line, WARNING, f"phone number {display!r} is not in "
                                     "the contact data; check it or use the team's number"))
    return found

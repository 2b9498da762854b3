"""Old URLs: internal links rewritten to {filename}/{static} references, the rest listed.

WordPress reaches one post by its permalink, by ?p=ID (drafts, shortlinks), ?page_id=ID and
?attachment_id=ID; post ids are unique across types, so all share one key space.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote, urljoin, urlparse

from . import mapping
from .media import Media, same_site, uploads_path

_ID_PARAMS = ("p", "page_id", "attachment_id")
UPLOAD = "upload:"  # a target still to be copied from --media: "upload:<url>"


def key(url: str, host: str) -> str | None:
    """The lookup key of a link on the old site ('id:12', or the path without its last /)."""
    if not url or not same_site(url, host):
        return None
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    for name in _ID_PARAMS:
        value = (query.get(name) or [""])[0]
        if value.isdigit():
            return f"id:{value}"
    return re.sub(r"/{2,}", "/", unquote(parsed.path)).rstrip("/") or "/"


def clean_path(path: str) -> str:
    """A path as the redirects file holds it: decoded, one slash at a time, spaces as %20."""
    path = re.sub(r"/{2,}", "/", unquote(path))
    return re.sub(r"\s", lambda m: quote(m.group(0)), path)


def old_path(url: str) -> str | None:
    """The path of a permalink, for a redirect: None for ?p=ID forms and the home page."""
    parsed = urlparse(url or "")
    if parsed.query or not parsed.path.strip("/"):
        return None
    return clean_path(parsed.path)


class Links:
    """Old URL key -> new reference, and the rewriting of one body's links."""

    def __init__(self, blog_url: str, host: str):
        self.blog_url, self.host = blog_url, host
        self.base = urlparse(blog_url).path.rstrip("/")  # a blog under /blog: its paths
        self.targets: dict[str, str] = {}
        if blog_url:
            self.targets[key(blog_url + "/", host) or "/"] = "{index}"

    def add(self, url: str, reference: str) -> None:
        """Point the old `url` (a permalink, or 'id:N') at `reference`."""
        found = url if url.startswith("id:") else key(url, self.host)
        if found:
            self.targets.setdefault(found, reference)

    def resolve(self, href: str, media: Media) -> tuple[str | None, bool]:
        """(new href or None, whether the link is to the old site at all)."""
        found = key(href, self.host)
        if found is None:
            return None, False
        fragment = "#" + href.split("#", 1)[1] if "#" in href else ""
        target = self.targets.get(found)
        if target and target.startswith(UPLOAD):
            dest = media.place(target[len(UPLOAD):])
            target = f"{{static}}/{dest}" if dest else None
        elif target is None and uploads_path(href, self.host):
            dest = media.place(href)
            target = f"{{static}}/{dest}" if dest else None
        return (target + fragment if target else None), True

    def rewrite(self, soup, media: Media) -> tuple[int, list[str]]:
        """Rewrite the tree's links to the old site: (how many rewritten, hrefs unresolved).

        An unresolved root-relative link is made absolute on the old site, so it points
        nowhere on this one (its redirect, if the old domain comes here, still works)."""
        done, unresolved = 0, []
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"].strip()
            if href.startswith("#"):
                continue
            new, internal = self.resolve(href, media)
            if new:
                anchor["href"] = new
                done += 1
            elif internal:
                unresolved.append(href)
                if not urlparse(href).netloc and self.blog_url:
                    anchor["href"] = urljoin(self.blog_url + "/", href)
        return done, unresolved


def taxonomy_redirects(export, the_map, items) -> list[tuple[str, str]]:
    """(old path, target) for the category and tag pages of `items`' terms."""
    base = urlparse(export.blog_url).path.rstrip("/")
    found, seen = [], set()
    for item in items:
        for domain, slug, name in item.categories:
            if ((domain, slug) in seen or not slug or domain not in ("category", "post_tag")
                    or name.lower() in mapping.PLACEHOLDERS):
                continue
            seen.add((domain, slug))
            tag = "{tag}" + re.sub(r"\s+", " ", name.replace(",", " ")).strip()
            if domain == "post_tag":
                found.append((f"{base}/tag/{slug}/", tag))
                continue
            known, area = mapping.lookup(the_map, name, slug)
            area = area if known else None
            found.append((f"{base}/category/{category_path(export.terms, slug)}/",
                          f"{{category}}{area}" if area else tag))
    return found


def category_path(terms: dict, slug: str) -> str:
    """A category's URL path: WordPress nests a child's under its parents'.

    Some exports name the parent rather than give its slug."""
    cats = {key[1]: value for key, value in terms.items() if key[0] == "category"}
    by_name = {name: key for key, (name, _parent) in cats.items()}
    parts, seen = [slug], {slug}
    parent = cats.get(slug, ("", ""))[1]
    parent = by_name.get(parent, parent)
    while parent in cats and parent not in seen:
        parts.insert(0, parent)
        seen.add(parent)
        parent = by_name.get(cats[parent][1], cats[parent][1])
    return "/".join(parts)

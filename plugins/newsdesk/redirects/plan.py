"""Resolve the data file's targets against what a build publishes: (old path, new URL) rules.

A target that is not published in this build (a draft, a scheduled article, a category with
nothing published) makes no redirect, so production never points at unpublished content. A
{filename} or {static} target naming no file at all is an error naming the data file and line.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import quote

from . import RedirectsError
from .data import Redirect


@dataclass
class Site:
    """What targets can resolve to in one build. URLs are site-relative, without a leading /."""

    published: dict = field(default_factory=dict)  # source path (under content/) -> (url, title)
    sources: set = field(default_factory=set)  # every content file, published or not
    static: set = field(default_factory=set)  # static files under content/
    categories: dict = field(default_factory=dict)  # lower-case name and slug -> url
    tags: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """Send `source` (an old path) to `url` (site-relative, or absolute); `title` for pages."""

    source: str
    url: str
    title: str


def _file(target: str) -> str:
    return posixpath.normpath(target.lstrip("/"))


def missing(redirects: list[Redirect], site: Site, path: str) -> list[str]:
    """Errors for {filename} and {static} targets that name no file (shared with the check)."""
    errors = []
    for r in redirects:
        kind, _, rest = r.target[1:].partition("}") if r.target.startswith("{") else ("", "", "")
        pool = site.sources if kind == "filename" else site.static if kind == "static" else None
        if pool is not None and _file(rest) not in pool:
            errors.append(f"{path}:{r.line}: the target {r.target!r} of {r.source!r} names no "
                          "file in the content folder; fix the path or remove the line")
    return errors


def _resolve(r: Redirect, site: Site) -> tuple[str, str] | None:
    if not r.target.startswith("{"):
        return (r.target.lstrip("/") if r.target.startswith("/") else r.target), ""
    kind, _, rest = r.target[1:].partition("}")
    if kind == "filename":
        return site.published.get(_file(rest))
    if kind == "static":
        return quote(_file(rest)), ""
    if kind == "index":
        return "", ""
    pool = site.categories if kind == "category" else site.tags
    url = pool.get(rest.strip().lower())
    return (url, "") if url is not None else None


def plan(redirects: list[Redirect], site: Site, path: str, exists) -> tuple[list[Rule], list]:
    """(rules, (redirect, why) skipped). `exists(source)`: a page is built at that path."""
    errors = missing(redirects, site, path)
    if errors:
        raise RedirectsError("\n".join(errors))
    rules, skipped = [], []
    for r in redirects:
        found = _resolve(r, site)
        if found is None:
            skipped.append((r, "its target is not published in this build"))
        elif found[0].strip("/") == r.source.strip("/"):
            skipped.append((r, "the new URL is the old one"))
        elif exists(r.source):
            skipped.append((r, "a page of this site is built at the old path"))
        else:
            rules.append(Rule(r.source, found[0], found[1]))
    return rules, skipped

"""The content check behind `invoke check`: plain functions over file texts and plain data.

Pure module: no Pelican imports.  The runner (tools/check.py) reads the files and the
settings; this module and its two parts (check_meta: metadata; check_body: links, images,
phone numbers) turn them into findings, each `path:line: level: message`.

Public API
----------
Finding(path, line, level, message)     .format() -> "path:line: level: message"
Source(path, text, kind)                kind is "article" or "page"; path relative to PATH
read_source(source, settings) -> Doc    one file's metadata, with the line of each key
check_site(sources, settings, ctas, phones, static, now, legal, templates) -> list[Finding]
    legal: a check_legal.Legal (authors file, LEGAL_REVIEW, today) or None to skip that part
    templates: the theme's template names, or None to skip the Template: rule
data_finding(error, path) -> Finding      a NewsdeskError from the data files as a finding
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import replace
from zoneinfo import ZoneInfo

from .check_body import Site, body_findings
from .check_images import featured_findings
from .check_legal import Legal, legal_findings
# Finding, Source, read_source and slugify are part of this module's public API.
from .check_meta import (ERROR, WARNING, Doc, Finding, Source,  # noqa: F401
                         article_findings,
                         read_source, related_findings, slugify)
from .settings import site_rules


def _category_subs(settings: dict):
    # Pelican slugs categories with CATEGORY_REGEX_SUBSTITUTIONS when it is set.
    return settings.get("CATEGORY_REGEX_SUBSTITUTIONS", settings.get("SLUG_REGEX_SUBSTITUTIONS"))


def _lang(doc: Doc, settings: dict) -> str:
    return str(doc.meta.get("lang") or settings.get("DEFAULT_LANG") or "en").strip()


def _output_path(doc: Doc, settings: dict) -> str:
    kind = "ARTICLE" if doc.source.kind == "article" else "PAGE"
    # A translation (another Lang:) is written with the *_LANG_SAVE_AS pattern, as Pelican does.
    lang = _lang(doc, settings)
    suffix = "LANG_SAVE_AS" if lang != (settings.get("DEFAULT_LANG") or "en") else "SAVE_AS"
    pattern = settings.get(f"DRAFT_{'' if kind == 'ARTICLE' else 'PAGE_'}{suffix}" if doc.draft
                           else f"{kind}_{suffix}") or "{slug}.html"
    category = slugify(str(doc.meta.get("category", "")), _category_subs(settings))
    try:
        return pattern.format(slug=doc.slug, category=category, lang=lang, date=doc.date)
    except (KeyError, AttributeError, ValueError, IndexError, TypeError):
        return pattern.replace("{slug}", doc.slug)


def _duplicates(docs: list[Doc], outputs_of: dict, settings: dict) -> list[Finding]:
    """Two articles with one slug, or two files written to one output path."""
    found, slugs, outputs = [], {}, {}
    for doc in docs:
        if doc.source.kind == "article" and doc.slug:
            # Translations share their original's slug: a clash is one slug in one language.
            first = slugs.setdefault((doc.slug, _lang(doc, settings)), doc)
            if first is not doc:
                found.append(Finding(doc.source.path, doc.line("slug"), ERROR,
                                     f"slug '{doc.slug}' is also used by {first.source.path}; "
                                     "give each article its own slug", site_rule=True))
                continue
        out = outputs_of[id(doc)]
        first = outputs.setdefault(out, doc)
        if first is not doc:
            found.append(Finding(doc.source.path, doc.line("slug"), ERROR,
                                 f"writes {out}, as {first.source.path} does; change its slug"))
    return found


def _site(docs: list[Doc], settings: dict, static: set, outputs_of: dict) -> Site:
    urls = {"", "archives/", "categories/", "tags/", "authors/", "search/"} | set(static)
    categories = set(settings.get("PRACTICE_AREAS") or [])
    for doc in docs:
        urls.add(posixpath.dirname(outputs_of[id(doc)]) + "/")
        if doc.meta.get("category"):
            categories.add(str(doc.meta["category"]).strip())
    slugs = {slugify(c, _category_subs(settings)) for c in categories}
    urls |= {f"category/{slug}/" for slug in slugs}
    # {category}Name or {category}slug: Pelican makes the same URL of both.
    categories |= slugs
    return Site(sources={d.source.path for d in docs}, urls=urls,
                slugs={d.slug for d in docs if d.source.kind == "article"},
                categories=categories, siteurl=str(settings.get("SITEURL") or "").rstrip("/"),
                static=frozenset(static))


def _where_written(doc: Doc, templates: frozenset | None) -> list[Finding]:
    """`Template:` names a theme template; `Save_as:` stays inside the output folder."""
    found, path = [], doc.source.path
    name = str(doc.meta.get("template", "") or "").strip()
    if name and templates is not None and name not in templates:
        found.append(Finding(path, doc.line("template"), ERROR,
                             f"template {name!r} is not in the theme; use one of: "
                             f"{', '.join(sorted(templates))} (or remove the line)"))
    for key in ("save_as", "url"):
        given = str(doc.meta.get(key, "") or "").strip()
        if given and (posixpath.isabs(given) or posixpath.normpath(given).startswith("..")):
            found.append(Finding(path, doc.line(key), ERROR,
                                 f"{key} {given!r} would be written outside the site; give a "
                                 "path inside it, like folder/name.html"))
    return found


def check_site(sources: list[Source], settings: dict, ctas: set, phones: set,
               static: set = frozenset(), now: dt.datetime | None = None,
               legal: Legal | None = None,
               templates: frozenset | None = None) -> list[Finding]:
    """Every finding for the site's content, sorted by file and line.

    templates: the theme's page template names (without .html), or None to skip that rule."""
    now = now or dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    docs = [read_source(s, settings) for s in sources]
    # Each file's output path, worked out once: the links check and the clash check use it.
    outputs_of = {id(d): _output_path(d, settings) for d in docs}
    site = _site(docs, settings, static, outputs_of)
    articles = [d for d in docs if d.source.kind == "article"]
    published = {d.slug for d in articles if not d.draft and d.date and d.date <= now}
    unpublished = {d.slug for d in articles} - published
    found = [f for d in docs for f in d.findings]
    for doc in docs:
        if not doc.meta and doc.findings:
            continue  # unreadable front matter: nothing more to say until it is fixed
        if doc.source.kind == "article":
            found += article_findings(doc, settings, ctas, now)
            found += related_findings(doc, published, unpublished)
            found += featured_findings(doc, settings)
            if legal is not None:
                found += legal_findings(doc, legal)
        found += body_findings(doc, site, phones)
        found += _where_written(doc, templates)
    found += _duplicates([d for d in docs if d.meta], outputs_of, settings)
    if not site_rules(settings):
        # Another site's posts (`--content`): its categories and links are that site's.
        found = [replace(f, level=WARNING) if f.site_rule else f for f in found]
    return sorted(found, key=lambda f: (f.path, f.line, f.level, f.message))


# A file name has an extension: "RuntimeError: ..." or "setting CTA: ..." name no file.
_WHERE = re.compile(r"^(?P<path>[^:\s]+\.[A-Za-z]+)(?::(?P<line>\d+))?: (?P<msg>.*)$", re.S)


def data_finding(error: Exception | str, fallback_path: str) -> Finding:
    """An error ("path[:line]: message", as Newsdesk's errors name their file) as a finding;
    one that names no file is put on `fallback_path`, line 1."""
    match = _WHERE.match(str(error))
    if not match:
        return Finding(fallback_path, 1, ERROR, str(error))
    return Finding(match.group("path"), int(match.group("line") or 1), ERROR, match.group("msg"))

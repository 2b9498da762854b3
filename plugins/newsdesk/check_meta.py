"""The content check, part one: read each file's metadata (with line numbers) and check it.

Pure module: no Pelican objects (only its slugify and a constant, imported where used). See
check.py for the public entry point.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from zoneinfo import ZoneInfo

from dateutil import parser as dateparser
# Pelican's Markdown header is read by Python-Markdown's `meta` extension: the same patterns.
from markdown.extensions.meta import META_MORE_RE as _META_MORE
from markdown.extensions.meta import META_RE as _META

from . import frontmatter
from .frontmatter import hides_list, slug_list
from .cta import NONE_KEY

SUMMARY_MAX = 160
ERROR, WARNING, INFO = "error", "warning", "info"


def slugify(text: str, substitutions=None) -> str:
    """The slug Pelican gives `text`, with Pelican's own function and substitutions."""
    # Pelican's plain utility, not its content objects: the check must agree with the build.
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify as pelican_slugify

    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"] if substitutions is None else substitutions
    return pelican_slugify(text, regex_subs=subs)


@dataclass(frozen=True)
class Finding:
    """One problem (or note) in one file, at one line."""

    path: str
    line: int
    level: str
    message: str
    # Set on the rules that hold only for the firm's own site (CHECK['site_rules']).
    site_rule: bool = field(default=False, compare=False)

    def format(self) -> str:
        """The finding as `path:line: level: message`, the form editors and editors' tools read."""
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Source:
    path: str  # relative to the content folder, with forward slashes
    text: str
    kind: str = "article"


@dataclass
class Doc:
    """What the check needs from one file: metadata values and the line each key is on."""

    source: Source
    meta: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    slug: str = ""
    date: dt.datetime | None = None
    draft: bool = False
    findings: list = field(default_factory=list)

    def line(self, key: str) -> int:
        """The line of `key` in the header (line 1 when the key is absent)."""
        return self.lines.get(key, 1)


def _as_pelican_reads(values: dict) -> dict:
    """Each key's values as Pelican keeps them: the first of a key that may not repeat
    (slug, date, category...), the lines of a summary joined, other lists comma-joined."""
    from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED  # a constant, not content

    return {key: (found[0] if not DUPLICATES_DEFINITIONS_ALLOWED.get(key, True)
                  else " ".join(found) if key == "summary" else ", ".join(found))
            for key, found in values.items()}


def _pelican_header(text: str) -> tuple[dict, dict, int]:
    """Pelican's `Key: value` header: (meta, line of each key, first body line)."""
    values, lines, key = {}, {}, None
    rows = text.lstrip("\ufeff").split("\n")
    for number, row in enumerate(rows, start=1):
        row = row.rstrip("\r")
        match = _META.match(row)
        more = _META_MORE.match(row) if key else None
        if match:
            key = match.group("key").lower()
            values.setdefault(key, []).append(match.group("value").strip())
            lines.setdefault(key, number)
        elif more:
            values[key].append(more.group("value").strip())
        else:
            return _as_pelican_reads(values), lines, number + (1 if not row.strip() else 0)
    return _as_pelican_reads(values), lines, len(rows) + 1


def _yaml_lines(text: str) -> dict:
    """Line of each top-level key of a YAML front matter block (the block starts on line 2)."""
    lines = {}
    for number, row in enumerate(text.split("\n")[1:], start=2):
        if row.strip() in ("---", "..."):
            break
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", row)
        if match:
            lines.setdefault(match.group(1).lower(), number)
    # The front-matter module maps these aliases onto Pelican's names.
    for alias, name in (("categories", "category"), ("excerpt", "summary"),
                        ("description", "summary"), ("draft", "status"), ("published", "status")):
        if alias in lines:
            lines.setdefault(name, lines[alias])
    return lines


def read_source(source: Source, settings: dict) -> Doc:
    """Parse one file's front matter (Pelican header or YAML) into a Doc, noting bad metadata."""
    doc = Doc(source=source)
    if frontmatter.has_yaml_front_matter(source.text):
        try:
            parsed = frontmatter.parse(source.text, source.path)
        except frontmatter.FrontMatterError as exc:
            doc.findings.append(Finding(source.path, exc.line or 1, ERROR, exc.message))
            return doc
        doc.meta, doc.body, doc.body_line = parsed.meta, parsed.body, parsed.body_line
        doc.lines = _yaml_lines(source.text)
    else:
        doc.meta, doc.lines, doc.body_line = _pelican_header(source.text)
        doc.body = "\n".join(source.text.split("\n")[doc.body_line - 1:])
    doc.draft = str(doc.meta.get("status", "")).strip().lower() == "draft"
    title = str(doc.meta.get("title", "")).strip()
    if not title:
        doc.findings.append(Finding(source.path, 1, ERROR, "no title: add a 'Title: ...' line "
                                    "at the top of the file; Pelican skips a file without one"))
    doc.slug = str(doc.meta.get("slug") or "").strip() or slugify(
        title, settings.get("SLUG_REGEX_SUBSTITUTIONS"))
    doc.date = _date(doc, settings)
    return doc


def _date(doc: Doc, settings: dict) -> dt.datetime | None:
    raw = str(doc.meta.get("date", "")).strip()
    if not raw:
        if doc.source.kind == "article":
            doc.findings.append(Finding(doc.source.path, 1, ERROR,
                                        "no date: add a 'Date: YYYY-MM-DD HH:MM' line"))
        return None
    try:
        value = dateparser.parse(raw, default=dt.datetime(1970, 1, 1))
    except (ValueError, OverflowError):
        doc.findings.append(Finding(doc.source.path, doc.line("date"), ERROR,
                                    f"date {raw!r} is not a date; write it as YYYY-MM-DD HH:MM"))
        return None
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return value if value.tzinfo else value.replace(tzinfo=zone)


def article_findings(doc: Doc, settings: dict, ctas: set, now: dt.datetime) -> list[Finding]:
    """Category, CTA key, summary and schedule of one article."""
    path, meta, found = doc.source.path, doc.meta, []
    areas = list(settings.get("PRACTICE_AREAS") or [])
    category = str(meta.get("category", "")).strip()
    if category not in areas:
        what = f"category {category!r} is not a practice area" if category else "no category"
        found.append(Finding(path, doc.line("category"), ERROR,
                             f"{what}; use one of: {', '.join(areas)}", site_rule=True))
    key = str(meta.get("cta", "")).strip().lower()
    if key and key != NONE_KEY and key not in ctas:
        found.append(Finding(path, doc.line("cta"), ERROR, f"cta {key!r} is not a CTA; use one "
                             f"of: {', '.join(sorted(ctas) + [NONE_KEY])}"))
    summary = str(meta.get("summary", "")).strip()
    if not summary:
        found.append(Finding(path, doc.line("summary"), WARNING,
                             "no summary: write one plain sentence of at most "
                             f"{SUMMARY_MAX} characters"))
    elif len(summary) > SUMMARY_MAX:
        found.append(Finding(path, doc.line("summary"), WARNING,
                             f"summary is {len(summary)} characters; keep it to {SUMMARY_MAX}"))
    if doc.date and doc.date > now and not doc.draft:
        found.append(Finding(path, doc.line("date"), INFO,
                             f"scheduled for {doc.date:%Y-%m-%d %H:%M}"))
    return found


def related_findings(doc: Doc, published: set, unpublished: set) -> list[Finding]:
    """Pins and exclusions must name published articles (the build fails otherwise)."""
    found = []
    for key in ("related", "related_exclude"):
        if key == "related" and hides_list(doc.meta.get(key)):
            continue
        slugs = slug_list(doc.meta.get(key))
        for slug in slugs:
            if slug in published:
                continue
            why = ("is a draft or scheduled article, not a published one" if slug in unpublished
                   else "is not an article's slug")
            found.append(Finding(doc.source.path, doc.line(key), ERROR,
                                 f"{key} names '{slug}', which {why}; fix or remove it"))
    return found

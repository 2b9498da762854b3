"""The content check behind `invoke check`: plain functions over file texts and plain data.

Pure module: no Pelican imports.  The runner (tools/check.py) reads the files and the
settings; this module turns them into findings, each `path:line: level: message`.

Public API
----------
Finding(path, line, level, message)     .format() -> "path:line: level: message"
Source(path, text, kind)                kind is "article" or "page"; path relative to PATH
read_source(source, settings) -> Doc    one file's metadata, with the line of each key
check_site(sources, settings, ctas, phones, static, now) -> list[Finding]
data_finding(error, path) -> Finding      a NewsdeskError from the data files as a finding
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

from . import frontmatter
from .autolink import find_phones
from .cta import NONE_KEY

SUMMARY_MAX = 160
ERROR, WARNING, INFO = "error", "warning", "info"

# Pelican's Markdown header, as the Markdown `meta` extension reads it.
_META = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$")
_META_MORE = re.compile(r"^[ ]{4,}(.*)$")
# Link and image targets in Markdown and in raw HTML.
_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_REF_LINK = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML_ATTR = re.compile(r"<(a|img)\b([^>]*)>", re.I)
_HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*["']\s*\S""", re.I)
_INTRASITE = re.compile(r"^[{|](filename|static|attach|article|category|tag|author|index)[}|](.*)$")


def slugify(text: str) -> str:
    """Pelican's default slug for a title: ASCII, lower case, hyphens."""
    text = unicodedata.normalize("NFKD", re.sub(r"<[^>]*>", "", text))
    text = re.sub(r"[^\w\s-]", "", text.encode("ascii", "ignore").decode()).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@dataclass(frozen=True)
class Finding:
    """One problem (or note) in one file, at one line."""

    path: str
    line: int
    level: str
    message: str

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


def _pelican_header(text: str) -> tuple[dict, dict, int]:
    """Pelican's `Key: value` header: (meta, line of each key, first body line)."""
    meta, lines, key = {}, {}, None
    rows = text.lstrip("\ufeff").split("\n")
    for number, row in enumerate(rows, start=1):
        row = row.rstrip("\r")
        match = _META.match(row)
        more = _META_MORE.match(row) if key else None
        if match:
            key = match.group(1).lower()
            meta[key], lines[key] = match.group(2).strip(), number
        elif more:
            meta[key] = f"{meta[key]} {more.group(1).strip()}".strip()
        else:
            return meta, lines, number + (1 if not row.strip() else 0)
    return meta, lines, len(rows) + 1


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
    doc.slug = str(doc.meta.get("slug") or "").strip() or slugify(title)
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


def _article_findings(doc: Doc, settings: dict, ctas: set, now: dt.datetime) -> list[Finding]:
    """Category, CTA key, summary and schedule of one article."""
    path, meta, found = doc.source.path, doc.meta, []
    areas = list(settings.get("PRACTICE_AREAS") or [])
    category = str(meta.get("category", "")).strip()
    if category not in areas:
        what = f"category {category!r} is not a practice area" if category else "no category"
        found.append(Finding(path, doc.line("category"), ERROR,
                             f"{what}; use one of: {', '.join(areas)}"))
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


def _slug_list(raw) -> list[str]:
    return [s.strip() for s in str(raw or "").split(",") if s.strip()]


def _related_findings(doc: Doc, published: set, unpublished: set) -> list[Finding]:
    """Pins and exclusions must name published articles (the build fails otherwise)."""
    found = []
    for key in ("related", "related_exclude"):
        slugs = _slug_list(doc.meta.get(key))
        if key == "related" and [s.lower() for s in slugs] == [NONE_KEY]:
            continue
        for slug in slugs:
            if slug in published:
                continue
            why = ("is a draft or scheduled article, not a published one" if slug in unpublished
                   else "is not an article's slug")
            found.append(Finding(doc.source.path, doc.line(key), ERROR,
                                 f"{key} names '{slug}', which {why}; fix or remove it"))
    return found


def _targets(doc: Doc):
    """(line, target, is_image, alt) for each link or image in the body."""
    offset = doc.body_line
    for number, row in enumerate(doc.body.split("\n"), start=offset):
        if "](" in row:
            for match in _MD_LINK.finditer(row):
                yield number, match.group(3), bool(match.group(1)), match.group(2).strip()
        if "<" in row:
            for match in _HTML_ATTR.finditer(row):
                href = _HREF.search(match.group(2))
                is_img = match.group(1).lower() == "img"
                alt = "x" if _ALT.search(match.group(2)) else ""
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


def _resolve_filename(doc: Doc, target: str) -> str:
    # {filename}/x is relative to the content folder, {filename}x to the file's own folder.
    base = "" if target.startswith("/") else posixpath.dirname(doc.source.path)
    return posixpath.normpath(posixpath.join(base, target.lstrip("/")))


def _link_ok(doc: Doc, target: str, site: Site) -> bool:
    """True when an internal link points at something the site has."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    intra = _INTRASITE.match(target)
    if intra:
        what, rest = intra.groups()
        if what in ("filename", "static", "attach", "article"):
            return (not rest or _resolve_filename(doc, rest) in site.sources
                    or (what == "article" and rest.strip("/") in site.slugs))
        if what == "category":
            return rest in site.categories
        return True  # tags, authors and the index always exist
    if site.siteurl and target.startswith(site.siteurl):
        target = target[len(site.siteurl):] or "/"
    if not target.startswith("/") or target.startswith("//"):
        return True  # relative links and other sites are not the check's business
    path = posixpath.normpath(target).lstrip("/")
    path = "" if path == "." else path
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return (path in site.urls or path.rstrip("/") + "/" in site.urls
            or path.split("/", 1)[0] in ("theme", "pagefind", "feeds", "page", "tag", "author"))


def _body_findings(doc: Doc, site: Site, phones: set) -> list[Finding]:
    """Broken internal links, images without alt text and phone numbers the firm does not use."""
    path, found = doc.source.path, []
    for line, target, is_image, alt in _targets(doc):
        if is_image and not alt:
            found.append(Finding(path, line, ERROR, f"image {target!r} has no alt text; describe "
                                 "it in the brackets: ![what it shows](...)"))
        if target and not _link_ok(doc, target, site):
            found.append(Finding(path, line, ERROR, f"link {target!r} points at nothing on the "
                                 "site; fix the path or slug"))
    if phones:
        for display, e164 in find_phones(doc.body):
            if e164 not in phones:
                before = doc.body.find(display)
                line = doc.body_line + (doc.body.count("\n", 0, before) if before >= 0 else 0)
                found.append(Finding(path, line, WARNING, f"phone number {display!r} is not in "
                                     "the contact data; check it or use the team's number"))
    return found


def _output_path(doc: Doc, settings: dict) -> str:
    kind = "ARTICLE" if doc.source.kind == "article" else "PAGE"
    pattern = settings.get(f"DRAFT_{'' if kind == 'ARTICLE' else 'PAGE_'}SAVE_AS" if doc.draft
                           else f"{kind}_SAVE_AS") or "{slug}.html"
    category = slugify(str(doc.meta.get("category", "")))
    try:
        return pattern.format(slug=doc.slug, category=category, lang="en", date=doc.date)
    except (KeyError, AttributeError, ValueError, IndexError):
        return pattern.replace("{slug}", doc.slug)


def _duplicates(docs: list[Doc], settings: dict) -> list[Finding]:
    """Two articles with one slug, or two files written to one output path."""
    found, slugs, outputs = [], {}, {}
    for doc in docs:
        if doc.source.kind == "article" and doc.slug:
            first = slugs.setdefault(doc.slug, doc)
            if first is not doc:
                found.append(Finding(doc.source.path, doc.line("slug"), ERROR,
                                     f"slug '{doc.slug}' is also used by {first.source.path}; "
                                     "give each article its own slug"))
                continue
        out = _output_path(doc, settings)
        first = outputs.setdefault(out, doc)
        if first is not doc:
            found.append(Finding(doc.source.path, doc.line("slug"), ERROR,
                                 f"writes {out}, as {first.source.path} does; change its slug"))
    return found


def _site(docs: list[Doc], settings: dict, static: set) -> Site:
    urls = {"", "archives/", "categories/", "tags/", "authors/", "search/"} | set(static)
    categories = set(settings.get("PRACTICE_AREAS") or [])
    for doc in docs:
        urls.add(posixpath.dirname(_output_path(doc, settings)) + "/")
        if doc.meta.get("category"):
            categories.add(str(doc.meta["category"]).strip())
    urls |= {f"category/{slugify(c)}/" for c in categories}
    return Site(sources={d.source.path for d in docs}, urls=urls,
                slugs={d.slug for d in docs if d.source.kind == "article"},
                categories=categories, siteurl=str(settings.get("SITEURL") or "").rstrip("/"))


def check_site(sources: list[Source], settings: dict, ctas: set, phones: set,
               static: set = frozenset(), now: dt.datetime | None = None) -> list[Finding]:
    """Every finding for the site's content, sorted by file and line."""
    now = now or dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    docs = [read_source(s, settings) for s in sources]
    site = _site(docs, settings, static)
    articles = [d for d in docs if d.source.kind == "article"]
    published = {d.slug for d in articles if not d.draft and d.date and d.date <= now}
    unpublished = {d.slug for d in articles} - published
    found = [f for d in docs for f in d.findings]
    for doc in docs:
        if not doc.meta and doc.findings:
            continue  # unreadable front matter: nothing more to say until it is fixed
        if doc.source.kind == "article":
            found += _article_findings(doc, settings, ctas, now)
            found += _related_findings(doc, published, unpublished)
        found += _body_findings(doc, site, phones)
    found += _duplicates([d for d in docs if d.meta], settings)
    return sorted(found, key=lambda f: (f.path, f.line, f.level, f.message))


_WHERE = re.compile(r"^(?P<path>[^:\s]+(?:\.[A-Za-z]+)?)(?::(?P<line>\d+))?: (?P<msg>.*)$", re.S)


def data_finding(error: Exception, fallback_path: str) -> Finding:
    """A NewsdeskError from the CTA or contact data ("path[:line]: message") as a finding."""
    match = _WHERE.match(str(error))
    if not match:
        return Finding(fallback_path, 1, ERROR, str(error))
    return Finding(match.group("path"), int(match.group("line") or 1), ERROR, match.group("msg"))

"""Put the import together: export + map in, Markdown files, manifest and report out."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from . import WordPressError, body, mapping, shortcodes, strip, wxr

LONDON = ZoneInfo("Europe/London")
MANIFEST = "data/wordpress-manifest.json"
RESERVED = {"category", "tag", "tags", "categories", "author", "authors", "archives", "drafts",
            "feeds", "theme", "images", "page", "search", "pagefind", "404"}


@dataclass
class Report:
    """What the import did, for the summary line and the Markdown report."""

    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    removals: list = field(default_factory=list)  # (file, kind, text)
    left: list = field(default_factory=list)  # (file, shortcode)
    missing: list = field(default_factory=list)  # (file, image)
    kept: list = field(default_factory=list)  # files edited since the import

    def summary(self) -> str:
        """One paragraph of counts."""
        c = self.counts
        skipped = ", ".join(f"{n} {t}" for t, n in sorted(self.skipped.items())) or "none"
        return (f"WordPress import: {c['posts']} posts, {c['pages']} pages, {c['drafts']} drafts, "
                f"{c['scheduled']} scheduled; skipped: {skipped}; CTAs stripped: {c['cta']}, "
                f"related blocks stripped: {c['related']}; shortcodes converted: "
                f"{c['shortcodes_converted']}, left: {len(self.left)}; images missing: "
                f"{len(self.missing)}; files written: {c['written']}, unchanged: "
                f"{c['unchanged']}, kept (edited since import): {len(self.kept)}")

    def markdown(self) -> str:
        """The full report."""
        out = ["# WordPress import report", "", self.summary(), ""]
        for title, rows in (("Removed (old CTAs and related blocks)", self.removals),
                            ("Shortcodes removed without a clear meaning", self.left),
                            ("Images left out (not in the media folder)", self.missing),
                            ("Files edited since the last import (not overwritten)",
                             [(k,) for k in self.kept])):
            out += [f"## {title}", ""] + [f"- {' | '.join(map(str, r))}" for r in rows] + [""]
        return "\n".join(out)


def _date(item: wxr.Item, fallback: str) -> tuple[str, str]:
    def london(raw, gmt):
        if not raw or raw.startswith("0000"):
            return ""
        stamp = dt.datetime.strptime(raw[:19], "%Y-%m-%d %H:%M:%S")
        if gmt:
            stamp = stamp.replace(tzinfo=dt.timezone.utc).astimezone(LONDON)
        return stamp.strftime("%Y-%m-%d %H:%M")

    date = london(item.date_gmt, True) or london(item.date_local, False) or fallback
    return date, london(item.modified_gmt, True)


def _slug(item: wxr.Item, title: str, used: set) -> str:
    from ..check_meta import slugify

    base = slugify(item.slug or title or f"post-{item.post_id}") or f"post-{item.post_id}"
    base = base if base not in RESERVED else f"{base}-post"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _header(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in fields if v)


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace(",", " ")).strip()


class Importer:
    """One import run over `content` (the content folder)."""

    def __init__(self, export: wxr.Export, the_map: mapping.Map, content: str, ctas: list):
        self.export, self.map, self.content = export, the_map, content
        self.ctas = strip.cta_words(ctas)
        self.host = urlparse(export.blog_url).netloc.lower().removeprefix("www.")
        self.report = Report()
        self.files: dict[str, str] = {}
        self.attachments: dict = {}
        self.children: dict = {}
        self.bylines: set = set()  # author display names the posts carry

    def run(self) -> None:
        """Convert every post and page into self.files (path relative to content -> text)."""
        items = [i for i in self.export.items if i.post_type in wxr.CONTENT_TYPES
                 and i.status not in ("trash", "auto-draft", "inherit")]
        for item in self.export.items:
            if item not in items:
                self.report.skipped[item.post_type if item.post_type in wxr.CONTENT_TYPES
                                    and item.status != "publish" and item.status else
                                    item.post_type] += 1
        self._check_categories(items)
        for item in self.export.items:
            if item.post_type == "attachment" and item.attachment_url:
                alt = item.meta.get("_wp_attachment_image_alt") or body.plain_text(item.title)
                self.attachments[item.post_id] = (item.attachment_url, alt)
                self.children.setdefault(item.parent, []).append(item.post_id)
        used = self._taken()
        for item in sorted(items, key=lambda i: (i.post_type, int(i.post_id or 0))):
            self._convert(item, used)

    def _taken(self) -> set:
        """Slugs of files the import did not write: an imported post never takes their URL."""
        ours = set(_manifest(self.content))
        taken = set()
        for folder in ("articles", "pages"):
            for root, _dirs, files in os.walk(os.path.join(self.content, folder)):
                for name in files:
                    rel = os.path.relpath(os.path.join(root, name), self.content)
                    if name.endswith(".md") and rel.replace(os.sep, "/") not in ours:
                        taken.add(name[:-3])
        return taken

    def _categories(self, item) -> list:
        return [(name, slug) for domain, slug, name in item.categories if domain == "category"]

    def _check_categories(self, items) -> None:
        if self.map.default is not None:
            return
        counts = Counter()
        for item in items:
            if item.post_type == "post":
                counts.update(set(mapping.assign(self.map, self._categories(item))[2]))
        if counts:
            raise mapping.unmapped_error(self.map, counts, self.export.path)

    def _convert(self, item: wxr.Item, used: set) -> None:
        title = body.plain_text(item.title) or f"Untitled {item.post_type} {item.post_id}"
        slug = _slug(item, title, used)
        is_post = item.post_type == "post"
        ctx = shortcodes.Context(attachments=self.attachments, children=self.children,
                                post_id=item.post_id)
        soup = body.to_soup(item.content, ctx)
        rel = (f"articles/{{area}}/{slug}.md" if is_post else f"pages/{slug}.md")
        related = strip.strip_related(soup, self.host) + ctx.related
        ctas = strip.strip_cta(soup, self.ctas, self.map.cta_patterns) if is_post else []
        for img in soup.find_all("img"):
            # Nothing remote: images come home from --media or are left out and listed.
            self.report.missing.append((rel.format(area="…"), img.get("src", "")))
            img.decompose()
        markdown = body.to_markdown(soup, ctx.footnotes)
        date, modified = _date(item, "1970-01-01 00:00")
        fields = [("Title", title), ("Date", date), ("Modified", modified)]
        if is_post:
            area, tags, _unmapped = mapping.assign(self.map, self._categories(item))
            tags += [name for domain, _s, name in item.categories if domain == "post_tag"]
            tags = list(dict.fromkeys(t for t in map(_clean, tags) if t))
            rel = rel.format(area=_area_folder(area))
            fields += [("Category", area), ("Tags", ", ".join(tags))]
            self.report.counts["posts"] += 1
        else:
            self.report.counts["pages"] += 1
        author = self.export.authors.get(item.creator, item.creator)
        summary = self._summary(item)
        fields += [("Slug", slug), ("Authors", _clean(author)), ("Summary", summary)]
        self.bylines.add(_clean(author))
        if item.status in ("draft", "pending", "private"):
            fields.append(("Status", "draft"))
            self.report.counts["drafts"] += 1
        elif item.status == "future":
            self.report.counts["scheduled"] += 1
        for text in related:
            self.report.removals.append((rel, "related", text[:300]))
        for text in ctas:
            self.report.removals.append((rel, "CTA", text[:300]))
        self.report.counts["related"] += len(related)
        self.report.counts["cta"] += bool(ctas)
        self.report.counts["shortcodes_converted"] += len(ctx.converted)
        self.report.left += [(rel, name) for name in ctx.left]
        self.files[rel] = _header(fields) + "\n" + markdown

    def _summary(self, item) -> str:
        for key in ("_yoast_wpseo_metadesc", "rank_math_description"):
            text = body.plain_text(item.meta.get(key, ""))
            if text and "%%" not in text:
                return text
        return body.plain_text(item.excerpt)


def _area_folder(area: str) -> str:
    from ..check_meta import slugify

    return slugify(area)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(content: str) -> dict:
    path = os.path.join(content, MANIFEST)
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise WordPressError(f"{path}: cannot read the import manifest ({exc}); restore it "
                             "from version control") from exc


def write(imp: Importer, dry_run: bool) -> None:
    """Write the files, never over one an editor changed since the last import (the manifest)."""
    path = os.path.join(imp.content, MANIFEST)
    manifest = _manifest(imp.content)
    new = dict(manifest)
    for rel, text in sorted(imp.files.items()):
        data, target = text.encode("utf-8"), os.path.join(imp.content, rel)
        if os.path.exists(target):
            with open(target, "rb") as handle:
                current = _hash(handle.read())
            if current == _hash(data):
                imp.report.counts["unchanged"] += 1
                new[rel] = current
                continue
            if manifest.get(rel) != current:
                imp.report.kept.append(rel)
                continue
        imp.report.counts["written"] += 1
        new[rel] = _hash(data)
        if not dry_run:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
    if not dry_run:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(dict(sorted(new.items())), handle, indent=1)
            handle.write("\n")
    add_bylines(imp, dry_run)


AUTHORS = os.path.join("data", "authors.yml")


def add_bylines(imp: Importer, dry_run: bool) -> None:
    """List the old blog's authors under `teams:` in the authors file, so bylines build.

    They become plain bylines; an editor moves a solicitor to `people:` (role,
    qualification, SRA ID) by hand. Names already listed are left alone, so a re-import
    changes nothing."""
    import yaml

    path = os.path.join(imp.content, AUTHORS)
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    data = yaml.safe_load(text) or {}
    known = {str(p.get("name")) for p in data.get("people") or [] if isinstance(p, dict)}
    known |= {str(t) for t in data.get("teams") or []}
    missing = sorted(n for n in imp.bylines if n and n not in known)
    imp.report.counts["bylines added"] = len(missing)
    if not missing or dry_run:
        return
    keys = re.findall(r"^([A-Za-z_]\w*)\s*:", text, re.M)
    if keys and keys[-1] != "teams" and "teams" in keys:
        raise WordPressError(f"{path}: add these bylines under teams: by hand, then import "
                             f"again: {', '.join(missing)}")
    lines = "".join(f"  - {json.dumps(name)}\n" for name in missing)
    head = "" if text.endswith("\n") else "\n"
    head += "" if "teams" in keys else "teams:\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{head}  # Imported from WordPress: move solicitors to people:\n{lines}")

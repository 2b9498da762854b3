"""Put the import together: export + map in, Markdown files, manifest and report out."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from . import authors, body, links, manifest, mapping, media, shortcodes, strip, wxr
from ..check_meta import slugify
from .report import Report

LONDON = ZoneInfo("Europe/London")
RESERVED = {"category", "tag", "tags", "categories", "author", "authors", "archives", "drafts",
            "feeds", "theme", "images", "page", "search", "pagefind", "404"}


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


@dataclass
class Plan:
    """Where one post or page goes, decided before any body is converted (links need it)."""

    title: str
    slug: str
    rel: str
    area: str | None
    tags: list


class Importer:
    """One import run over `content` (the content folder)."""

    def __init__(self, export: wxr.Export, the_map: mapping.Map, content: str, ctas: list,
                 media_root: str | None = None, redirects_path: str = ""):
        self.export, self.map, self.content = export, the_map, content
        self.ctas = strip.cta_words(ctas)
        self.host = urlparse(export.blog_url).netloc.lower().removeprefix("www.")
        self.report = Report()
        self.files: dict = {}  # path under content -> text (str) or image (bytes)
        self.attachments: dict = {}
        self.attachment_items: dict = {}
        self.children: dict = {}
        self.bylines: set = set()  # author display names the posts carry
        self.media = media.Media(media_root, self.host)
        self.links = links.Links(export.blog_url, self.host)
        self.redirects: list = []  # (old path, target), for the redirects data file
        self.redirects_path = redirects_path or os.path.join(content, "data", "redirects.yml")

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
                self._attachment(item)
        used = self._taken()
        plans = [(item, self._plan(item, used))
                 for item in sorted(items, key=lambda i: (i.post_type, int(i.post_id or 0)))]
        for item, plan in plans:
            self._old_urls(item, plan)
        self._taxonomy_redirects(items)
        for item, plan in plans:
            self._convert(item, plan)
        for dest, source in sorted(self.media.copies.items()):
            with open(source, "rb") as handle:
                self.files[dest] = handle.read()
        self.report.counts["images"] = len(self.media.copies)

    def _attachment(self, item: wxr.Item) -> None:
        alt = item.meta.get("_wp_attachment_image_alt", "").strip()
        title = body.plain_text(item.title)
        self.attachments[item.post_id] = (item.attachment_url,
                                          alt or (title if media.descriptive(title) else ""))
        self.attachment_items[item.post_id] = item
        self.children.setdefault(item.parent, []).append(item.post_id)
        # The attachment page and ?attachment_id=N lead to the file itself.
        for url in (item.link, f"id:{item.post_id}"):
            self.links.add(url, links.UPLOAD + item.attachment_url)

    def _taken(self) -> set:
        """Slugs of files the import did not write: an imported post never takes their URL."""
        ours = set(manifest.load(self.content))
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

    def _plan(self, item: wxr.Item, used: set) -> Plan:
        title = body.plain_text(item.title) or f"Untitled {item.post_type} {item.post_id}"
        slug = _slug(item, title, used)
        if item.post_type != "post":
            return Plan(title, slug, f"pages/{slug}.md", None, [])
        area, tags, _unmapped = mapping.assign(self.map, self._categories(item))
        tags += [name for domain, _s, name in item.categories if domain == "post_tag"]
        tags = list(dict.fromkeys(t for t in map(_clean, tags) if t))
        return Plan(title, slug, f"articles/{_area_folder(area)}/{slug}.md", area, tags)

    def _old_urls(self, item: wxr.Item, plan: Plan) -> None:
        """Links to a published post lead to its file; every old permalink gets a redirect."""
        target = f"{{filename}}/{plan.rel}"
        if item.status == "publish":
            for url in (item.link, f"id:{item.post_id}"):
                self.links.add(url, target)
        path = links.old_path(item.link)
        if path:
            self.redirects.append((path, target))

    def _taxonomy_redirects(self, items) -> None:
        """The old category and tag pages of the imported posts, to their new pages."""
        for old, new in links.taxonomy_redirects(self.export, self.map, items):
            self.redirects.append((links.clean_path(old), new))
            # In a Markdown link the slug: a name may hold spaces.
            kind, _, label = new[1:].partition("}")
            self.links.add(f"{self.export.blog_url}{old[len(self.links.base):]}",
                           f"{{{kind}}}{slugify(label)}")

    def _images(self, soup, rel: str) -> None:
        """Each image copied home and pointed at with {static}; a missing one left out."""
        for img in soup.find_all("img"):
            dest = self.media.place_img(img)
            if not dest:
                self.report.missing.append((rel, img.get("src", "")))
                img.decompose()
                continue
            alt = media.alt_text(img, self.attachment_items.get(media.attachment_id(img)))
            img.attrs = {"src": f"{{static}}/{dest}", "alt": alt}
            if not alt:
                img["data-decorative"] = "1"
                self.report.decorative.append((rel, dest))

    def _featured(self, item: wxr.Item, rel: str) -> list:
        thumb = item.meta.get("_thumbnail_id", "").strip()
        if not thumb:
            return []
        att = self.attachment_items.get(thumb)
        dest = self.media.place(att.attachment_url) if att else None
        if not dest:
            self.report.missing.append((rel, att.attachment_url if att else
                                        f"featured image (attachment {thumb})"))
            return []
        caption = body.plain_text(att.excerpt)
        alt = (att.meta.get("_wp_attachment_image_alt", "").strip() or caption
               or (body.plain_text(att.title) if media.descriptive(att.title) else ""))
        why = ("not a JPEG, PNG or WebP" if not dest.lower().endswith(media.RASTER)
               else "no alt text: add Image: and Image_alt: by hand" if not alt else "")
        if why:
            self.report.featured_left.append((rel, dest, why))
            return []
        return [("Image", dest), ("Image_alt", _clean_line(alt)),
                ("Image_caption", _clean_line(caption))]

    def _convert(self, item: wxr.Item, plan: Plan) -> None:
        rel, is_post = plan.rel, item.post_type == "post"
        ctx = shortcodes.Context(attachments=self.attachments, children=self.children,
                                 post_id=item.post_id)
        soup = body.to_soup(item.content, ctx)
        related = strip.strip_related(soup, self.host) + ctx.related
        ctas = strip.strip_cta(soup, self.ctas, self.map.cta_patterns) if is_post else []
        self._images(soup, rel)
        rewritten, unresolved = self.links.rewrite(soup, self.media)
        self.report.counts["links"] += rewritten
        self.report.unresolved += [(rel, href) for href in unresolved]
        markdown = body.to_markdown(soup, ctx.footnotes)
        date, modified = _date(item, "1970-01-01 00:00")
        fields = [("Title", plan.title), ("Date", date), ("Modified", modified)]
        if is_post:
            fields += [("Category", plan.area), ("Tags", ", ".join(plan.tags))]
        self.report.counts["posts" if is_post else "pages"] += 1
        author = self.export.authors.get(item.creator, item.creator)
        fields += [("Slug", plan.slug), ("Authors", _clean(author)),
                   ("Summary", self._summary(item))] + self._featured(item, rel)
        self.bylines.add(_clean(author))
        if item.status in ("draft", "pending", "private"):
            fields.append(("Status", "draft"))
            self.report.counts["drafts"] += 1
        elif item.status == "future":
            self.report.counts["scheduled"] += 1
        self._log(rel, related, ctas, ctx)
        self.files[rel] = _header(fields) + "\n" + markdown

    def _log(self, rel: str, related: list, ctas: list, ctx) -> None:
        for text in related:
            self.report.removals.append((rel, "related", text[:300]))
        for text in ctas:
            self.report.removals.append((rel, "CTA", text[:300]))
        self.report.counts["related"] += len(related)
        self.report.counts["cta"] += bool(ctas)
        self.report.counts["shortcodes_converted"] += len(ctx.converted)
        self.report.left += [(rel, name) for name in ctx.left]

    def _summary(self, item) -> str:
        for key in ("_yoast_wpseo_metadesc", "rank_math_description"):
            text = body.plain_text(item.meta.get(key, ""))
            if text and "%%" not in text:
                return text
        return body.plain_text(item.excerpt)


def _clean_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()

def _area_folder(area: str) -> str:
    return slugify(area)


def write(imp: Importer, dry_run: bool) -> None:
    """Write the files (never over an editor's change), merge the redirects, add bylines."""
    manifest.write_files(imp.content, imp.files, imp.report, dry_run)
    manifest.merge_redirects(imp.redirects_path, imp.redirects, imp.report, dry_run)
    authors.add_bylines(imp.content, imp.bylines, imp.report, dry_run)

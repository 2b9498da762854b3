"""Adapt images: featured images and share cards on articles, <picture> in bodies, clean files.

Attributes attached to every article (see README "Plugin attributes"):
  article.featured_image  FeaturedImage | None  (from the `Image:` front matter)
  article.share_image     ShareImage | None     (og:image: the featured image, else the card)
Raster files under STATIC_PATHS are taken from Pelican's static copying and published
re-encoded without metadata instead; every processed file comes from the image cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
from dataclasses import dataclass, replace

from markupsafe import Markup

from .. import settings as nd_settings
from ..errors import NewsdeskError
from ..images import html as img_html, sharecard
from ..images.cache import ImageCache, publish, variant_key
from ..images.plan import Picture, SourceJob, variant
from ..images.plan import picture as plan_picture
from ..images.process import FORMATS, source_format
from ..images.work import make_all
from .common import every_content, source

logger = logging.getLogger(__name__)
ATTRIBUTES = ("featured_image", "share_image")
_INTRASITE = re.compile(r"^\{(static|filename|attach)\}(.*)$")
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
# og:image is read by crawlers that may not know AVIF or WebP: the source's format, <= 1200 px.
SHARE_WIDTH = 1200


@dataclass(frozen=True)
class FeaturedImage:
    """An article's `Image:`: the article-width and card-width pictures, alt text, caption."""

    picture: Picture
    card: Picture
    alt: str
    caption: str  # plain text ("" when none)


@dataclass(frozen=True)
class ShareImage:
    """The image that link previews show: absolute-to-SITEURL URL, size, type and alt text."""

    url: str
    width: int
    height: int
    type: str
    alt: str


class _Build:
    """One build's image work: the planned sources and share cards, written at `finalized`."""

    def __init__(self, conf: dict) -> None:
        self.conf = conf
        self.config = conf["IMAGES"]
        self.cache = ImageCache(nd_settings.images_cache_path(conf))
        self.jobs: dict[str, SourceJob] = {}
        self.cards: dict[str, tuple[str, str, str]] = {}  # out_rel -> (key, title, area)

    def job(self, path: str) -> SourceJob:
        """The job of one source file (by absolute path), facts read once per build."""
        found = self.jobs.get(path)
        if found is None:
            found = self.jobs[path] = SourceJob(path, self.cache.facts(path))
        return found

    def picture(self, path: str, card: bool = False) -> Picture:
        """Plan the picture of a source at the article (or card) widths."""
        cfg = self.config
        return plan_picture(self.job(path), source_format(path),
                            cfg["card_widths" if card else "widths"],
                            cfg["card_sizes" if card else "sizes"], cfg, self.conf["SITEURL"])


_BUILDS: dict[int, _Build] = {}


def on_initialized(conf: dict) -> None:
    """Start this build's image state (settings are already checked); fail early on no font."""
    if conf["IMAGES"]["share_cards"]:
        sharecard.check_font(conf["IMAGES"]["share_card_font"])
    _BUILDS[id(conf)] = _Build(conf)


def _content_rel(src: str, base_dir: str) -> str | None:
    """The path (relative to PATH) that an image src names, or None for other sites' images."""
    intra = _INTRASITE.match(src)
    if intra:
        src = intra.group(2)
        rel = src.lstrip("/") if src.startswith("/") else posixpath.join(base_dir, src)
    elif _SCHEME.match(src) or not src:
        return None
    else:
        # /images/x.png is the URL of content/images/x.png; a relative path is relative to
        # the Markdown file, as {filename} paths are.
        rel = src.lstrip("/") if src.startswith("/") else posixpath.join(base_dir, src)
    rel = posixpath.normpath(rel.split("#", 1)[0].split("?", 1)[0])
    return None if rel.startswith("..") else rel


def _raster(conf: dict, rel: str | None) -> str | None:
    if rel is None or source_format(rel) is None:
        return None
    path = os.path.join(conf["PATH"], rel)
    return path if os.path.isfile(path) else None


def _base_dir(conf: dict, content) -> str:
    if not content.source_path:
        return ""
    return posixpath.dirname(os.path.relpath(content.source_path, conf["PATH"]).replace(os.sep, "/"))


def _featured(build: _Build, article) -> tuple[FeaturedImage, str] | tuple[None, None]:
    meta = article.metadata
    given = str(meta.get("image", "") or "").strip()
    if not given:
        return None, None
    # `Image:` is relative to the content folder, with or without {static} and a leading /.
    path = _raster(build.conf, _content_rel("/" + given.removeprefix("{static}").lstrip("/"), ""))
    if path is None and not nd_settings.site_rules(build.conf) and not os.path.exists(
            os.path.join(build.conf["PATH"], given.removeprefix("{static}").lstrip("/"))):
        # Another blog's posts (`--content`): its images live on that site; the check warns.
        return None, None
    if path is None:
        raise NewsdeskError(f"{source(article)}: Image: '{given}' is not a JPEG, PNG or WebP file "
                            f"in {build.conf['PATH']}; fix the path (e.g. images/photo.jpg).")
    alt = Markup(str(meta.get("image_alt", "") or "")).striptags().strip()
    if not alt:
        raise NewsdeskError(f"{source(article)}: Image: needs Image_alt: describing what the "
                            "picture shows, for readers who cannot see it.")
    caption = Markup(str(meta.get("image_caption", "") or "")).striptags().strip()
    return FeaturedImage(build.picture(path), build.picture(path, card=True), alt, caption), path


def _share_from_featured(build: _Build, featured: FeaturedImage, path: str) -> ShareImage:
    job = build.job(path)
    fmt = source_format(path)
    width = min(SHARE_WIDTH, job.facts.width)
    shared = variant(job, fmt, width, build.config, build.config["output_path"].strip("/"))
    job.add(shared)
    return ShareImage(f"{build.conf['SITEURL']}/{shared.out_rel}", shared.width, shared.height,
                      FORMATS[fmt][1], featured.alt)


def _share_card(build: _Build, article) -> ShareImage:
    title = Markup(article.title).striptags()
    area = article.category.name if getattr(article, "category", None) else ""
    firm = build.conf["NEWSDESK_CONTACT"].firm_name
    font = build.config["share_card_font"]
    digest = hashlib.sha256("\0".join((title, area, firm, font)).encode()).hexdigest()
    key = variant_key(digest, "share-card", sharecard.WIDTH, sharecard.HEIGHT)
    out_rel = posixpath.join(build.config["output_path"].strip("/"), "share",
                             f"{article.slug}.{key[:10]}.png")
    build.cards[out_rel] = (key, title, area)
    return ShareImage(f"{build.conf['SITEURL']}/{out_rel}", sharecard.WIDTH, sharecard.HEIGHT,
                      "image/png", f"{title} ({firm})")


def attach_to_articles(conf: dict, articles: list) -> None:
    """Give every article its featured_image and share_image (before its JSON-LD is made)."""
    build = _BUILDS[id(conf)]
    # The reserved-name check (ATTRIBUTES) is made with the others in articles.py.
    for article in articles:
        featured, path = _featured(build, article)
        article.featured_image = featured
        if featured:
            article.share_image = _share_from_featured(build, featured, path)
        elif build.config["share_cards"]:
            article.share_image = _share_card(build, article)
        else:
            article.share_image = None


def _rewrite(build: _Build, content) -> None:
    conf = build.conf
    base = _base_dir(conf, content)

    def _resolve(src: str) -> Picture | None:
        path = _raster(conf, _content_rel(src, base))
        return build.picture(path) if path else None

    content._content = img_html.rewrite(content._content, _resolve)


def rewrite_alone(conf: dict, content) -> None:
    """Rewrite one re-read article's <img> tags as on_all_generators_finalized does."""
    build = _BUILDS.get(id(conf))
    if build is not None:
        _rewrite(build, content)


def on_all_generators_finalized(generators) -> None:
    """Rewrite the <img> tags of every article and page into <picture>."""
    conf = generators[0].settings
    build = _BUILDS.get(id(conf))
    if build is None:
        return
    for content in every_content(generators):
        _rewrite(build, content)


def on_static_generator_finalized(generator) -> None:
    """Take raster images out of Pelican's copying: they are published cleaned instead."""
    build = _BUILDS.get(id(generator.settings))
    if build is None:
        return
    keep = []
    for static in generator.staticfiles:
        path = os.path.join(generator.path, static.source_path)
        fmt = source_format(path)
        if fmt is None:
            keep.append(static)
            continue
        job = build.job(path)
        full = variant(job, fmt, job.facts.width, build.config, "")
        job.add(replace(full, out_rel=static.save_as.replace(os.sep, "/")))
    generator.staticfiles[:] = keep


def _make_card(build: _Build, out_rel: str, card: tuple[str, str, str]) -> str:
    key, title, area = card
    cached = build.cache.path_for(key, "png")
    if not os.path.exists(cached):
        img, _boxes = sharecard.render(title, area, build.conf["NEWSDESK_CONTACT"].firm_name,
                                       build.config["share_card_font"])
        cached = build.cache.put(key, "png", sharecard.png_bytes(img))
    return cached


def planned_outputs(conf: dict) -> set[str]:
    """The image files (relative to the output) this build will publish at `finalized`."""
    build = _BUILDS.get(id(conf))
    if build is None:
        return set()
    return set(build.cards) | {rel for job in build.jobs.values() for rel in job.variants}


def on_finalized(pelican) -> None:
    """Encode what the cache lacks and publish every image and share card."""
    build = _BUILDS.pop(id(pelican.settings), None)
    if build is None:
        return
    out = pelican.output_path
    made = make_all(list(build.jobs.values()), build.cache, out)
    for out_rel, card in sorted(build.cards.items()):
        publish(_make_card(build, out_rel, card), os.path.join(out, out_rel))
    build.cache.save_index()
    logger.info("Images: %d sources, %d files encoded, %d share cards",
                len(build.jobs), made, len(build.cards))

"""Adapt the whole build: settings and data at start, counts, site files and summary at the end."""

from __future__ import annotations

import logging
import os
import time

from pelican.log import console

from .. import cta, headers as nd_headers, jsonld, settings as nd_settings, sitemap as nd_sitemap
from .. import summary
from ..contact import load_contact
from . import cards, images
from . import legal
from .articles import cta_blocks
from .preview_writer import write_atomic


class SkipCounter(logging.Handler):
    """Counts the articles and pages Pelican drops ("Could not process", "Skipping ...")."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(("Could not process", "Skipping")):
            self.count += 1


def on_initialized(pelican) -> None:
    """Check settings and load site data before any content is read, so bad data fails fast."""
    conf = pelican.settings
    resolved = nd_settings.resolve(conf)
    conf.update(resolved)
    contact = load_contact(nd_settings.data_path(conf, "CONTACT"))
    ctas = cta.load_ctas(nd_settings.data_path(conf, "CTA"))
    cta.check_teams(ctas, set(contact.teams))
    conf["NEWSDESK_CONTACT"] = contact
    legal.load(conf)
    conf["NEWSDESK_CTAS"] = ctas
    conf["NEWSDESK_CTA_BLOCKS"] = cta_blocks(ctas, contact)
    conf["NEWSDESK_SITE_JSONLD"] = jsonld.dumps(jsonld.legal_service(contact, conf["SITEURL"]))
    # The <meta> CSP; the HTTP-header version (with frame-ancestors) is written at finalized.
    conf["NEWSDESK_CSP"] = nd_headers.content_security_policy(conf["CALLBACK_FORM_ACTION"])
    conf["NEWSDESK_STARTED"] = time.monotonic()
    images.on_initialized(conf)
    cards.on_initialized(conf)
    # On the Pelican object, not in settings: settings are pickled into the content cache.
    pelican.newsdesk_skips = SkipCounter()
    for name in ("pelican.generators", "pelican.contents"):
        logging.getLogger(name).addHandler(pelican.newsdesk_skips)


def _is_scheduled(article) -> bool:
    # Pelican turns future-dated articles into drafts (WITH_FUTURE_DATES = False); an
    # editor's own drafts say so in their metadata.
    return str(article.metadata.get("status", "")).lower() != "draft"


def on_all_generators_finalized(generators) -> None:
    """Count what this build holds and list its URLs, for the summary and the sitemap."""
    arts = next(g for g in generators if hasattr(g, "drafts"))
    pages = next(g for g in generators if hasattr(g, "draft_pages"))
    drafts = arts.drafts + arts.drafts_translations
    scheduled = sum(1 for a in drafts if _is_scheduled(a))
    arts.settings["NEWSDESK_COUNTS"] = {
        "articles": len(arts.articles) + len(arts.translations),
        "pages": len(pages.pages) + len(pages.translations),
        "drafts": len(drafts) - scheduled,
        "scheduled": scheduled,
        "hidden": len(arts.hidden_articles) + len(arts.hidden_translations),
    }
    # Plain (URL, lastmod) pairs: written out at `finalized`, once the pages are.
    arts.settings["NEWSDESK_SITEMAP"] = sitemap_entries(arts.settings, arts, pages)


def _stamp(item):
    return getattr(item, "modified", None) or getattr(item, "date", None)


def _lastmod(item) -> str | None:
    stamp = _stamp(item)
    return stamp.isoformat() if stamp else None


def _newest(articles) -> str | None:
    # The newest by time, formatted once: a big site's tags list most articles many times.
    newest = max(filter(None, map(_stamp, articles)), default=None)
    return newest.isoformat() if newest else None


def sitemap_entries(conf: dict, arts, pages) -> list[tuple[str, str | None]]:
    """Published articles, pages, list pages and archives as (absolute URL, lastmod)."""
    published = arts.articles + arts.translations
    site = conf["SITEURL"]
    newest = _newest(published)
    # Only direct templates a reader would search for: never 404 or the search page.
    entries = [(nd_sitemap.absolute(site, conf.get(f"{name.upper()}_URL", "")), newest)
               for name in ("index", "archives", "categories", "tags", "authors")
               if name in conf["DIRECT_TEMPLATES"]]
    urls = conf.pop("NEWSDESK_ARTICLE_URLS", {})  # read once by the article adapter
    entries += [(nd_sitemap.absolute(site, urls.get(id(a)) or a.url), _lastmod(a))
                for a in published]
    entries += [(nd_sitemap.absolute(site, p.url), _lastmod(p))
                for p in pages.pages + pages.translations]
    for groups in (arts.categories, arts.tags, arts.authors):
        # Pelican keeps tags as a dict but categories and authors as lists of pairs.
        pairs = groups.items() if isinstance(groups, dict) else groups
        entries += [(nd_sitemap.absolute(site, key.url), _newest(items)) for key, items in pairs]
    return entries


def _write(folder: str, name: str, text: str) -> None:
    # Atomic: the preview rewrites these while its server may be sending them.
    write_atomic(os.path.join(folder, name), text.encode("utf-8"))


def write_site_files(pelican) -> None:
    """Write sitemap.xml, robots.txt and the host header files (_headers, nginx-headers.conf)."""
    conf = pelican.settings
    out = pelican.output_path
    entries = conf.pop("NEWSDESK_SITEMAP", None)
    if entries is not None:
        _write(out, "sitemap.xml", nd_sitemap.sitemap_xml(entries))
        sitemap_url = nd_sitemap.absolute(conf["SITEURL"], "sitemap.xml")
        _write(out, "robots.txt", nd_sitemap.robots_txt(sitemap_url))
    csp = nd_headers.content_security_policy(conf["CALLBACK_FORM_ACTION"], frame_ancestors=True)
    sent = nd_headers.security_headers(csp)
    _write(out, "_headers", nd_headers.netlify_headers(sent))
    _write(out, "nginx-headers.conf", nd_headers.nginx_snippet(sent))


def on_finalized(pelican) -> None:
    """Print the build summary: what was built, how big the output is and how long it took."""
    conf = pelican.settings
    seconds = time.monotonic() - conf["NEWSDESK_STARTED"]
    size = summary.folder_size(pelican.output_path)
    counter = pelican.newsdesk_skips
    for name in ("pelican.generators", "pelican.contents"):
        logging.getLogger(name).removeHandler(counter)
    counts = {**conf.get("NEWSDESK_COUNTS", {}), "skipped": counter.count}
    console.print(summary.format_summary(counts, size, seconds))

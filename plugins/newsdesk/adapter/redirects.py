"""Adapt redirects: read the data file at start, note what is published, write at the end."""

from __future__ import annotations

import logging
import os

from markupsafe import Markup

from .. import settings as nd_settings
from ..redirects import data, plan, render
from .preview_writer import write_atomic

log = logging.getLogger(__name__)
MARKER = '<meta name="robots" content="noindex">\n<meta http-equiv="refresh"'


def on_initialized(pelican) -> None:
    """Read and check the redirects data file before any content is read (fails fast)."""
    conf = pelican.settings
    path = nd_settings.data_path(conf, "REDIRECTS")
    conf["NEWSDESK_REDIRECTS"] = (path, data.load(path))


def _rel(conf: dict, content) -> str:
    return os.path.relpath(content.source_path, conf["PATH"]).replace(os.sep, "/")


def on_all_generators_finalized(generators) -> None:
    """What targets can resolve to; before unpublished content leaves the generators' lists."""
    arts = next(g for g in generators if hasattr(g, "drafts"))
    pages = next(g for g in generators if hasattr(g, "draft_pages"))
    statics = next((g for g in generators if hasattr(g, "staticfiles")), None)
    conf = arts.settings
    site = plan.Site()
    for item in arts.articles + arts.translations + pages.pages + pages.translations:
        # The title as text: typogrify wraps "&" and quotes in spans.
        title = Markup(str(item.title)).striptags()
        site.published[_rel(conf, item)] = (item.url, title)
    others = (arts.drafts + arts.drafts_translations + arts.hidden_articles
              + arts.hidden_translations + pages.draft_pages + pages.hidden_pages
              + pages.draft_translations + pages.hidden_translations)
    site.sources = set(site.published) | {_rel(conf, item) for item in others}
    site.static = {_rel(conf, s) for s in (statics.staticfiles if statics else [])}
    for pool, groups in ((site.categories, arts.categories), (site.tags, arts.tags)):
        pairs = groups.items() if isinstance(groups, dict) else groups
        for key, _items in pairs:
            pool[str(key.name).lower()] = pool[key.slug.lower()] = key.url
    conf["NEWSDESK_REDIRECT_SITE"] = site


def _ours_or_absent(path: str) -> bool:
    # A redirect page from an earlier build may be overwritten; a real page may not.
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return MARKER in handle.read(2000)
    except FileNotFoundError:
        return True


def _write(path: str, text: str) -> None:
    # Atomic: the preview rewrites these while its server may be sending them.
    write_atomic(path, text.encode("utf-8"))


def on_finalized(pelican) -> None:
    """Write _redirects, the nginx map and server snippet, and the HTML redirect pages."""
    conf, out = pelican.settings, pelican.output_path
    site = conf.pop("NEWSDESK_REDIRECT_SITE", None)
    if site is None:
        return
    path, entries = conf["NEWSDESK_REDIRECTS"]
    setting, siteurl = conf["REDIRECTS"], conf["SITEURL"]
    exists = (lambda s: not _ours_or_absent(os.path.join(out, render.page_path(s))))
    rules, skipped = plan.plan(entries, site, path, exists)
    for entry, why in skipped:
        level = logging.WARNING if "built" in why else logging.INFO
        log.log(level, "%s:%d: no redirect from %s: %s", path, entry.line, entry.source, why)
    files = ((setting["netlify_file"], lambda: render.netlify(rules, siteurl, setting["force"])),
             (setting["nginx_map_file"], lambda: render.nginx_map(rules, siteurl)),
             (setting["nginx_server_file"], render.nginx_server))
    for name, make in files:
        if name:
            _write(os.path.join(out, name), make())
    if setting["html_pages"]:
        lang = conf.get("DEFAULT_LANG") or "en"
        for rule in rules:
            _write(os.path.join(out, render.page_path(rule.source)),
                   render.html_page(rule, siteurl, lang))

"""The one module that touches Pelican: it adapts Pelican's objects to Newsdesk's pure core.

Attributes attached to content (always of one type; see README "Plugin attributes"):
  article.related_articles  list[Article]
  article.call_to_action    CallToAction | None
  article.exit_this_page    bool
  article.jsonld            str (JSON for a <script type="application/ld+json">)
Context/settings added: NEWSDESK_CONTACT (contact.Contact), NEWSDESK_SITE_JSONLD (str).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.log import console
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import autolink, cta, frontmatter, jsonld, related, settings as nd_settings, summary
from . import headers as nd_headers, sitemap as nd_sitemap
from .text import plain_text
from .contact import Contact, Team, load_contact
from .errors import NewsdeskError

logger = logging.getLogger(__name__)



class SkipCounter(logging.Handler):
    """Counts the articles and pages Pelican drops ("Could not process", "Skipping ...")."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(("Could not process", "Skipping")):
            self.count += 1


# Attribute names we attach; an author's metadata may not use them.
ATTRIBUTES = ("related_articles", "call_to_action", "exit_this_page", "jsonld")


@dataclass(frozen=True)
class CallToAction:
    """What the theme renders for an article's CTA block."""

    key: str
    heading: str
    html: Markup
    team: Team


def _source(content) -> str:
    return os.path.relpath(content.source_path) if content.source_path else "<unknown>"


def _data_path(pelican_settings: dict, path: str) -> str:
    return path if os.path.isabs(path) else os.path.join(pelican_settings["PATH"], path)


def on_initialized(pelican) -> None:
    """Check settings and load site data before any content is read, so bad data fails fast."""
    conf = pelican.settings
    resolved = nd_settings.resolve(conf)
    conf.update(resolved)
    contact = load_contact(_data_path(conf, conf["CONTACT"]["path"]))
    ctas = cta.load_ctas(_data_path(conf, conf["CTA"]["path"]))
    cta.check_teams(ctas, set(contact.teams))
    conf["NEWSDESK_CONTACT"] = contact
    conf["NEWSDESK_CTAS"] = ctas
    conf["NEWSDESK_SITE_JSONLD"] = jsonld.dumps(jsonld.legal_service(contact, conf["SITEURL"]))
    # The <meta> CSP; the HTTP-header version (with frame-ancestors) is written at finalized.
    conf["NEWSDESK_CSP"] = nd_headers.content_security_policy(conf["CALLBACK_FORM_ACTION"])
    conf["NEWSDESK_STARTED"] = time.monotonic()
    # On the Pelican object, not in settings: settings are pickled into the content cache.
    pelican.newsdesk_skips = SkipCounter()
    for name in ("pelican.generators", "pelican.contents"):
        logging.getLogger(name).addHandler(pelican.newsdesk_skips)


def _check_reserved(article) -> None:
    taken = [name for name in ATTRIBUTES if name in article.metadata]
    if taken:
        raise NewsdeskError(f"{_source(article)}: metadata key(s) {', '.join(taken)} are set by "
                            "Newsdesk itself; rename or remove them.")


def _call_to_action(article, conf: dict) -> CallToAction | None:
    ctas = conf["NEWSDESK_CTAS"]
    tags = [t.name for t in getattr(article, "tags", [])]
    key = cta.choose_cta(article.metadata.get("cta"), article.category.name, tags, ctas,
                         _source(article))
    if key is None:
        return None
    chosen = ctas[key]
    contact: Contact = conf["NEWSDESK_CONTACT"]
    html = autolink.link_phones(cta.render_markdown(chosen.body_markdown))
    return CallToAction(key=key, heading=chosen.heading, html=Markup(html),
                        team=contact.teams[chosen.team])


def _is_sensitive(article, conf: dict) -> bool:
    exit_conf = conf["EXIT_THIS_PAGE"]
    flagged = str(article.metadata.get("sensitive", "")).strip().lower() in ("true", "yes", "1")
    return bool(exit_conf["enabled"]) and (
        flagged or article.category.name in exit_conf["categories"])


def _article_jsonld(article, conf: dict) -> str:
    site = conf["SITEURL"]
    url = f"{site}/{article.url}"
    modified = getattr(article, "modified", None) or article.date
    author = article.authors[0].name if getattr(article, "authors", None) else conf["AUTHOR"]
    return jsonld.dumps(jsonld.blog_posting(
        headline=Markup(article.title).striptags(), url=url,
        date_published=article.date.isoformat(), date_modified=modified.isoformat(),
        author_name=author, description=Markup(article.summary).striptags(),
        publisher_id=f"{site}/#organization", site_url=site,
        section=article.category.name, keywords=[t.name for t in getattr(article, "tags", [])]))


def _decorate(article, conf: dict) -> None:
    article.call_to_action = _call_to_action(article, conf)
    article.exit_this_page = _is_sensitive(article, conf)
    article.jsonld = _article_jsonld(article, conf)
    # Phone numbers written in the body become click-to-call links.
    article._content = autolink.link_phones(article._content)
    after = conf["CTA"]["inline_after_paragraph"]
    if after and article.call_to_action:
        block = (f'<aside class="cta cta-inline" data-cta-inline="{article.call_to_action.key}" '
                 f'data-pagefind-ignore>{article.call_to_action.html}</aside>')
        article._content = cta.insert_after_paragraph(article._content, after, block)


def _slug_list(article, key: str) -> list[str]:
    raw = article.metadata.get(key) or ""
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return [item.strip() for item in items if item.strip()]


def article_doc(article) -> related.Doc:
    """The plain-data record the related scoring reads for one article."""
    # Keyed by URL, which Pelican keeps unique; slugs can repeat (e.g. dated Jekyll posts).
    return related.Doc(
        slug=article.url, title=Markup(article.title).striptags(),
        summary=Markup(getattr(article, "summary", "") or "").striptags(),
        body=plain_text(article._content), tags=tuple(t.name for t in getattr(article, "tags", [])),
        category=article.category.name, date=article.date, lang=article.lang)


def hides_related(article) -> bool:
    """True when the editor wrote `related: none`."""
    return [s.lower() for s in _slug_list(article, "related")] == ["none"]


def _resolve(article, slugs: list[str], urls_by_slug: dict, key: str) -> list[str]:
    urls = []
    for slug in slugs:
        found = urls_by_slug.get(slug, [])
        if len(found) != 1:
            problem = ("is not a published article's slug" if not found else
                       f"matches {len(found)} articles ({', '.join(found)})")
            raise NewsdeskError(f"{_source(article)}: {key}: '{slug}' {problem}. Fix the slug "
                                "or remove it.")
        urls.append(found[0])
    return urls


def editor_choices(articles: list) -> tuple[dict, dict]:
    """The editors' pins (`related:`) and exclusions (`related_exclude:`), as article URLs."""
    urls_by_slug: dict[str, list[str]] = {}
    for article in articles:
        urls_by_slug.setdefault(article.slug, []).append(article.url)
    pins, excludes = {}, {}
    for a in articles:
        if not hides_related(a):
            pins[a.url] = _resolve(a, _slug_list(a, "related"), urls_by_slug, "related")
        excludes[a.url] = set(_resolve(a, _slug_list(a, "related_exclude"), urls_by_slug,
                                       "related_exclude"))
    return pins, excludes


def _related_for_language(articles: list, config: dict) -> None:
    by_url = {a.url: a for a in articles}
    pins, excludes = editor_choices(articles)
    lists = related.related_lists([article_doc(a) for a in articles], config, pins, excludes)
    for article, scored in zip(articles, lists):
        article.related_articles = ([] if hides_related(article)
                                    else [by_url[s.slug] for s in scored])


def attach_related(generator) -> None:
    """Give every published article its related list; candidates share its language."""
    config = generator.settings["RELATED_ARTICLES"]
    # Only published articles are candidates: Pelican keeps drafts, hidden and future-dated
    # (scheduled) articles out of generator.articles and generator.translations.
    candidates = generator.articles + generator.translations
    for lang in sorted({a.lang for a in candidates}):
        _related_for_language([a for a in candidates if a.lang == lang], config)


def on_article_generator_finalized(generator) -> None:
    """Attach related list, CTA, exit flag and JSON-LD to every article, draft and translation."""
    conf = generator.settings
    everything = (generator.articles + generator.translations + generator.drafts
                  + generator.drafts_translations + generator.hidden_articles
                  + generator.hidden_translations)
    for article in everything:
        _check_reserved(article)
        article.related_articles = []
    attach_related(generator)
    for article in everything:
        _decorate(article, conf)


def _is_scheduled(article) -> bool:
    # Pelican turns future-dated articles into drafts (WITH_FUTURE_DATES = False); an
    # editor's own drafts say so in their metadata.
    return str(article.metadata.get("status", "")).lower() != "draft"


def on_all_generators_finalized(generators) -> None:
    """Count what this build holds, for the summary printed once it is written."""
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


def on_generators_ready(generators) -> None:
    """Keep the generators so `finalized` can list every published URL for the sitemap."""
    generators[0].settings["NEWSDESK_GENERATORS"] = list(generators)


def _lastmod(item) -> str | None:
    stamp = getattr(item, "modified", None) or getattr(item, "date", None)
    return stamp.isoformat() if stamp else None


def _newest(articles) -> str | None:
    return max((_lastmod(a) for a in articles if _lastmod(a)), default=None)


def sitemap_entries(conf: dict, generators: list) -> list[tuple[str, str | None]]:
    """Published articles, pages, list pages and archives as (absolute URL, lastmod)."""
    arts = next(g for g in generators if hasattr(g, "drafts"))
    pages = next(g for g in generators if hasattr(g, "draft_pages"))
    published = arts.articles + arts.translations
    site = conf["SITEURL"]
    newest = _newest(published)
    # Only direct templates a reader would search for: never 404 or the search page.
    entries = [(nd_sitemap.absolute(site, conf.get(f"{name.upper()}_URL", "")), newest)
               for name in ("index", "archives", "categories", "tags", "authors")
               if name in conf["DIRECT_TEMPLATES"]]
    entries += [(nd_sitemap.absolute(site, a.url), _lastmod(a)) for a in published]
    entries += [(nd_sitemap.absolute(site, p.url), _lastmod(p))
                for p in pages.pages + pages.translations]
    for groups in (arts.categories, arts.tags, arts.authors):
        # Pelican keeps tags as a dict but categories and authors as lists of pairs.
        pairs = groups.items() if isinstance(groups, dict) else groups
        entries += [(nd_sitemap.absolute(site, key.url), _newest(items)) for key, items in pairs]
    return entries


def _write(folder: str, name: str, text: str) -> None:
    with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
        handle.write(text)


def write_site_files(pelican) -> None:
    """Write sitemap.xml, robots.txt and the host header files (_headers, nginx-headers.conf)."""
    conf = pelican.settings
    out = pelican.output_path
    generators = conf.pop("NEWSDESK_GENERATORS", None)
    if generators:
        entries = sitemap_entries(conf, generators)
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


# Builds of more articles than this show a progress bar while reading; smaller ones are quick.
PROGRESS_OVER = 500


def on_article_preread(generator) -> None:
    """Before the first article is read, count the files and start a bar if there are many."""
    if hasattr(generator, "_newsdesk_progress"):
        return
    generator._newsdesk_progress = None
    total = len(generator.get_files(generator.settings["ARTICLE_PATHS"],
                                    exclude=generator.settings["ARTICLE_EXCLUDES"]))
    if total > PROGRESS_OVER:
        from rich.progress import Progress

        # No refresh thread: a build that fails mid-read leaves nothing running.
        bar = Progress(console=console, transient=True, auto_refresh=False)
        bar.start()
        generator._newsdesk_progress = (bar, bar.add_task("Reading articles", total=total),
                                        max(total // 100, 1))


def on_article_context(generator, metadata=None) -> None:
    """One more article read: advance the bar, redrawing it every 1%."""
    progress = getattr(generator, "_newsdesk_progress", None)
    if progress:
        bar, task_id, step = progress
        bar.advance(task_id)
        if bar.tasks[0].completed % step == 0:
            bar.refresh()


def on_article_pretaxonomy(generator) -> None:
    """All articles are read: remove the bar."""
    progress = getattr(generator, "_newsdesk_progress", None)
    if progress:
        progress[0].stop()
        generator._newsdesk_progress = False


class FrontMatterMarkdownReader(MarkdownReader):
    """Markdown with Pelican's `Key: value` header, or a YAML `---` block as Jekyll/Hugo write."""

    def read(self, source_path):
        """Read YAML front matter when present; otherwise defer to Pelican's Markdown reader."""
        with pelican_open(source_path) as text:
            if not frontmatter.has_yaml_front_matter(text):
                return super().read(source_path)
            parsed = frontmatter.parse(text, os.path.relpath(source_path))
        for warning in parsed.warnings:
            logger.warning(warning)
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        # The body has no `Key: value` header; a first line like "Note: ..." is text.
        self._md.preprocessors.deregister("meta")
        content = self._md.convert(parsed.body)
        # A fresh instance renders formatted fields (the summary); _parse_metadata expects one.
        self._md = Markdown(**self.settings["MARKDOWN"])
        return content, self._parse_metadata({k: [v] for k, v in parsed.meta.items()})


def on_readers_init(readers) -> None:
    """Read .md files with the front-matter-aware reader."""
    for ext in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[ext] = FrontMatterMarkdownReader


def register() -> None:
    """Connect Newsdesk's handlers to Pelican's signals."""
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.article_generator_preread.connect(on_article_preread)
    signals.article_generator_context.connect(on_article_context)
    signals.article_generator_pretaxonomy.connect(on_article_pretaxonomy)
    signals.article_generator_finalized.connect(on_article_generator_finalized)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.all_generators_finalized.connect(on_generators_ready)
    signals.finalized.connect(write_site_files)
    signals.finalized.connect(on_finalized)

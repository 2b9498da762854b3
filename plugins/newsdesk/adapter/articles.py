"""Adapt articles: attach the CTA, exit flag, JSON-LD and related list to each one."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import autolink, cta, jsonld
from . import legal
from ..contact import Contact, Team
from ..errors import NewsdeskError
from .common import source
from .images import ATTRIBUTES as IMAGE_ATTRIBUTES, attach_to_articles
from .parallel import compile_theme
from .related_lists import PendingRelated, read_facts, relate_alone


# Attribute names we attach; an author's metadata may not use them.
ATTRIBUTES = ("related_articles", "related_cards", "call_to_action", "exit_this_page",
              "jsonld", "word_count", "byline", "legal_review") + IMAGE_ATTRIBUTES


@dataclass(frozen=True)
class CallToAction:
    """What the theme renders for an article's CTA block."""

    key: str
    heading: str
    html: Markup
    team: Team


def _check_reserved(article) -> None:
    taken = [name for name in ATTRIBUTES if name in article.metadata]
    if taken:
        raise NewsdeskError(f"{source(article)}: metadata key(s) {', '.join(taken)} are set by "
                            "Newsdesk itself; rename or remove them.")


def cta_blocks(ctas: dict, contact: Contact) -> dict[str, CallToAction]:
    """Render each CTA once (Markdown, then click-to-call links); articles share the result."""
    return {key: CallToAction(key=key, heading=c.heading, team=contact.teams[c.team],
                              html=Markup(autolink.link_phones(cta.render_markdown(
                                  c.body_markdown))))
            for key, c in ctas.items()}


def _call_to_action(article, conf: dict) -> CallToAction | None:
    tags = [t.name for t in getattr(article, "tags", [])]
    wanted = article.metadata.get("cta")
    # The file is only named when an article asks for a CTA that does not exist; working out
    # its relative path for every article would cost more than choosing the CTA.
    key = cta.choose_cta(wanted, article.category.name, tags, conf["NEWSDESK_CTAS"],
                         source(article) if wanted else "")
    return None if key is None else conf["NEWSDESK_CTA_BLOCKS"][key]


def _is_sensitive(article, conf: dict) -> bool:
    exit_conf = conf["EXIT_THIS_PAGE"]
    flagged = str(article.metadata.get("sensitive", "")).strip().lower() in ("true", "yes", "1")
    return bool(exit_conf["enabled"]) and (
        flagged or article.category.name in exit_conf["categories"])


def _person_node(entry, site: str) -> dict:
    """A byline entry as JSON-LD: a Person from the authors file, else the team (Organization)."""
    url = f"{site}/{entry.url}"
    if entry.person is None:
        return {"@type": "Organization", "name": entry.name, "url": url}
    return jsonld.person(entry.name, url=url, job_title=entry.person.role,
                         sra_id=entry.person.sra_id)


def _article_jsonld(article, conf: dict, path: str, summary: str) -> str:
    site = conf["SITEURL"]
    url = f"{site}/{path}"
    modified = getattr(article, "modified", None) or article.date
    authors = [_person_node(e, site) for e in article.byline]
    review = article.legal_review
    return jsonld.dumps(jsonld.blog_posting(
        headline=article.title, url=url,  # blog_posting strips tags and entities
        date_published=article.date, date_modified=modified,
        author_name=conf["AUTHOR"], author=(authors[0] if len(authors) == 1 else authors),
        reviewed_by=_person_node(review.reviewer, site) if review.reviewer else None,
        last_reviewed=review.reviewed_iso or None, description=summary,
        publisher_id=f"{site}/#organization", site_url=site,
        section=article.category.name, keywords=[t.name for t in getattr(article, "tags", [])],
        image=_jsonld_image(article.share_image)))


def _jsonld_image(share) -> dict | None:
    return None if share is None else {"url": share.url, "width": share.width,
                                       "height": share.height}


def _decorate(article, conf: dict, url: str, summary: str, body: str) -> None:
    # The theme's reading time; counted here from the text the scoring reads anyway
    # (code blocks left out), not by a template filter stripping tags on every page.
    article.word_count = len(body.split())
    article.call_to_action = _call_to_action(article, conf)
    article.exit_this_page = _is_sensitive(article, conf)
    article.jsonld = _article_jsonld(article, conf, url, summary)
    # Phone numbers written in the body become click-to-call links.
    article._content = autolink.link_phones(article._content)
    after = conf["CTA"]["inline_after_paragraph"]
    if after and article.call_to_action:
        block = (f'<aside class="cta cta-inline" data-cta-inline="{article.call_to_action.key}" '
                 f'data-pagefind-ignore>{article.call_to_action.html}</aside>')
        article._content = cta.insert_after_paragraph(article._content, after, block)


def _finish(article, conf: dict, fact: tuple) -> None:
    """The review, CTA, JSON-LD and phone links (after the images; the JSON-LD needs them)."""
    legal.attach(article, conf)
    _decorate(article, conf, *fact)


def on_article_generator_finalized(generator) -> None:
    """Attach related list, CTA, exit flag and JSON-LD to every article, draft and translation."""
    conf = generator.settings
    everything = (generator.articles + generator.translations + generator.drafts
                  + generator.drafts_translations + generator.hidden_articles
                  + generator.hidden_translations)
    for article in everything:
        _check_reserved(article)
        article.related_articles = []
        article.related_cards = []
    attach_to_articles(conf, everything)
    facts = read_facts(everything)
    # The related lists are scored (in a child, with two or more workers) while the rest is
    # attached here: nothing below reads them.
    related = PendingRelated(generator, facts)
    try:
        for article in everything:
            _finish(article, conf, facts[id(article)])
    except BaseException:
        related.scores.stop()
        raise
    if related.scores.elsewhere:
        compile_theme(generator)  # instead of waiting idle; the writing processes share them
    related.attach()
    legal.add_profiles(generator)
    # For the sitemap at `finalized` (set after the content cache is saved, so not pickled).
    conf["NEWSDESK_ARTICLE_URLS"] = {key: fact[0] for key, fact in facts.items()}


def decorate_alone(generator, article) -> None:
    """What on_article_generator_finalized gives one article, for one re-read published
    article against the rest of the generator's last build (the preview's quick page)."""
    conf = generator.settings
    _check_reserved(article)
    attach_to_articles(conf, [article])
    facts = read_facts([article])
    relate_alone(generator, article, facts)
    _finish(article, conf, facts[id(article)])

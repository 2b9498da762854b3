"""Adapt the legal-review feature: bylines, reviews and review state on articles, profiles
for the author pages, and the "not legal advice" notice. The rules live in ../legal/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican.urlwrappers import Author as PelicanAuthor

from .. import cta
from ..check_meta import Source, read_source
from ..errors import NewsdeskError
from ..legal.authors import Author, Directory, byline_problems, load_authors, read_data_file
from ..legal.review import ReviewDateError, interval_for, parse_review_date, review_state
from ..settings import content_file
from .common import source

# The notice's link to the contact page is written {contact} by editors.
CONTACT_PLACEHOLDER = "{contact}"


@dataclass(frozen=True)
class BylineEntry:
    """One name in a byline: its author page, and the person (None for a team byline)."""

    name: str
    url: str
    person: Author | None


@dataclass(frozen=True)
class LegalReview:
    """An article's review, as the theme shows it (dates as ISO and as display text)."""

    reviewer: BylineEntry | None
    reviewed_iso: str  # "" when never reviewed
    reviewed_text: str
    last_checked_iso: str  # the review date, else the publication date
    last_checked_text: str
    due_iso: str
    overdue: bool


@dataclass(frozen=True)
class AuthorProfile:
    """What an author page shows beyond its article list."""

    person: Author | None
    reviewed: list  # articles this person reviewed, newest first


def load(conf: dict) -> None:
    """At start: read the authors file and the notice, and fix "today" for this build."""
    legal = conf["LEGAL_REVIEW"]
    path = content_file(conf, legal["authors_path"])
    conf["NEWSDESK_AUTHORS"] = load_authors(path, conf["PATH"], conf.get("PRACTICE_AREAS") or ())
    conf["NEWSDESK_NOT_ADVICE"] = not_advice_html(conf)
    conf["NEWSDESK_TODAY"] = dt.datetime.now(ZoneInfo(conf.get("TIMEZONE") or "UTC")).date()


def not_advice_html(conf: dict) -> Markup:
    """The editors' notice (Markdown) as HTML, its {contact} link pointing at the contact page."""
    path = content_file(conf, conf["LEGAL_REVIEW"]["notice_path"])
    text, shown = read_data_file(path, "not-advice notice", "notice_path")
    if CONTACT_PLACEHOLDER not in text:
        raise NewsdeskError(f"{shown}: the notice must link to the contact page: write "
                            "[contact us]({contact}) in it.")
    contact_url = f"{conf['SITEURL']}/{conf['NEWSDESK_CONTACT'].callback_page}/"
    return Markup(cta.render_markdown(text.replace(CONTACT_PLACEHOLDER, contact_url)))


def _fail(article, key: str, message: str, conf: dict) -> None:
    path = source(article)
    with open(article.source_path, encoding="utf-8", errors="replace") as handle:
        doc = read_source(Source(path, handle.read()), conf)
    # An editor may write Author: for one name.
    line = doc.line(key) if key in doc.lines or key != "authors" else doc.line("author")
    raise NewsdeskError(f"{path}:{line}: {message}")


def _entry(name: str, directory: Directory, conf: dict) -> BylineEntry:
    return BylineEntry(name=name, url=PelicanAuthor(name, conf).url,
                       person=directory.person(name))


def _date_text(day: dt.date, conf: dict) -> str:
    return day.strftime(conf.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d")


def attach(article, conf: dict) -> None:
    """Check the article's authors and review, then attach `byline` and `legal_review`."""
    directory: Directory = conf["NEWSDESK_AUTHORS"]
    legal = conf["LEGAL_REVIEW"]
    names = [a.name for a in getattr(article, "authors", None) or []]
    reviewer = str(article.metadata.get("reviewed_by") or "").strip()
    raw = article.metadata.get("reviewed")
    problems = byline_problems(names, reviewer, raw, directory, also_allowed=[conf["AUTHOR"]],
                               allow_unknown=legal["unknown_authors"] == "allow")
    if problems:
        _fail(article, *problems[0], conf)
    try:
        reviewed = parse_review_date(raw)
        months = interval_for(article.category.name, legal["interval_months"],
                              legal["by_category"])
        state = review_state(article.date.date(), reviewed, conf["NEWSDESK_TODAY"], months)
    except ReviewDateError as exc:
        _fail(article, "reviewed", str(exc), conf)
    article.byline = [_entry(n, directory, conf) for n in names]
    article.legal_review = LegalReview(
        reviewer=_entry(reviewer, directory, conf) if reviewer else None,
        reviewed_iso=reviewed.isoformat() if reviewed else "",
        reviewed_text=_date_text(reviewed, conf) if reviewed else "",
        last_checked_iso=state.last_checked.isoformat(),
        last_checked_text=_date_text(state.last_checked, conf),
        due_iso=state.due.isoformat(), overdue=state.overdue)


def add_profiles(generator) -> None:
    """Give every person in the authors file an author page, with the articles they reviewed."""
    conf = generator.settings
    directory: Directory = conf["NEWSDESK_AUTHORS"]
    # Pelican only makes pages for names in bylines; reviewers and new people need one too.
    # generator.authors is the same list the template context holds, so extend it in place.
    named = {author.name for author, _articles in generator.authors}
    generator.authors.extend((PelicanAuthor(name, conf), []) for name in directory.people
                             if name not in named)
    generator.authors.sort()
    reviewed: dict[str, list] = {}
    for article in generator.articles + generator.translations:
        if article.legal_review.reviewer:
            reviewed.setdefault(article.legal_review.reviewer.name, []).append(article)
    generator.context["NEWSDESK_AUTHOR_PROFILES"] = {
        author.name: AuthorProfile(person=directory.person(author.name),
                                   reviewed=sorted(reviewed.get(author.name, []),
                                                   key=lambda a: a.date, reverse=True))
        for author, _articles in generator.authors}

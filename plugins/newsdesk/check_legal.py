"""The content check, legal part: authors and reviewers named in the authors file, review
dates that are dates, and a warning (never an error) for each article overdue for review.

Pure module. The rules themselves live in legal/ and are the ones the build applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .check_meta import ERROR, WARNING, Doc, Finding
from .legal.authors import Directory, byline_problems
from .legal.queue import QueueItem
from .legal.review import ReviewDateError, interval_for, parse_review_date, review_state


@dataclass(frozen=True)
class Legal:
    """What the legal check needs: the authors file, LEGAL_REVIEW, the site's AUTHOR, today."""

    directory: Directory
    conf: dict
    site_author: str
    today: dt.date


def byline_names(meta: dict, site_author: str) -> list[str]:
    """The names in an article's Authors: (or Author:) line, split as Pelican splits them."""
    from pelican.readers import ensure_metadata_list  # a plain function, not content

    raw = meta.get("authors") or meta.get("author")
    return ensure_metadata_list(str(raw)) if raw else [site_author]


def _line(doc: Doc, key: str) -> int:
    if key == "authors" and "authors" not in doc.lines:
        return doc.line("author")
    return doc.line(key)


def review_item(doc: Doc, legal: Legal) -> QueueItem:
    """The article's place in the review queue (raises ReviewDateError for a bad date)."""
    category = str(doc.meta.get("category", "")).strip()
    months = interval_for(category, legal.conf["interval_months"], legal.conf["by_category"])
    state = review_state(doc.date.date(), parse_review_date(doc.meta.get("reviewed")),
                         legal.today, months)
    return QueueItem(path=doc.source.path, title=str(doc.meta.get("title", "")).strip(),
                     category=category, reviewer=str(doc.meta.get("reviewed_by") or "").strip(),
                     state=state)


def legal_findings(doc: Doc, legal: Legal) -> list[Finding]:
    """Unknown authors or reviewers and bad review dates (errors); overdue reviews (warnings)."""
    path, meta = doc.source.path, doc.meta
    problems = byline_problems(byline_names(meta, legal.site_author),
                               str(meta.get("reviewed_by") or ""), meta.get("reviewed"),
                               legal.directory, also_allowed=[legal.site_author],
                               allow_unknown=legal.conf["unknown_authors"] == "allow")
    found = [Finding(path, _line(doc, key), ERROR, msg) for key, msg in problems]
    if doc.date is None:
        return found
    try:
        item = review_item(doc, legal)
    except ReviewDateError as exc:
        return found + [Finding(path, doc.line("reviewed"), ERROR, str(exc))]
    published = not doc.draft and doc.date.date() <= legal.today
    if item.state.overdue and published:
        last = (f"last reviewed {item.state.last_checked.isoformat()}" if item.state.reviewed
                else f"never reviewed, published {item.state.last_checked.isoformat()}")
        found.append(Finding(path, doc.line("reviewed" if item.state.reviewed else "date"),
                             WARNING, f"overdue for review since {item.state.due.isoformat()} "
                             f"({last}): ask a solicitor to review it, then set Reviewed_by: "
                             "and Reviewed:"))
    return found

"""The editors' review queue: articles overdue for review or falling due soon, oldest first.

Pure module; tools/review_due.py reads the content and prints or writes what this returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .review import ReviewState


@dataclass(frozen=True)
class QueueItem:
    """One article in the queue."""

    path: str
    title: str
    category: str
    reviewer: str  # "" when never reviewed
    state: ReviewState


def review_queue(items: list[QueueItem], today: dt.date, within_days: int = 0) -> list[QueueItem]:
    """Items overdue on `today` or due within `within_days`, oldest check first."""
    horizon = today + dt.timedelta(days=within_days)
    due = [i for i in items if i.state.due <= horizon]
    return sorted(due, key=lambda i: (i.state.last_checked, i.path))


def as_rows(items: list[QueueItem], today: dt.date) -> list[dict]:
    """The queue as plain dicts (what --json writes)."""
    return [{"path": i.path, "title": i.title, "practice_area": i.category,
             "last_reviewed": i.state.last_checked.isoformat() if i.state.reviewed else None,
             "published_or_reviewed": i.state.last_checked.isoformat(),
             "reviewer": i.reviewer or None, "due": i.state.due.isoformat(),
             "overdue": i.state.overdue, "days_until_due": i.state.days_until_due(today)}
            for i in items]


def _when(item: QueueItem, today: dt.date) -> str:
    days = item.state.days_until_due(today)
    return f"overdue {-days} days" if days < 0 else "due today" if days == 0 else f"due in {days} days"


def format_queue(items: list[QueueItem], today: dt.date, within_days: int) -> str:
    """The queue as lines an editor reads in a terminal, with a one-line tally."""
    lines = []
    for item in items:
        last = (f"reviewed {item.state.last_checked.isoformat()} by {item.reviewer}"
                if item.state.reviewed else
                f"never reviewed (published {item.state.last_checked.isoformat()})")
        lines.append(f"{item.path}: {item.title}\n    {item.category} · {last} · due "
                     f"{item.state.due.isoformat()} ({_when(item, today)})")
    overdue = sum(1 for i in items if i.state.overdue)
    what = (f"{len(items)} articles overdue or due within {within_days} days ({overdue} overdue)"
            if within_days else f"{overdue} articles overdue")
    lines.append(f"Review queue: {what} on {today.isoformat()}")
    return "\n".join(lines)

"""The review rules: when an article was last checked, when its next review is due, and
whether it is overdue. Plain functions over dates; "today" is always passed in.

An article is last checked on its `Reviewed:` date, or on its publication date when it has
never been reviewed. It is due `interval` calendar months later (the interval of its
practice area, else the default); a month end is kept (reviewed 29 February 2024, due
28 February 2025). It is overdue from the day after its due date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from ..errors import NewsdeskError

_WITHIN = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.I)


class ReviewDateError(ValueError):
    """A `Reviewed:` value that is not a date, or a date after today."""


@dataclass(frozen=True)
class ReviewState:
    """An article's review position on a given day."""

    last_checked: dt.date
    reviewed: bool  # True: last_checked is a review; False: it is the publication date
    interval_months: int
    due: dt.date
    overdue: bool

    def days_until_due(self, today: dt.date) -> int:
        """Days from `today` to the due date (negative once overdue)."""
        return (self.due - today).days


def parse_review_date(raw: object) -> dt.date | None:
    """The `Reviewed:` value as a date (YYYY-MM-DD, a time after it is ignored); None if empty."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.split()[0].split("T")[0])
    except ValueError:
        raise ReviewDateError(f"reviewed date {text!r} is not a date; write it as YYYY-MM-DD "
                              "(e.g. 2025-03-14)") from None


def interval_for(category: str, interval_months: int, by_category: dict) -> int:
    """The review interval in months for an article of practice area `category`."""
    return int(by_category.get(category, interval_months))


def due_date(last_checked: dt.date, months: int) -> dt.date:
    """`months` calendar months after `last_checked`, kept inside the month (29 Feb -> 28 Feb)."""
    return last_checked + relativedelta(months=months)


def review_state(published: dt.date, reviewed: dt.date | None, today: dt.date,
                 months: int) -> ReviewState:
    """Where an article stands on `today`; a review dated after today is an error."""
    if reviewed is not None and reviewed > today:
        raise ReviewDateError(f"reviewed date {reviewed.isoformat()} is after today "
                              f"({today.isoformat()}); write the day the review was done")
    last = reviewed if reviewed is not None else published
    due = due_date(last, months)
    return ReviewState(last_checked=last, reviewed=reviewed is not None, interval_months=months,
                       due=due, overdue=today > due)


def parse_within(text: object) -> int:
    """`--within` as days: "30", "30d" or "4w"."""
    match = _WITHIN.match(str(text))
    if not match:
        raise ValueError(f"--within {text!r}: write a number of days or weeks, e.g. 30d or 4w")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * 7 if unit == "w" else number


def check_setting(conf: dict) -> None:
    """Check LEGAL_REVIEW's intervals (types are checked by settings.merge)."""
    def bad(value: object) -> bool:
        return isinstance(value, bool) or not isinstance(value, int) or value < 1

    if bad(conf["interval_months"]):
        raise NewsdeskError(f"setting LEGAL_REVIEW['interval_months']: {conf['interval_months']!r}"
                            " must be a whole number of months, 1 or more. Fix it in "
                            "pelicanconf.py.")
    for area, months in conf["by_category"].items():
        if not isinstance(area, str) or bad(months):
            raise NewsdeskError(f"setting LEGAL_REVIEW['by_category'][{area!r}]: {months!r} must "
                                "be a whole number of months, 1 or more. Fix it in "
                                "pelicanconf.py.")

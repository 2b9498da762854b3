"""The review rules: last checked, due date, overdue; per-area intervals, leap days, the future."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.legal import review as R
from newsdesk.legal.queue import QueueItem, as_rows, format_queue, review_queue
from newsdesk.settings import resolve

D = dt.date


@pytest.mark.parametrize("published, reviewed, today, months, last, due, overdue", [
    # Never reviewed: the publication date counts.
    (D(2020, 1, 10), None, D(2021, 1, 10), 12, D(2020, 1, 10), D(2021, 1, 10), False),
    (D(2020, 1, 10), None, D(2021, 1, 11), 12, D(2020, 1, 10), D(2021, 1, 10), True),
    # Reviewed: the review date counts, even for an old article.
    (D(2015, 5, 1), D(2024, 6, 30), D(2025, 6, 30), 12, D(2024, 6, 30), D(2025, 6, 30), False),
    (D(2015, 5, 1), D(2024, 6, 30), D(2025, 7, 1), 12, D(2024, 6, 30), D(2025, 6, 30), True),
    # A shorter interval for one practice area.
    (D(2024, 1, 1), D(2024, 3, 15), D(2024, 9, 16), 6, D(2024, 3, 15), D(2024, 9, 15), True),
    (D(2024, 1, 1), D(2024, 3, 15), D(2024, 9, 15), 6, D(2024, 3, 15), D(2024, 9, 15), False),
    # Leap days: 29 February plus a year is the last day of February.
    (D(2023, 1, 1), D(2024, 2, 29), D(2025, 2, 28), 12, D(2024, 2, 29), D(2025, 2, 28), False),
    (D(2023, 1, 1), D(2024, 2, 29), D(2025, 3, 1), 12, D(2024, 2, 29), D(2025, 2, 28), True),
    (D(2023, 1, 1), D(2024, 2, 29), D(2028, 3, 1), 48, D(2024, 2, 29), D(2028, 2, 29), True),
    # Month ends: 31 August plus 6 months is 28 February.
    (D(2023, 8, 31), None, D(2024, 2, 29), 6, D(2023, 8, 31), D(2024, 2, 29), False),
    # Reviewed today: fresh.
    (D(2019, 1, 1), D(2026, 12, 2), D(2026, 12, 2), 12, D(2026, 12, 2), D(2027, 12, 2), False),
])
def test_review_state(published, reviewed, today, months, last, due, overdue):
    state = R.review_state(published, reviewed, today, months)
    assert (state.last_checked, state.due, state.overdue) == (last, due, overdue)
    assert state.reviewed is (reviewed is not None)


def test_a_review_dated_after_today_is_an_error():
    with pytest.raises(R.ReviewDateError, match=r"2027-01-05 is after today \(2026-12-02\)"):
        R.review_state(D(2026, 1, 1), D(2027, 1, 5), D(2026, 12, 2), 12)


def test_a_future_publication_date_is_simply_not_due():
    # A scheduled article, never reviewed: due a year after it is published.
    state = R.review_state(D(2027, 3, 1), None, D(2026, 12, 2), 12)
    assert (state.due, state.overdue, state.days_until_due(D(2026, 12, 2))) == \
        (D(2028, 3, 1), False, 455)


@pytest.mark.parametrize("category, months", [
    ("Personal Injury", 6), ("Child Abuse Claims", 12), ("", 12)])
def test_interval_for_a_practice_area(category, months):
    assert R.interval_for(category, 12, {"Personal Injury": 6}) == months


@pytest.mark.parametrize("raw, expected", [
    ("2025-03-14", D(2025, 3, 14)), ("2025-03-14 10:30", D(2025, 3, 14)),
    ("2025-03-14T10:30:00+00:00", D(2025, 3, 14)), (D(2025, 3, 14), D(2025, 3, 14)),
    (dt.datetime(2025, 3, 14, 9), D(2025, 3, 14)), ("", None), (None, None)])
def test_parse_review_date(raw, expected):
    assert R.parse_review_date(raw) == expected


@pytest.mark.parametrize("raw", ["14/03/2025", "March 2025", "2025-02-30"])
def test_parse_review_date_rejects_what_is_not_an_iso_date(raw):
    with pytest.raises(R.ReviewDateError, match="write it as YYYY-MM-DD"):
        R.parse_review_date(raw)


@pytest.mark.parametrize("text, days", [("30", 30), ("30d", 30), ("4w", 28), ("0", 0)])
def test_parse_within(text, days):
    assert R.parse_within(text) == days


@pytest.mark.parametrize("text", ["30x", "-3", "a month", "3m"])
def test_parse_within_rejects_other_units(text):
    with pytest.raises(ValueError, match="--within"):
        R.parse_within(text)


@pytest.mark.parametrize("given, message", [
    ({"interval_months": 0}, r"LEGAL_REVIEW\['interval_months'\]: 0 must be"),
    ({"interval_months": True}, r"LEGAL_REVIEW\['interval_months'\]"),
    ({"by_category": {"Personal Injury": -1}}, r"LEGAL_REVIEW\['by_category'\]"),
    ({"intervals": 6}, r"LEGAL_REVIEW: unknown key\(s\) intervals"),
    ({"unknown_authors": "warn"}, r"LEGAL_REVIEW\['unknown_authors'\]: 'warn'"),
])
def test_bad_settings_name_the_setting(given, message):
    with pytest.raises(NewsdeskError, match=message):
        resolve({"PATH": "content", "LEGAL_REVIEW": given})


def _item(path, last, reviewed=True, months=12, today=D(2026, 12, 2)):
    state = R.review_state(D(2018, 1, 1) if reviewed else last, last if reviewed else None,
                           today, months)
    return QueueItem(path=path, title=path.upper(), category="Personal Injury",
                     reviewer="Sarah Whitcombe" if reviewed else "", state=state)


def test_queue_lists_overdue_and_soon_due_oldest_first():
    today = D(2026, 12, 2)
    items = [_item("fresh", D(2026, 6, 1)), _item("soon", D(2025, 12, 20)),
             _item("old", D(2023, 5, 1)), _item("older", D(2019, 2, 1), reviewed=False)]
    assert [i.path for i in review_queue(items, today)] == ["older", "old"]
    assert [i.path for i in review_queue(items, today, 30)] == ["older", "old", "soon"]
    rows = as_rows(review_queue(items, today, 30), today)
    assert rows[0] == {"path": "older", "title": "OLDER", "practice_area": "Personal Injury",
                       "last_reviewed": None, "published_or_reviewed": "2019-02-01",
                       "reviewer": None, "due": "2020-02-01", "overdue": True,
                       "days_until_due": -2496}
    assert rows[2]["due"] == "2026-12-20" and rows[2]["overdue"] is False
    text = format_queue(review_queue(items, today, 30), today, 30)
    assert "never reviewed (published 2019-02-01)" in text
    assert "reviewed 2025-12-20 by Sarah Whitcombe" in text and "due in 18 days" in text
    assert text.endswith("Review queue: 3 articles overdue or due within 30 days (2 overdue) "
                         "on 2026-12-02")

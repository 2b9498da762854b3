"""`invoke review-due`: the articles overdue for a solicitor's review or falling due soon.

The rules live in plugins/newsdesk/legal/ (the build's own); this runner reads the articles
as `invoke check` does and prints (or writes as JSON) the queue, oldest check first.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys

from tools.build import ROOT
from tools.check import collect, legal_context, load_settings

from newsdesk.check import read_source
from newsdesk.check_legal import review_item
from newsdesk.errors import NewsdeskError
from newsdesk.legal.queue import as_rows, format_queue, review_queue
from newsdesk.legal.review import ReviewDateError, parse_within


def queue(settings: dict, within_days: int, now=None) -> tuple[list, list[str], object]:
    """(queue items, problems found on the way, today) for the published articles."""
    legal = legal_context(settings, now)
    items, problems = [], []
    for source in collect(settings):
        if source.kind != "article":
            continue
        doc = read_source(source, settings)
        if doc.date is None or doc.draft or doc.date.date() > legal.today:
            continue  # undated (the check reports it), draft or scheduled: not yet live
        # Paths an editor can open from the project folder, as `invoke check` prints them.
        shown = os.path.relpath(os.path.join(settings["PATH"], source.path), ROOT)
        try:
            items.append(dataclasses.replace(review_item(doc, legal), path=shown))
        except ReviewDateError as exc:
            problems.append(f"{shown}:{doc.line('reviewed')}: {exc}")
    return review_queue(items, legal.today, within_days), problems, legal.today


def main(within: str = "0", json_file: str | None = None, settings_file: str = "publishconf.py",
         content: str | None = None, out=None) -> int:
    """Print the queue (and write it to `json_file`); 1 when a review date cannot be read."""
    out = out or sys.stdout
    try:
        days = parse_within(within)
        settings = load_settings(settings_file, content)
        items, problems, today = queue(settings, days)
    except (ValueError, NewsdeskError) as exc:
        print(f"invoke review-due: {exc}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(format_queue(items, today, days), file=out)
    if json_file:
        with open(json_file, "w", encoding="utf-8") as handle:
            json.dump({"today": today.isoformat(), "within_days": days,
                       "articles": as_rows(items, today)}, handle, indent=2)
            handle.write("\n")
    return 1 if problems else 0

"""`invoke bench --preview N,...`: save-to-page times of the long-lived preview, and its check.

For each size: N synthetic articles (tools/synth.py) are opened in a preview session (as
`make serve` does, share cards off as in the build benchmark); then EDITS edits cycle
through a body edit, a title edit and a tag change, each on its own article. Each is timed
from the moment the file is saved: the watcher's poll that finds it, then the update, until
the edited page is written (first) and until every dependant is written (all). At sizes up
to CHECK_MAX the script of edits of the site test (tools/preview_script.py) is then run and
each step's output compared with a fresh full build.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time

from tools import build as site_build
from tools import preview, preview_script, synth
from tools.build import ROOT

EDITS = 12
CHECK_MAX = 1000
SETTINGS = os.path.join(ROOT, "pelicanconf.py")
OVERRIDES = {"IMAGES": {"share_cards": False}}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _edit(kind: str, path: str, i: int) -> None:
    if kind == "body":
        preview_script.append(path, f"\nAn added paragraph, number {i}, about the claim.\n")
    elif kind == "title":
        preview_script.set_header(path, "Title", f"A retitled guide, edit {i}")
    else:
        preview_script.set_header(path, "Tags", f"compensation, bench tag {i % 3}")


def _timed_edits(session, content: str, edits: int) -> list[dict]:
    """Save, poll, update: seconds to the edited page and to every dependant, per edit."""
    from newsdesk.preview.changes import plan

    roots = preview._roots(session, SETTINGS)
    watcher = preview._Watcher([roots.content, roots.theme])
    names = sorted(os.listdir(content))
    rows = []
    for i in range(edits):
        kind = ("body", "title", "tags")[i % 3]
        _edit(kind, os.path.join(content, names[(i * 37) % len(names)]), i)
        saved = time.perf_counter()
        found = plan(watcher.poll(), roots)
        marks = {}
        update = session.update(sorted(found.content), stop=None,
                                on_first=lambda r: marks.setdefault("first",
                                                                    time.perf_counter()))
        rows.append({"kind": kind, "first": marks["first"] - saved,
                     "all": time.perf_counter() - saved, "written": len(update.changed),
                     "quick": update.quick, "rewritten": len(update.rewritten)})
    return rows


def _check(tmp: str, content: str) -> list[str]:
    """Run the site test's script at this size; the steps whose tree differed, if any."""
    theme = os.path.join(tmp, "theme")
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    over = {**OVERRIDES, "THEME": theme}
    session = preview.open_session(SETTINGS, os.path.join(tmp, "check"), content=content,
                                   overrides=over)
    names, failed = sorted(os.listdir(content)), []
    for step in preview_script.STEPS:
        changed, theme_changed = preview_script.apply(step, content, theme, names)
        if theme_changed:
            session.theme_changed()
        update = session.update(changed)
        session.settle()
        preview.index_search(session)
        fresh = os.path.join(tmp, "fresh")
        shutil.rmtree(fresh, ignore_errors=True)
        site_build.build(SETTINGS, fresh, overrides=over, content=content)
        if update.rewritten or preview_script.differences(session.pelican.output_path, fresh):
            failed.append(step)
    return failed


def run(size: int, seed: int, edits: int = EDITS) -> dict:
    """One size's figures: cold start, then first-page and all-dependants times."""
    with tempfile.TemporaryDirectory(prefix=f"newsdesk-bench-preview-{size}-") as tmp:
        content = os.path.join(tmp, "content")
        synth.generate(content, size, seed)
        session = preview.open_session(SETTINGS, os.path.join(tmp, "out"), content=content,
                                       overrides=OVERRIDES)
        started = time.perf_counter()
        session.update()
        cold = time.perf_counter() - started
        rows = _timed_edits(session, content, edits)
        row = {"articles": size, "edits": edits, "cold": cold, "rows": rows}
        for key in ("first", "all"):
            values = [r[key] for r in rows]
            row[key] = {"median": statistics.median(values), "p95": _p95(values)}
        if size <= CHECK_MAX:
            shutil.rmtree(content)
            synth.generate(content, size, seed)
            row["check_failed"] = _check(tmp, content)
    return row


HEADER = ("| articles | edits | edited page written: median / p95 | every dependant written: "
          "median / p95 | quick pages | cold start | script vs full build |\n"
          "|---:|---:|---:|---:|---:|---:|---|")


def format_row(row: dict) -> str:
    """One Markdown table row."""
    check = row.get("check_failed")
    steps = len(preview_script.STEPS)
    verdict = ("–" if check is None else f"identical, all {steps} steps" if not check
               else "DIFFERS: " + ", ".join(check))
    return (f"| {row['articles']:,} | {row['edits']} | {row['first']['median']:.2f} s / "
            f"{row['first']['p95']:.2f} s | {row['all']['median']:.2f} s / "
            f"{row['all']['p95']:.2f} s | {_quick(row['rows'])} | {row['cold']:.1f} s | "
            f"{verdict} |")


def _quick(rows: list[dict]) -> str:
    """How many edits got the quick page, and how many of those the full pass rewrote."""
    quick = sum(r["quick"] for r in rows)
    rewritten = sum(r["rewritten"] for r in rows)
    return f"{quick}/{len(rows)}" + (f", {rewritten} REWRITTEN" if rewritten else "")

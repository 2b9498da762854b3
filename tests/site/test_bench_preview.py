"""`invoke bench --preview N` runs end to end on a tiny size: timed edits and the script check."""

import json

from tests.site.project import ROOT, invoke
from tools import preview_script


def test_bench_preview_times_edits_and_checks_the_script(tmp_path):
    figures = tmp_path / "preview.json"
    proc = invoke(ROOT, "bench", "--preview", "25", "--json", str(figures))
    assert proc.returncode == 0, proc.stderr
    row = json.loads(figures.read_text())[0]
    assert row["articles"] == 25 and row["edits"] == len(row["rows"]) == 12
    assert [r["kind"] for r in row["rows"][:3]] == ["body", "title", "tags"]
    for edit in row["rows"]:
        assert 0 < edit["first"] <= edit["all"] and edit["written"] >= 1
        # In-place edits: the quick page, never rewritten by the full pass.
        assert edit["quick"] and edit["rewritten"] == 0
    firsts = sorted(r["first"] for r in row["rows"])
    assert row["first"]["median"] == (firsts[5] + firsts[6]) / 2
    assert row["first"]["p95"] == firsts[10]  # nearest rank of 95% over 12 edits
    assert row["check_failed"] == []  # every step identical to a full build
    assert f"identical, all {len(preview_script.STEPS)} steps" in proc.stdout
    assert "\n| 25 | 12 | " in proc.stdout and "| 12/12 |" in proc.stdout

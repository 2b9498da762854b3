"""`invoke bench` runs end to end on a tiny size: real builds, off and on, repeated."""

import json

import pytest

from tests.site.project import ROOT, invoke


def test_bench_reports_repeated_builds_off_and_on(tmp_path):
    figures = tmp_path / "bench.json"
    proc = invoke(ROOT, "bench", "--sizes", "25", "--repeats", "2", "--json", str(figures))
    assert proc.returncode == 0, proc.stderr
    row = json.loads(figures.read_text())[0]
    assert row["articles"] == 25 and row["repeats"] == 2
    for label in ("build_off", "build_on"):
        build = row[label]
        assert len(build["runs"]) == 2
        runs = build["runs"]
        assert (build["min"], build["max"]) == (min(runs), max(runs))
        assert build["seconds"] == pytest.approx((runs[0] + runs[1]) / 2)  # median of two
        assert build["peak_rss_mb"] > 0
    # Each round's ratio is its on build over its off build; the figure is their median.
    off, on = row["build_off"]["runs"], row["build_on"]["runs"]
    assert row["ratios"] == pytest.approx([on[0] / off[0], on[1] / off[1]])
    assert row["ratio"] == pytest.approx((on[0] / off[0] + on[1] / off[1]) / 2)
    assert row["related"]["lists"] == 25
    # Small sizes also time a cached rebuild, cold then warm.
    assert row["rebuild"]["cold"] > 0 and row["rebuild"]["warm"] > 0
    # The printed table has the header and this size's row.
    assert "| articles | build, plugin off |" in proc.stdout
    assert "\n| 25 | " in proc.stdout


def test_bench_refuses_zero_repeats():
    proc = invoke(ROOT, "bench", "--sizes", "25", "--repeats", "0")
    assert proc.returncode == 2
    assert "--repeats must be 1 or more" in proc.stderr

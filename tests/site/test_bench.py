"""`invoke bench` runs end to end on a tiny size: real builds, off and on, repeated."""

import json
import subprocess

import pytest

from tests.site.project import ROOT, invoke


def _bench(tmp_path, size: int, part: str):
    """Run `invoke bench` on `size` articles, two rounds of `part`; its output and JSON row."""
    figures = tmp_path / "bench.json"
    proc = invoke(ROOT, "bench", "--sizes", str(size), "--repeats", "2", "--part", part,
                  "--json", str(figures))
    assert proc.returncode == 0, proc.stderr
    return proc, json.loads(figures.read_text())[0]


def test_bench_reports_repeated_builds_off_and_on(tmp_path):
    proc, row = _bench(tmp_path, 25, "plugin")
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


def test_bench_runs_the_anchor_against_the_full_build(tmp_path):
    # Installs (or reuses, under cache/) the anchor venv: plain Pelican from PyPI.
    proc, row = _bench(tmp_path, 12, "anchor")
    versus = row["versus"]
    anchor, full = versus["anchor"], versus["full"]
    assert len(anchor["runs"]) == len(full["runs"]) == 2
    # Each round's ratio is its full build over its anchor build; the figure is their median.
    assert versus["ratios"] == pytest.approx([f / a for a, f in zip(anchor["runs"], full["runs"])])
    assert versus["ratio"] == pytest.approx(sum(versus["ratios"]) / 2)
    # Pagefind started in the build, once the last page it indexes was written.
    assert versus["pagefind"]["during_build"] == 2
    # Each build's own peak memory, and Pagefind's apart from the build's.
    assert 20 < anchor["peak_rss_mb"] < full["peak_rss_mb"]
    assert versus["pagefind"]["seconds"] > 0 and versus["pagefind"]["peak_rss_mb"] > 0
    parts = versus["parts"]
    assert 0 < parts["pelican"] + parts["search_and_compress"] < full["seconds"]
    assert 0 < parts["compress"] < parts["search_and_compress"]
    assert "| articles | anchor: Pelican 4.12" in proc.stdout and "\n| 12 | " in proc.stdout
    assert "plugin off" not in proc.stdout  # --part anchor only


def test_the_anchor_is_plain_pelican_with_the_two_plugins(tmp_path):
    from tools import bench_anchor, synth

    python = bench_anchor.anchor_python()
    code = ("import importlib.metadata as m; print(*(m.version(name) for name in "
            "('pelican', 'pelican-related-posts', 'typogrify')))")
    assert subprocess.run([python, "-c", code], capture_output=True, text=True,
                          check=True).stdout.split() == ["4.12.0", "1.0.0", "2.1.0"]
    content = tmp_path / "content"
    synth.generate(str(content), 12, 7)
    settings = bench_anchor.write_settings(str(tmp_path), str(content))
    code = ("from pelican.settings import read_settings; from pelican.plugins._utils import "
            f"load_plugins; s = read_settings({settings!r}); "
            "print([p.__name__ for p in load_plugins(s)], s['TYPOGRIFY'])")
    assert subprocess.run([python, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "['pelican.plugins.related_posts'] True"
    figures = bench_anchor.build_anchor(python, settings, str(tmp_path / "out"))
    assert figures["seconds"] > 0
    page = next((tmp_path / "out").glob("bench-00000-*.html")).read_text()
    assert "notmyidea" in page or 'id="banner"' in page  # Pelican's default theme


def test_bench_refuses_a_part_it_does_not_have():
    proc = invoke(ROOT, "bench", "--sizes", "25", "--part", "everything")
    assert proc.returncode == 2
    assert "--part must be one of all, anchor, plugin" in proc.stderr


def test_bench_refuses_zero_repeats():
    proc = invoke(ROOT, "bench", "--sizes", "25", "--repeats", "0")
    assert proc.returncode == 2
    assert "--repeats must be 1 or more" in proc.stderr

"""The benchmark deletes no site between measured builds: each round writes a new folder."""

from __future__ import annotations

import os

from tools import bench, bench_anchor


def test_rounds_write_new_folders_and_nothing_is_deleted_until_the_end(monkeypatch, tmp_path):
    made: list[str] = []
    seen_before: list[list[str]] = []  # which earlier outputs still exist at each build

    def fake_build(out: str) -> dict:
        seen_before.append([p for p in made if os.path.isdir(p)])
        assert not os.path.exists(out), f"{out} was built into twice"
        os.makedirs(out)
        made.append(out)
        return {"seconds": 1.0, "peak_rss_mb": 50.0}

    def fake_full(content: str, out: str) -> dict:
        return {**fake_build(out), "parts": {"pelican": 1.0, "search_and_compress": 0.2, "compress": 0.1},
                "pagefind": {"seconds": 0.5, "peak_rss_mb": 90.0, "during_build": True},
                "workers_peak_rss_mb": 60.0}

    monkeypatch.setattr(bench_anchor, "anchor_python", lambda: "python")
    monkeypatch.setattr(bench_anchor, "build_anchor", lambda python, settings, out: fake_build(out))
    monkeypatch.setattr(bench_anchor, "_full", fake_full)
    monkeypatch.setattr(bench.tempfile, "tempdir", str(tmp_path))

    rows = bench.run([3, 4], seed=1, repeats=3, part="anchor")

    assert [row["articles"] for row in rows] == [3, 4]
    assert len(made) == len(set(made)) == 12  # 2 sizes x 3 rounds x (anchor, full)
    # Every earlier round's site is still there when each later build starts...
    assert seen_before == [made[:i] for i in range(12)]
    # ...and all of them are gone once the benchmark has returned.
    assert not any(os.path.exists(p) for p in made)
    assert os.listdir(tmp_path) == []

"""The image benchmark runs end to end on a tiny set and reports the figures it promises."""

from __future__ import annotations

import os

from tools import bench


def test_image_bench_reports_cold_and_warm(tmp_path):
    row = bench.run_images(str(tmp_path), 3, 2, 7)
    assert row["articles"] == 3 and row["photos"] == 2
    assert row["cold"] > 0 and row["warm"] > 0 and row["without"] > 0
    assert row["warm_ratio"] == row["warm"] / row["without"]
    # The warm build published the cleaned 1600 px variants of both photos.
    sized = os.listdir(tmp_path / "out-images" / "images" / "sized")
    assert sum(name.startswith("photo-") and "-1600." in name and name.endswith(".avif")
               for name in sized) == 2

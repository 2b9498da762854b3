"""Make the planned files: encode what the cache lacks, then put every file in the output."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from .cache import ImageCache, publish
from .plan import SourceJob, Variant
from .process import encode, open_clean, resized


def _ext(variant: Variant) -> str:
    return "jpg" if variant.fmt == "jpeg" else variant.fmt


def _encode_missing(job: SourceJob, cache: ImageCache) -> int:
    """Encode `job`'s variants that are not cached yet, from one decode; return how many."""
    missing = [v for v in job.variants.values() if not cache.has(v.key, _ext(v))]
    if not missing:
        return 0
    img = open_clean(job.path)
    # Widest first, each resized from the one before: far cheaper than from the full source
    # every time, and Lanczos at these ratios looks the same.
    current = img
    for v in sorted(missing, key=lambda v: (-v.width, v.fmt)):
        if current.size != (v.width, v.height):
            current = resized(current if current.width >= v.width else img, v.width, v.height)
        cache.put(v.key, _ext(v), encode(current, v.fmt, v.quality))
    return len(missing)


def make_all(jobs: list[SourceJob], cache: ImageCache, output: str,
             workers: int | None = None) -> int:
    """Encode every missing variant (in threads: Pillow releases the GIL while it works), then
    publish all variants into `output`. Returns how many files were encoded."""
    workers = workers or min(4, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        made = sum(pool.map(lambda job: _encode_missing(job, cache), jobs))
    for job in jobs:
        for v in job.variants.values():
            publish(cache.path_for(v.key, _ext(v)), os.path.join(output, v.out_rel))
    return made

"""`invoke bench`: Newsdesk's full build against the anchor (plain Pelican), build time and
memory with the plugin off and on, and the related step alone."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from tools import bench_anchor, synth
from tools.build import ROOT


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_build(content: str, output: str, plugin: bool = True, cache: str | None = None) -> dict:
    """Build `content` once (in this fresh process) and report seconds and peak RSS.

    With `cache`, Pelican's content cache is on and kept there (how `make serve` rebuilt
    before the long-lived preview)."""
    from tools.build import run_pelican

    # Share cards are off: they are cached in the project's cache/ (the same synthetic titles
    # every round would be drawn once, then reused), and cost about 40 ms an article on a
    # first build, which README reports on its own.
    # One process: the plugin brings the parallel writing, so plugin off vs on would
    # otherwise measure that rather than the plugin's own cost.
    overrides = ({"IMAGES": {"share_cards": False}, "BUILD": {"workers": 1}} if plugin
                 else {"PLUGINS": []})
    if cache:
        overrides.update(LOAD_CONTENT_CACHE=True, CACHE_CONTENT=True, CACHE_PATH=cache)
    started = time.perf_counter()
    run_pelican(os.path.join(ROOT, "pelicanconf.py"), output, overrides=overrides,
                content=content)
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": _max_rss_mb()}


def worker_check(content: str) -> dict:
    """Time `invoke check`'s core (read every file, apply every rule) on `content`."""
    from tools import check

    settings = check.load_settings("publishconf.py", content)
    started = time.perf_counter()
    report = check.run(settings)
    return {"seconds": time.perf_counter() - started, "findings": len(report.findings),
            "errors": report.errors}


def _rebuilds(tmp: str, content: str) -> dict:
    """Cold build (empty cache), then a warm one after touching one article."""
    out, cache = os.path.join(tmp, "out-cache"), os.path.join(tmp, "cache")
    cold = _in_subprocess(f"worker_build({content!r}, {out!r}, cache={cache!r})")
    first = os.path.join(content, sorted(os.listdir(content))[0])
    os.utime(first, (time.time() + 5, time.time() + 5))  # newer than its cache entry
    warm = _in_subprocess(f"worker_build({content!r}, {out!r}, cache={cache!r})")
    return {"cold": cold["seconds"], "warm": warm["seconds"]}


# Cached rebuild times are measured up to this size (they are an editor's loop, not CI's).
REBUILD_MAX = 1000


def _docs(content: str) -> list:
    """Read the synthetic articles into the plain records the scoring takes."""
    import datetime as dt

    import markdown

    from newsdesk.related import Doc
    from newsdesk.text import plain_text

    docs = []
    for name in sorted(os.listdir(content)):
        with open(os.path.join(content, name), encoding="utf-8") as handle:
            head, body = handle.read().split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        docs.append(Doc(slug=meta["Slug"], title=meta["Title"], summary=meta["Summary"],
                        body=plain_text(markdown.markdown(body)),
                        tags=tuple(t.strip() for t in meta["Tags"].split(",")),
                        category=meta["Category"], date=dt.date.fromisoformat(meta["Date"])))
    return docs


def worker_related(content: str, traced: bool = False) -> dict:
    """Time the related computation alone or, traced, measure its peak extra memory."""
    import tracemalloc

    from newsdesk.related import related_lists
    from newsdesk.settings import DEFAULTS

    docs = _docs(content)
    config = DEFAULTS["RELATED_ARTICLES"]  # the scoring ignores "heading", as in the build
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    lists = related_lists(docs, config)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else None
    tracemalloc.stop()
    return {"seconds": seconds, "peak_extra_mb": peak and peak / 2**20, "lists": len(lists)}


def _related(content: str) -> dict:
    # Two fresh processes: tracemalloc slows every allocation, so the time comes from an
    # untraced run and only the memory from a traced one.
    timed = _in_subprocess(f"worker_related({content!r})")
    traced = _in_subprocess(f"worker_related({content!r}, traced=True)")
    return {**timed, "peak_extra_mb": traced["peak_extra_mb"],
            "traced_seconds": traced["seconds"]}


def _in_subprocess(call: str, module: str = "bench") -> dict:
    # A fresh interpreter per measurement, so peak memory is that measurement's own.
    code = ("import json, sys; sys.path[:0] = [%r, %r]; from tools import %s; "
            "print(json.dumps(%s.%s))" % (ROOT, os.path.join(ROOT, "plugins"), module, module,
                                          call))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark step failed: {call}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _spread(runs: list[dict]) -> dict:
    """Median, fastest and slowest seconds of repeated builds, and the highest peak memory."""
    seconds = [r["seconds"] for r in runs]  # in the order run
    return {"seconds": statistics.median(seconds), "min": min(seconds), "max": max(seconds),
            "runs": seconds, "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def _builds(tmp: str, content: str, repeats: int) -> dict:
    """Build `repeats` rounds of plugin off and on, back to back, in fresh processes."""
    # One build on a shared 2-core machine varies by up to 10% from run to run, as much as
    # the difference being measured. So each round builds both back to back (swapping which
    # goes first), a slow spell hits both, and on/off is the median of the rounds' ratios.
    runs: dict[str, list] = {"off": [], "on": []}
    for i in range(repeats):
        order = (("off", False), ("on", True))
        for label, plugin in (order if i % 2 == 0 else order[::-1]):
            out = os.path.join(tmp, f"out-{label}-{i}")  # a new folder: see run()
            runs[label].append(_in_subprocess(f"worker_build({content!r}, {out!r}, {plugin})"))
    ratios = [on["seconds"] / off["seconds"] for off, on in zip(runs["off"], runs["on"])]
    return {"build_off": _spread(runs["off"]), "build_on": _spread(runs["on"]),
            "ratio": statistics.median(ratios), "ratios": ratios}


PARTS = ("all", "anchor", "plugin")


# Nothing is deleted between measured builds: every round writes into a new folder, and
# all of them are removed after the last size. On an ext4 file system without a journal
# (this machine's), creating a file skips every inode freed in the last 60-360 s
# (the kernel's recently_deleted), so right after the last round's site was deleted each
# new file costs up to ten times as much, and a build that writes more files (each page
# with its .gz and .br copies, Pagefind's bundle) pays it more: notes/build-profile.md.
def run(sizes: list[int], seed: int, repeats: int = 5, part: str = "all") -> list[dict]:
    """Measure every size; returns one row per size, and prints the tables at the end."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as root:
        for n in sizes:
            rows.append(_size(os.path.join(root, str(n)), n, seed, repeats, part))
    tables = ((bench_anchor.ANCHOR_HEADER, bench_anchor.format_anchor_row, "versus"),
              (HEADER, format_row, "build_on"))
    for header, fmt, key in tables:
        if any(key in row for row in rows):
            print("\n" + header)
            for row in rows:
                print(fmt(row))
    return rows


def _size(tmp: str, n: int, seed: int, repeats: int, part: str) -> dict:
    """One size's row: its synthetic articles, then the parts asked for, all under `tmp`."""
    content = os.path.join(tmp, "content")
    synth.generate(content, n, seed)
    row = {"articles": n, "repeats": repeats}
    if part in ("all", "anchor"):
        row["versus"] = bench_anchor.versus_anchor(tmp, content, repeats)
        print(bench_anchor.format_anchor_row(row), file=sys.stderr, flush=True)
    if part in ("all", "plugin"):
        row.update(_builds(tmp, content, repeats))
        row["related"] = _related(content)
        row["check"] = _in_subprocess(f"worker_check({content!r})")
        if n <= REBUILD_MAX:
            row["rebuild"] = _rebuilds(tmp, content)
        print(format_row(row), file=sys.stderr, flush=True)
    return row


HEADER = ("| articles | build, plugin off | build, plugin on | on/off | related lists alone "
          "| check | rebuild with cache: cold → warm |\n"
          "|---:|---:|---:|---:|---:|---:|---:|")


def _build_cell(build: dict) -> str:
    return (f"{build['seconds']:.1f} s ({build['min']:.1f}–{build['max']:.1f}), "
            f"{build['peak_rss_mb']:.0f} MB")


def format_row(row: dict) -> str:
    """One Markdown table row: builds as median (range), on/off as the median round's ratio."""
    off, on, rel = row["build_off"], row["build_on"], row["related"]
    return (f"| {row['articles']:,} | {_build_cell(off)} | {_build_cell(on)} "
            f"| {row['ratio']:.2f}× "
            f"| {rel['seconds']:.2f} s, {rel['peak_extra_mb']:.0f} MB "
            f"| {row['check']['seconds']:.2f} s | {_rebuild_cell(row)} |")


def _rebuild_cell(row: dict) -> str:
    rebuild = row.get("rebuild")
    return f"{rebuild['cold']:.1f} s → {rebuild['warm']:.1f} s" if rebuild else "–"


def run_images(tmp: str, articles: int, photos: int, seed: int) -> dict:
    """Builds of the same articles without images, then with `photos` photos cold and warm."""
    from tools import bench_images

    plain, illustrated = bench_images.make(tmp, articles, photos, seed)
    cache = os.path.join(tmp, "cache")

    def _build(content: str, out: str) -> float:
        call = f"worker({content!r}, {os.path.join(tmp, out)!r}, {cache!r})"
        code = ("import json, sys; sys.path[:0] = [%r, %r]; from tools import bench_images; "
                "print(json.dumps(bench_images.%s))" % (ROOT, os.path.join(ROOT, "plugins"), call))
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=ROOT)
        if proc.returncode != 0:
            raise RuntimeError(f"image benchmark step failed\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]

    without = [_build(plain, "out-plain") for _ in range(2)]
    cold = _build(illustrated, "out-images")
    warm = [_build(illustrated, "out-images") for _ in range(2)]
    return {"articles": articles, "photos": photos, "without": min(without), "cold": cold,
            "warm": min(warm), "warm_ratio": min(warm) / min(without)}

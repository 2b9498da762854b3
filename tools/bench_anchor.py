"""`invoke bench`'s anchor: plain Pelican 4.12 with its default theme, pelican-related-posts and
typogrify (what a Pelican user has today), against Newsdesk's full build of the same articles.

The anchor runs from its own venv, made under cache/ on first use and kept, keyed by the pins
(requirements-anchor.txt, constraints.txt) and the Python version. Each build runs in a fresh
process; its time is the wall time of that process and its memory the process's own peak RSS.
tools.bench imports this module, so its helpers are imported here inside the functions.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time

from tools.build import ROOT

REQUIREMENTS = os.path.join(ROOT, "requirements-anchor.txt")
CONSTRAINTS = os.path.join(ROOT, "constraints.txt")

# pelican-quickstart's answers for a new blog (pagination on, 10 a page), with its
# publishconf's feeds, plus the two plugins. The theme is Pelican's default (notmyidea).
ANCHOR_SETTINGS = """\
AUTHOR = "Bench"
SITENAME = "Anchor"
SITEURL = "https://example.org"
PATH = {content!r}
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
RELATIVE_URLS = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
DELETE_OUTPUT_DIRECTORY = True
PLUGINS = ["related_posts"]
TYPOGRIFY = True
"""

# Runs inside a fresh interpreter of either venv: the build's own peak RSS, in MB.
_PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


class AnchorError(Exception):
    """The anchor venv could not be made, or its build failed; the message says why."""


def _key() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for path in (REQUIREMENTS, CONSTRAINTS):
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:12]


def anchor_python(cache: str | None = None) -> str:
    """The anchor venv's python, installing it under `cache` (default cache/) if missing."""
    venv = os.path.join(cache or os.path.join(ROOT, "cache"), f"bench-anchor-{_key()}")
    python = os.path.join(venv, "bin", "python")
    if os.path.exists(os.path.join(venv, ".installed")):
        return python
    # Built beside, then renamed: two benchmarks starting at once never share a half venv.
    tmp = f"{venv}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    for cmd in ([sys.executable, "-m", "venv", tmp],
                [os.path.join(tmp, "bin", "python"), "-m", "pip", "install", "--quiet",
                 "-r", REQUIREMENTS, "-c", CONSTRAINTS]):
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise AnchorError(f"making the anchor venv failed ({' '.join(cmd[-4:])}):\n"
                              f"{proc.stderr[-2000:]}")
    open(os.path.join(tmp, ".installed"), "w").close()
    try:
        os.rename(tmp, venv)
    except OSError:  # another benchmark finished first
        shutil.rmtree(tmp, ignore_errors=True)
    # The venv's python is a symlink into the folder's own bin/, so it survives the rename.
    return python


def write_settings(folder: str, content: str) -> str:
    """Write the anchor's settings file into `folder`; return its path."""
    path = os.path.join(folder, "anchorconf.py")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(ANCHOR_SETTINGS.format(content=content))
    return path


def build_anchor(python: str, settings: str, output: str) -> dict:
    """One anchor build in a fresh process: wall seconds and its peak RSS (MB)."""
    code = ("import sys; from pelican import main; "
            f"main(['-s', {settings!r}, '-o', {output!r}, '-q']); {_PEAK}")
    started = time.perf_counter()
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise AnchorError(f"the anchor build failed:\n{proc.stderr[-3000:]}")
    return {"seconds": seconds, "peak_rss_mb": float(proc.stdout.strip().splitlines()[-1])}


def worker_full(content: str, output: str) -> dict:
    """Newsdesk's full build (`invoke publish` minus the swap), its parts timed in place."""
    import resource

    from tools import check, publish

    from newsdesk.build import worker_count
    from newsdesk.settings import resolve

    resolved = resolve(check.load_settings("publishconf.py", content))
    # Share cards off, as in the plugin benchmark: drawn once per article, then cached.
    # The check's rules run inside the build, as in `invoke publish`.
    try:
        done = publish.build_compressed("publishconf.py", output,
                                        worker_count(resolved["BUILD"]["workers"]), None,
                                        resolved["PUBLISH"],
                                        overrides={"IMAGES": {"share_cards": False}},
                                        content=content)
    except publish.PublishError as exc:
        raise AnchorError(f"the benchmark's full build failed: {exc}") from exc
    # The workers' peak was taken before Pagefind started; Pagefind's is its own (wait4).
    return {**done, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _full(content: str, out: str) -> dict:
    """Newsdesk's full build in a fresh process, timed from outside (start-up included)."""
    from tools.bench import _in_subprocess

    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    figures = _in_subprocess(f"worker_full({content!r}, {out!r})", module="bench_anchor")
    return {**figures, "seconds": time.perf_counter() - started}


def versus_anchor(tmp: str, content: str, repeats: int) -> dict:
    """`repeats` rounds of the anchor and Newsdesk's full build, back to back, order swapped."""
    from tools.bench import _spread

    python = anchor_python()
    settings = write_settings(tmp, content)
    runs: dict[str, list] = {"anchor": [], "full": []}
    for i in range(repeats):
        for label in (("anchor", "full") if i % 2 == 0 else ("full", "anchor")):
            # A new folder each round, none deleted until the benchmark ends (bench.run).
            out = os.path.join(tmp, f"out-{label}-{i}")
            runs[label].append(build_anchor(python, settings, out)
                               if label == "anchor" else _full(content, out))
    full = runs["full"]
    ratios = [f["seconds"] / a["seconds"] for a, f in zip(runs["anchor"], full)]
    median = statistics.median
    return {"anchor": _spread(runs["anchor"]), "full": _spread(full),
            "ratio": median(ratios), "ratios": ratios,
            "parts": {k: median(f["parts"][k] for f in full) for k in full[0]["parts"]},
            "round_parts": [f["parts"] for f in full],
            "round_pagefind": [f["pagefind"]["seconds"] for f in full],
            "workers_peak_rss_mb": max(f["workers_peak_rss_mb"] for f in full),
            "pagefind": {"seconds": median(f["pagefind"]["seconds"] for f in full),
                         "peak_rss_mb": max(f["pagefind"]["peak_rss_mb"] for f in full),
                         "during_build": sum(f["pagefind"]["during_build"] for f in full)}}


ANCHOR_HEADER = (
    "| articles | anchor: Pelican 4.12 + related-posts + typogrify | Newsdesk full build "
    "| Newsdesk / anchor | of which Pelican (check and page compression included), then "
    "waiting for Pagefind (the last files compressed meanwhile) "
    "| Pagefind, from the last page written |\n"
    "|---:|---:|---:|---:|---:|---:|")


def format_anchor_row(row: dict) -> str:
    """One row: each build's median (range) and peak RSS, their ratio, the full build's parts."""
    from tools.bench import _build_cell

    v = row["versus"]
    parts = v["parts"]
    return (f"| {row['articles']:,} | {_build_cell(v['anchor'])} "
            f"| {_build_cell(v['full'])} (workers {v['workers_peak_rss_mb']:.0f} MB) "
            f"| {v['ratio']:.2f}× "
            f"| {parts['pelican']:.1f} s, {parts['search_and_compress']:.1f} s "
            f"({parts['compress']:.1f} s compressing) "
            f"| {v['pagefind']['seconds']:.1f} s, {v['pagefind']['peak_rss_mb']:.0f} MB |")

"""Related-article scoring for Newsdesk (pure: plain data in, plain data out).

Public API
----------
Doc(slug, title, summary, body, tags, category, date, lang="en")
    One candidate article.  ``title``/``summary``/``body`` are plain text
    (see text.plain_text); ``date`` is a ``datetime.date`` or
    ``datetime.datetime`` (time of day counts as a fraction of a day; time
    zones are ignored).  The docs passed in ARE the candidates: filtering
    drafts, hidden and future-dated articles is the caller's job.
Scored(slug, score, text, tags, category, date, pinned)
    One recommendation; ``score == text + tags + category + date`` where each
    part is already multiplied by its weight.
related_lists(docs, config=None, pins=None, excludes=None) -> list[list[Scored]]
    For each doc (same order as ``docs``) up to ``count`` others, best first.
    ``pins`` {slug: [slug, ...]} come first in that order and count toward
    ``count``; ``excludes`` {slug: {slug, ...}} never appear.  A doc never
    lists itself and only lists docs of its own ``lang`` (pins excepted: an
    editor's explicit choice wins).  Ties break by date (newer first), then
    slug.  Scores below ``min_score`` are dropped (pins are always kept).
    Keys of ``config`` that are not in DEFAULTS are ignored.
related_list(docs, config, slug, pins=None, excludes=None) -> list[Scored]
    ``related_lists(...)`` of the one doc ``slug`` (the same list, the same
    scores), scoring that row only: the preview's edited page.
explain(docs, config, slug, n=5, pins=None, excludes=None) -> list[dict]
    Top ``n`` for one article, with score parts, shared top terms and tags.
UnknownSlug(source_slug, missing_slug)
    Raised when a pin/exclude names a slug that is not among ``docs``.
DEFAULTS
    Default config; see the table in ``DEFAULTS_DOC`` (chosen by measurement,
    notes/related-tuning.md).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .scoring import Model


DEFAULTS: dict = {
    "count": 4,
    "method": "tfidf",
    "text_weight": 1.0,
    "tag_weight": 0.1,
    "category_weight": 0.05,
    "date_weight": 0.1,
    "date_half_life_days": 730.0,
    "min_score": 0.05,
    "title_boost": 2.0,
    "summary_boost": 1.0,
    "sublinear_tf": True,
    "ngram_max": 2,
    "min_df": 2,
    "max_df": 0.05,
    "max_terms": 0,
    "bm25_k1": 1.2,
    "bm25_b": 0.75,
}

# Why each default (measured on 18f-blog, notes/related-tuning.md; recall@5):
DEFAULTS_DOC = """
key                  default  why
count                4        four cards fit the article footer
method               tfidf    BM25 (k1 1.2-2) measured 0.02 lower than sublinear TF-IDF
text_weight          1.0      the scale everything else is relative to (cosine in [0, 1])
tag_weight           0.1      IDF-weighted tag cosine: +0.02 at 0.05-0.1, worse above 0.15
category_weight      0.05     no categories in 18f: unmeasured; a nudge the size of a close date
date_weight          0.1      authors link to posts of the same era: +0.03
date_half_life_days  730      365-730 flat; two years keeps the term mild
min_score            0.05     drops unrelated filler; 0-0.1 gave identical 18f figures
title_boost          2.0      title words counted twice: +0.005 (noise-level, kept as sane default)
summary_boost        1.0      boosting the summary measured slightly worse
sublinear_tf         True     1+log(tf): +0.02 over raw counts
ngram_max            2        word bigrams ("user research"): +0.04, the biggest single gain
min_df               2        terms in one article cannot link two: +0.04 over 1
max_df               0.05     a float is a share of all articles, never under 20 articles: terms
                              in more are dropped. They were most of the scoring cost (10k site:
                              terms in > 500 articles); 18f recall 0.588 at 0.5 -> 0.583 (noise)
max_terms            0        0 = keep all; pruning every vector to its top N terms cost
                              0.02-0.03 recall
bm25_k1, bm25_b      1.2/.75  only used when method == "bm25"
"""

def _model(docs: list, config) -> "Model":
    """The scoring model of ``docs`` under ``config`` (DEFAULTS filled in)."""
    # Imported here, not at the top: scipy takes a tenth of a second to import, and a build
    # reads DEFAULTS and Doc in its main process but scores in a worker process.
    from .scoring import Model

    return Model(docs, _config(config))


_BLOCK_CELLS = 4_000_000  # cells of one tile: each dense float32 temporary <= 16 MB
_THREADS = min(2, os.cpu_count() or 1)  # blocks in flight: memory grows with each


class UnknownSlug(KeyError):
    """A pin or exclude names a slug that is not among the docs."""

    def __init__(self, source_slug: str, missing_slug: str):
        self.source_slug, self.missing_slug = source_slug, missing_slug
        super().__init__(f"{source_slug!r} names unknown article {missing_slug!r}")

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Doc:
    slug: str
    title: str
    summary: str
    body: str
    tags: tuple[str, ...]
    category: str | None
    date: dt.date | dt.datetime
    lang: str = "en"


@dataclass(frozen=True, slots=True)  # slots: 40,000 of these for a 10k-article site
class Scored:
    slug: str
    score: float
    text: float
    tags: float
    category: float
    date: float
    pinned: bool = False


def _config(config) -> dict:
    """DEFAULTS overridden by the scoring keys of ``config`` (others ignored)."""
    # The site passes its whole RELATED_ARTICLES setting ("heading" too);
    # settings.py has already rejected unknown keys there.
    return dict(DEFAULTS, **{k: v for k, v in (config or {}).items() if k in DEFAULTS})


def _slug_pairs(model, mapping, ordered: bool) -> tuple[np.ndarray, np.ndarray]:
    """Validate pin/exclude slugs; (row, column) index pairs grouped by row, in list order."""
    rows, cols = [], []
    for src, targets in (mapping or {}).items():
        if src not in model.index:
            raise UnknownSlug(src, src)
        for t in (targets if ordered else sorted(targets)):
            if t not in model.index:
                raise UnknownSlug(src, t)
            rows.append(model.index[src])
            cols.append(model.index[t])
    r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    order = np.argsort(r, kind="stable")
    return r[order], c[order]


def _edits(model, pins, excludes, count) -> tuple:
    """Pins (self dropped, at most ``count`` per row) and excludes as index pairs."""
    pr, pc = _slug_pairs(model, pins, ordered=True)
    keep = pr != pc
    pr, pc = pr[keep], pc[keep]
    keep = np.arange(len(pr)) - np.searchsorted(pr, pr) < count
    return (pr[keep], pc[keep]), _slug_pairs(model, excludes, ordered=False)


def _in_block(rows: np.ndarray, r: np.ndarray, c: np.ndarray, n: int):
    """The pairs whose row is in ``rows``, with rows renumbered as places in the block."""
    place = np.full(n, -1, dtype=np.int64)
    place[rows] = np.arange(len(rows))
    sel = place[r] >= 0
    return place[r[sel]], c[sel]


def _choose(model, rows, edits, count, top) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row-in-block, column, pinned) of every item of a block's lists, in list order."""
    n = len(model.docs)
    pr, pc = _in_block(rows, *edits[0], n)
    er, ec = _in_block(rows, *edits[1], n)
    r, c, s = top(rows, np.r_[pr, er], np.r_[pc, ec])
    # min_score cannot change which columns lead, so it is applied to the
    # few chosen ones; pins use up places at the top of their row's list.
    place = np.arange(len(r)) - np.searchsorted(r, r)
    n_pins = np.bincount(pr, minlength=len(rows))
    keep = (s >= model.cfg["min_score"]) & (place < count - n_pins[r])
    r, c = np.r_[pr, r[keep]], np.r_[pc, c[keep]]
    is_pin = np.r_[np.ones(len(pr), bool), np.zeros(int(keep.sum()), bool)]
    order = np.argsort(r, kind="stable")  # pins first within each row
    return r[order], c[order], is_pin[order]


def _tiled(model, count):
    """top(rows, banned_r, banned_c) for all rows at once, scored in symmetric tiles."""
    n = len(model.docs)
    side = max(1, math.isqrt(_BLOCK_CELLS))
    cuts = [slice(i, min(i + side, n)) for i in range(0, n, side)]
    pairs = [(a, b) for i, a in enumerate(cuts) for b in cuts[i:]]

    def top(rows, banned_r, banned_c):
        banned = (banned_r, banned_c)  # rows is arange(n): places are rows
        # The sparse product and the dense numpy passes release the GIL, so
        # tiles run in parallel threads; merge_top's order does not depend
        # on which thread finished first.
        with ThreadPoolExecutor(min(_THREADS, len(pairs))) as pool:
            found = [p for ps in pool.map(lambda ab: model.tile(*ab, banned, count), pairs) for p in ps]
        r, c, s = (np.concatenate([f[i] for f in found]) for i in range(3))
        from .scoring import merge_top

        return merge_top(r, c, s, count, model.rank)

    return top


def _objects(model, src, c, is_pin) -> list[Scored]:
    """A Scored for every chosen (row, column) pair, in the given order."""
    # Built with map over lists, the sum in numpy (same float64 adds, same
    # order): under tracemalloc every Python float made costs ~3x.
    parts = model.parts(src, c)
    score = map(round, (((parts[0] + parts[1]) + parts[2]) + parts[3]).tolist(), repeat(9))
    slugs = [model.docs[k].slug for k in c.tolist()]
    return list(map(Scored, slugs, score, *(p.tolist() for p in parts), is_pin.tolist()))


def _run(model, edits, rows_all, count, top) -> dict[int, list[Scored]]:
    """{row: [Scored...]} for the requested rows (rows_all ascending)."""
    r, c, is_pin = _choose(model, rows_all, edits, count, top)
    # Python objects are made after the threads finish: made meanwhile,
    # they compete with the workers for the GIL (worse under tracemalloc).
    items = _objects(model, rows_all[r], c, is_pin)
    bounds = np.searchsorted(r, np.arange(len(rows_all) + 1)).tolist()
    return {row: items[lo:hi] for row, lo, hi in zip(rows_all.tolist(), bounds, bounds[1:])}


def related_lists(docs, config=None, pins=None, excludes=None) -> list[list[Scored]]:
    """For each doc, up to ``count`` related docs (pins first), best first."""
    docs = list(docs)
    if not docs:
        return []
    model = _model(docs, config)
    count = int(model.cfg["count"])
    edits = _edits(model, pins, excludes, count)
    scored = _run(model, edits, np.arange(len(docs)), count, _tiled(model, count))
    result: list[list[Scored]] = [[] for _ in docs]
    order = model.order.tolist()  # Python ints: no numpy scalar per row
    for row, items in scored.items():
        result[order[row]] = items
    return result


def _one_row(model, slug, n: int, pins, excludes) -> tuple[int, list[Scored]]:
    """The row of ``slug`` and its top ``n`` (pins first), scored as one block, no tiles."""
    if slug not in model.index:
        raise UnknownSlug(slug, slug)
    row = model.index[slug]
    edits = _edits(model, pins, excludes, n)

    def top(rows, banned_r, banned_c):
        return model.block(rows, banned_r, banned_c, n)

    return row, _run(model, edits, np.array([row]), n, top)[row]


def related_list(docs, config, slug, pins=None, excludes=None) -> list[Scored]:
    """The related list of the one doc ``slug``, as related_lists gives it, scoring one row."""
    model = _model(list(docs), config)
    return _one_row(model, slug, int(model.cfg["count"]), pins, excludes)[1]


def explain(docs, config, slug, n=5, pins=None, excludes=None) -> list[dict]:
    """Top n for one article with score parts, shared top terms and tags."""
    from .vectors import term_strings

    model = _model(list(docs), config)
    row, scored = _one_row(model, slug, int(n), pins, excludes)
    src = model.docs[row]
    names = term_strings(src)
    out = []
    for s in scored:
        col = model.index[s.slug]
        # The shared terms that contribute most to the text part.
        prod = model.X[row].multiply(model.X[col]).tocoo()
        top = np.lexsort((prod.col, -prod.data))[:8]
        other = model.docs[col]
        out.append({
            "slug": s.slug, "title": other.title, "score": s.score, "text": s.text,
            "tags": s.tags, "category": s.category, "date": s.date, "pinned": s.pinned,
            "shared_terms": [names.get(int(model.hashes[prod.col[i]]), "?") for i in top],
            "shared_tags": sorted({t.lower() for t in src.tags} & {t.lower() for t in other.tags}),
        })
    return out

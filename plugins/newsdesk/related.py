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
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .text import hash_token, token_hashes, tokens

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
    "max_df": 0.5,
    "max_terms": 0,
    "bm25_k1": 1.2,
    "bm25_b": 0.75,
    "large_site_docs": 3000,
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
max_df               0.5      drops boilerplate words; 0.3-1.0 flat
max_terms            0        0 = keep all; pruning to the top N terms per article is faster
                              but cost 0.02-0.03 recall (use ~300 only for very large sites)
bm25_k1, bm25_b      1.2/.75  only used when method == "bm25"
large_site_docs      3000     above this many docs: ngram_max 1 and max_terms 200 (speed/memory;
                              costs ~0.04 recall on 18f); 0 = never switch
"""

_BLOCK_CELLS = 4_000_000  # rows per block * n: keeps each dense temp <= 32 MB


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


@dataclass(frozen=True)
class Scored:
    slug: str
    score: float
    text: float
    tags: float
    category: float
    date: float
    pinned: bool = False


def _days(d) -> float:
    """Date or datetime to a float day number (naive; tz ignored)."""
    if isinstance(d, dt.datetime):
        secs = d.hour * 3600 + d.minute * 60 + d.second + d.microsecond / 1e6
        return d.toordinal() + secs / 86400.0
    return float(d.toordinal())


class _Model:
    """Everything needed to score any row block; docs in canonical order."""

    def __init__(self, docs, config):
        cfg = dict(DEFAULTS, **(config or {}))
        if len(docs) > int(cfg["large_site_docs"] or 0) > 0:
            # Bigrams over every term triple the cost; beyond this size the
            # cheaper profile keeps build time and memory bounded.
            cfg["ngram_max"] = 1
            cfg["max_terms"] = int(cfg["max_terms"]) or 200
        self.cfg = cfg
        days = np.array([_days(d.date) for d in docs])
        # Canonical order = tie-break order (newer first, then slug), so that
        # input order cannot change any result and "lower column wins" is the
        # tie rule inside the top-k selection.
        self.order = sorted(range(len(docs)), key=lambda i: (-days[i], docs[i].slug))
        self.docs = [docs[i] for i in self.order]
        # float32 relative days: exact enough (ms) and twice as fast to score.
        self.days = (days[self.order] - days.min()).astype(np.float32) if len(days) else days
        self.index = {d.slug: k for k, d in enumerate(self.docs)}
        if len(self.index) != len(self.docs):
            raise ValueError("duplicate slugs among docs")
        self.X, self.hashes = text_matrix(self.docs, cfg)
        self.XT = self.X.T.tocsr()
        self.T = _tag_matrix(self.docs)
        self.TT = self.T.T.tocsr()
        cats = {c: i for i, c in enumerate(sorted({d.category for d in self.docs if d.category}))}
        self.cat = np.array([cats.get(d.category, -1) for d in self.docs])
        self.has_categories = bool(cats)
        langs = {c: i for i, c in enumerate(sorted({d.lang for d in self.docs}))}
        self.lang = np.array([langs[d.lang] for d in self.docs])
        self.multilingual = len(langs) > 1

    def block(self, rows: np.ndarray, banned: list[list[int]], m: int):
        """Top-m columns per row (ties: newer, then slug) with weighted text/tag parts."""
        c = self.cfg
        text = (self.X[rows] @ self.XT).toarray()
        text *= np.float32(c["text_weight"])
        tags = (self.T[rows] @ self.TT).toarray()
        tags *= np.float32(c["tag_weight"])
        total = text + tags
        if c["category_weight"] and self.has_categories:
            cb = self.cat[rows][:, None]
            total += ((cb == self.cat[None, :]) & (cb >= 0)) * np.float32(c["category_weight"])
        if c["date_weight"]:
            gap = np.subtract.outer(self.days[rows], self.days)
            np.abs(gap, out=gap)
            gap *= np.float32(-1.0 / float(c["date_half_life_days"]))
            np.exp2(gap, out=gap)
            gap *= np.float32(c["date_weight"])
            total += gap
        if self.multilingual:
            total[self.lang[rows][:, None] != self.lang[None, :]] = -np.inf
        total[np.arange(len(rows)), rows] = -np.inf
        for r, cols in enumerate(banned):
            total[r, cols] = -np.inf
        # min_score cannot change which columns lead, so it is applied to
        # the few chosen ones rather than to the whole block.
        best = [cols[total[r, cols] >= c["min_score"]] for r, cols in enumerate(_topk(total, m))]
        return best, text, tags

    def pair_parts(self, r: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Weighted (category, date) parts for pairs (r[i], k[i])."""
        c = self.cfg
        cat = ((self.cat[r] == self.cat[k]) & (self.cat[r] >= 0)) * float(c["category_weight"])
        gap = np.abs(self.days[r].astype(np.float64) - self.days[k])
        date = np.exp2(-gap / float(c["date_half_life_days"])) * c["date_weight"]
        return cat, date


def _bound(v, n: int) -> float:
    """sklearn-style df bound: a float is a share of n, an int a count."""
    return v * n if isinstance(v, float) else float(v)


def text_matrix(docs, cfg) -> tuple[sp.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF or BM25 rows over title+summary+body; column hashes."""
    n = len(docs)
    texts = [d.title for d in docs] + [d.summary for d in docs] + [d.body for d in docs]
    h, idx = token_hashes(texts)
    C, vocab = _counts(h, idx, n, cfg)
    stop = _stop_hashes()
    stopped = np.isin(vocab, stop)
    if int(cfg.get("ngram_max", 1)) >= 2:
        # Bigrams of adjacent non-stop words ("user research"), as sklearn
        # forms them after stop-word removal; hashed into their own columns.
        live = ~np.isin(h, stop)
        h, idx = h[live], idx[live]
        same = idx[1:] == idx[:-1]
        with np.errstate(over="ignore"):
            bh = h[:-1][same] * np.uint64(_BIGRAM_K) + h[1:][same]
        B, bvocab = _counts(bh, idx[:-1][same], n, cfg)
        C, vocab = sp.hstack([C, B]).tocsr(), np.concatenate([vocab, bvocab])
        stopped = np.concatenate([stopped, np.zeros(len(bvocab), dtype=bool)])
    del h, idx
    df = np.diff(C.tocsc().indptr)
    keep = (df >= _bound(cfg["min_df"], n)) & (df <= _bound(cfg["max_df"], n)) & ~stopped
    C, vocab, df = C[:, keep].tocsr(), vocab[keep], df[keep]
    if cfg["method"] == "bm25":
        X = _bm25(C, df, cfg)
    elif cfg["method"] == "tfidf":
        X = C.copy()
        if cfg["sublinear_tf"]:
            X.data = np.where(X.data > 1, 1.0 + np.log(np.maximum(X.data, 1)), X.data)
        X = X @ sp.diags(np.log((1.0 + n) / (1.0 + df)) + 1.0)
    else:
        raise ValueError(f"unknown method {cfg['method']!r}; use 'tfidf' or 'bm25'")
    X = _prune(sp.csr_matrix(X), int(cfg["max_terms"] or 0))
    return _l2(X).astype(np.float32), vocab


_BIGRAM_K = 0x9E3779B97F4A7C15  # odd multiplier mixing the first word's hash
_STOP: list[np.ndarray] = []


def _stop_hashes() -> np.ndarray:
    """Sorted hashes of scikit-learn's English stop words (computed once)."""
    if not _STOP:
        _STOP.append(np.array(sorted({hash_token(w) for w in ENGLISH_STOP_WORDS}), dtype=np.uint64))
    return _STOP[0]


def _counts(h: np.ndarray, idx: np.ndarray, n: int, cfg) -> tuple[sp.csr_matrix, np.ndarray]:
    """Boost-weighted doc x term counts for tokens of the 3n field texts."""
    vocab, _ = _sorted_unique(h)
    term = _lookup(vocab, h)
    # Tokens arrive ordered by text, so each field is one contiguous slice.
    # Title and summary are boosted by weighting their counts, which is the
    # same as repeating them but costs nothing extra.
    cut = np.searchsorted(idx, [n, 2 * n])
    C = _count_matrix(idx[cut[1]:] - 2 * n, term[cut[1]:], n, len(vocab))
    for lo, hi, f, boost in ((0, cut[0], 0, "title_boost"), (cut[0], cut[1], 1, "summary_boost")):
        C = C + _count_matrix(idx[lo:hi] - f * n, term[lo:hi], n, len(vocab)) * float(cfg[boost])
    return C.tocsr(), vocab


def _lookup(vocab: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Index of each hash in the sorted vocab (a direct table, then a fallback)."""
    # searchsorted over millions of tokens is slow; a table on the low bits
    # answers almost all of them and the few low-bit collisions are redone.
    bits = max(16, int(np.ceil(np.log2(max(len(vocab), 1)))) + 4)
    mask = np.uint64((1 << bits) - 1)
    table = np.zeros(1 << bits, dtype=np.int32)
    table[vocab & mask] = np.arange(len(vocab), dtype=np.int32)
    term = table[h & mask]
    bad = np.flatnonzero(vocab[term] != h)
    term[bad] = np.searchsorted(vocab, h[bad])
    return term


def _count_matrix(doc: np.ndarray, term: np.ndarray, n: int, v: int) -> sp.csr_matrix:
    """Sparse doc x term counts via one sort of combined keys (CSR order)."""
    key, counts = _sorted_unique(doc.astype(np.int64) * v + term)
    rows = key // v
    indptr = np.searchsorted(rows, np.arange(n + 1))
    return sp.csr_matrix((counts.astype(np.float64), (key - rows * v).astype(np.int32), indptr), shape=(n, v))


def _bm25(C: sp.csr_matrix, df: np.ndarray, cfg) -> sp.csr_matrix:
    """Okapi BM25 term weights (saturating tf, length-normalised)."""
    n = C.shape[0]
    k1, b = float(cfg["bm25_k1"]), float(cfg["bm25_b"])
    dl = np.asarray(C.sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * dl / max(dl.mean(), 1e-9))
    X = C.copy()
    rows = np.repeat(np.arange(n), np.diff(C.indptr))
    X.data = X.data * (k1 + 1) / (X.data + norm[rows])
    return X @ sp.diags(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))


def _prune(X: sp.csr_matrix, m: int) -> sp.csr_matrix:
    """Keep each row's m heaviest terms: fewer, rarer terms make scoring fast."""
    counts = np.diff(X.indptr)
    if m <= 0 or counts.max(initial=0) <= m:
        return X
    rows = np.repeat(np.arange(X.shape[0]), counts)
    # Rows padded into a dense (n x longest-row) array, so one partition
    # finds every row's m-th weight; terms tied with it are all kept.
    padded = np.full((X.shape[0], counts.max()), -np.inf, dtype=X.data.dtype)
    padded[rows, np.arange(len(rows)) - X.indptr[rows]] = X.data
    cut = -np.partition(-padded, m - 1, axis=1)[:, m - 1]
    keep = X.data >= cut[rows]
    return sp.csr_matrix((X.data[keep], (rows[keep], X.indices[keep])), shape=X.shape)


def _sorted_unique(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts (np.sort is SIMD-fast)."""
    a = np.sort(a)
    if not len(a):
        return a, np.empty(0, dtype=np.int64)
    first = np.flatnonzero(np.concatenate(([True], a[1:] != a[:-1])))
    return a[first], np.diff(np.append(first, len(a)))


def term_strings(doc: Doc, cfg) -> dict[int, str]:
    """Map token (and bigram) hashes back to words, for the terms of one doc."""
    out = {}
    for text in (doc.title, doc.summary, doc.body):
        words = tokens(text)
        hs = [hash_token(w) for w in words]
        out.update(zip(hs, words))
        kept = [(hv, w) for hv, w in zip(hs, words) if w not in ENGLISH_STOP_WORDS]
        for (h1, w1), (h2, w2) in zip(kept, kept[1:]):
            out[(h1 * _BIGRAM_K + h2) & 0xFFFFFFFFFFFFFFFF] = f"{w1} {w2}"
    return out


def _tag_matrix(docs) -> sp.csr_matrix:
    """Rows = docs, columns = tags, IDF-weighted and L2-normalised.

    Rare tags get large weights, so a shared rare tag outscores a shared
    common one under the cosine.
    """
    names = sorted({t.strip().lower() for d in docs for t in d.tags if t.strip()})
    col = {t: i for i, t in enumerate(names)}
    rows, cols = [], []
    for r, d in enumerate(docs):
        for c in sorted({col[t.strip().lower()] for t in d.tags if t.strip()}):
            rows.append(r)
            cols.append(c)
    n = len(docs)
    T = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(names)))
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(names))
    T = T @ sp.diags(np.log((1.0 + n) / (1.0 + df)) + 1.0)
    return _l2(T)


def _l2(M: sp.csr_matrix) -> sp.csr_matrix:
    """Scale each row to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(M.multiply(M).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ M)


def _slug_sets(model, mapping, what):
    """Validate pin/exclude slugs and map them to canonical indices."""
    out = {}
    for src, targets in (mapping or {}).items():
        if src not in model.index:
            raise UnknownSlug(src, src)
        idx = []
        for t in (sorted(targets) if what == "exclude" else targets):
            if t not in model.index:
                raise UnknownSlug(src, t)
            idx.append(model.index[t])
        out[model.index[src]] = idx
    return out


def _topk(score: np.ndarray, m: int) -> list[np.ndarray]:
    """Per row, the m best columns by (score desc, column asc); -inf dropped."""
    b, n = score.shape
    m2 = min(m + 4, n)  # a little slack so rounding to 1e-9 can reorder the cut
    if m <= 0 or n == 0:
        return [np.empty(0, dtype=np.int64) for _ in range(b)]
    sel = np.argpartition(-score, m2 - 1, axis=1)[:, :m2]
    vals = np.take_along_axis(score, sel, axis=1)
    kth = vals.min(axis=1)
    # argpartition picks arbitrarily among equal scores at the cut; rows
    # where the cut falls inside a tie are redone exactly below.
    tied = np.flatnonzero(np.isfinite(kth) & ((score >= kth[:, None]).sum(axis=1) > m2))
    order = np.lexsort((sel, -np.round(vals, 9)), axis=-1)
    sel = np.take_along_axis(sel, order, axis=1)
    out = [row[np.isfinite(score[r, row])][:m] for r, row in enumerate(sel)]
    for r in tied:
        cols = np.flatnonzero(score[r] >= kth[r] - 1e-9)
        s = np.round(score[r, cols].astype(np.float64), 9)
        out[r] = cols[np.lexsort((cols, -s))][:m]
    return out


def _run(model, pins, excludes, rows_all, count) -> dict[int, list[Scored]]:
    """{row: [Scored...]} for the requested rows, scored in row blocks."""
    n = len(model.docs)
    step = max(1, _BLOCK_CELLS // max(n, 1))
    out: dict[int, list[Scored]] = {}
    for start in range(0, len(rows_all), step):
        rows = rows_all[start : start + step]
        pinned = [[p for p in pins.get(int(row), []) if p != row][:count] for row in rows]
        banned = [pinned[i] + excludes.get(int(row), []) for i, row in enumerate(rows)]
        best, text, tags = model.block(rows, banned, count)
        chosen = [
            [(p, True) for p in pinned[i]] + [(int(c), False) for c in best[i][: count - len(pinned[i])]]
            for i in range(len(rows))
        ]
        bi = np.array([i for i, ch in enumerate(chosen) for _ in ch], dtype=np.int64)
        k = np.array([c for ch in chosen for c, _ in ch], dtype=np.int64)
        parts = (text[bi, k], tags[bi, k]) + model.pair_parts(rows[bi], k)
        parts = [np.asarray(p, dtype=np.float64).tolist() for p in parts]
        j = 0
        for i, ch in enumerate(chosen):
            items = []
            for col, pin in ch:
                t, g, c, d = parts[0][j], parts[1][j], parts[2][j], parts[3][j]
                items.append(Scored(model.docs[col].slug, round(t + g + c + d, 9), t, g, c, d, pin))
                j += 1
            out[int(rows[i])] = items
    return out


def related_lists(docs, config=None, pins=None, excludes=None) -> list[list[Scored]]:
    """For each doc, up to ``count`` related docs (pins first), best first."""
    docs = list(docs)
    if not docs:
        return []
    model = _Model(docs, config)
    pin_idx = _slug_sets(model, pins, "pin")
    exc_idx = _slug_sets(model, excludes, "exclude")
    scored = _run(model, pin_idx, exc_idx, np.arange(len(docs)), int(model.cfg["count"]))
    result: list[list[Scored]] = [[] for _ in docs]
    for row, items in scored.items():
        result[model.order[row]] = items
    return result


def explain(docs, config, slug, n=5, pins=None, excludes=None) -> list[dict]:
    """Top n for one article with score parts, shared top terms and tags."""
    docs = list(docs)
    model = _Model(docs, config)
    if slug not in model.index:
        raise UnknownSlug(slug, slug)
    row = model.index[slug]
    pin_idx = _slug_sets(model, pins, "pin")
    exc_idx = _slug_sets(model, excludes, "exclude")
    chosen = _run(model, pin_idx, exc_idx, np.array([row]), int(n))[row]
    src = model.docs[row]
    names = term_strings(src, model.cfg)
    xs = model.X[row]
    out = []
    for s in chosen:
        col = model.index[s.slug]
        prod = xs.multiply(model.X[col]).tocoo()
        top = np.lexsort((prod.col, -prod.data))[:8]
        terms = [names.get(int(model.hashes[prod.col[i]]), "?") for i in top]
        other = model.docs[col]
        shared = sorted({t.lower() for t in src.tags} & {t.lower() for t in other.tags})
        out.append(
            {
                "slug": s.slug, "title": other.title, "score": s.score, "text": s.text,
                "tags": s.tags, "category": s.category, "date": s.date,
                "pinned": s.pinned, "shared_terms": terms, "shared_tags": shared,
            }
        )
    return out

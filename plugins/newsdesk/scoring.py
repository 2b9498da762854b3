"""Block scoring and top-k selection for related articles (pure: numpy/scipy only).

Public API
----------
Model(docs, cfg)
    Docs in a canonical order (by category) with their matrices.
    ``Model.block(rows, banned_r, banned_c, m)`` -> (row, col, score) of the
    top ``m`` columns per block row; ``Model.parts(r, k)`` -> the weighted
    text/tags/category/date parts of pairs.
top_k(total, m, rank) -> (row, col, score)
    Per row, the m best columns by (score desc, rank[col] asc); -inf never.
day_number(date) -> float
"""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import scipy.sparse as sp

from . import vectors

CHUNK = 64  # columns per chunk when bounding the k-th best score (top_k)
_BUFFERS = threading.local()  # per-thread dense tile buffers (_scratch)


def day_number(d) -> float:
    """Date or datetime to a float day number (naive; tz ignored)."""
    if isinstance(d, dt.datetime):
        secs = d.hour * 3600 + d.minute * 60 + d.second + d.microsecond / 1e6
        return d.toordinal() + secs / 86400.0
    return float(d.toordinal())


def _codes(values) -> np.ndarray:
    """Small int codes for hashable values (None -> -1), in sorted-value order."""
    names = {v: i for i, v in enumerate(sorted({v for v in values if v is not None}))}
    return np.array([names.get(v, -1) for v in values], dtype=np.int32)


class Model:
    """Everything needed to score any row block.

    Docs are held grouped by category (then newest first, then slug): each
    category is then one column range, so its bonus is a slice add.  ``rank``
    is each doc's place in the tie-break order (newer first, then slug).
    Both orders depend only on the docs, never on the input order.
    """

    def __init__(self, docs, cfg):
        self.cfg = cfg
        days = np.array([day_number(d.date) for d in docs])
        cats = _codes([d.category or None for d in docs])
        slugs = [d.slug for d in docs]
        if len(set(slugs)) != len(slugs):
            raise ValueError("duplicate slugs among docs")
        by_tie = sorted(range(len(docs)), key=lambda i: (-days[i], slugs[i]))
        tie_rank = np.empty(len(docs), dtype=np.int64)
        tie_rank[by_tie] = np.arange(len(docs))
        self.order = np.lexsort((tie_rank, cats))
        self.rank, self.cat = tie_rank[self.order], cats[self.order]
        self.docs = [docs[i] for i in self.order]
        self.index = {d.slug: k for k, d in enumerate(self.docs)}
        groups = np.flatnonzero(np.diff(self.cat, prepend=-2, append=-2))
        self.cat_range = {int(self.cat[lo]): (lo, hi) for lo, hi in zip(groups[:-1], groups[1:])}
        # Days relative to the oldest, in half-lives: float32 is exact to
        # minutes, and the date term becomes exp2(-|a - b|).
        rel = days[self.order] - days.min()
        self.halves = (rel / (float(cfg["date_half_life_days"]) or 1.0)).astype(np.float32)
        self.X, self.hashes = vectors.text_matrix(self.docs, cfg)
        self.T = vectors.tag_matrix(self.docs)
        self.lang = _codes([d.lang for d in self.docs])
        self.multilingual = self.lang.max(initial=0) > 0
        self._left, self._right = self._product_sides()
        self._right_t: dict[tuple[int, int], sp.csr_matrix] = {}

    def _product_sides(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Weighted query side and candidate side of one sparse product (left @ right.T)."""
        # [wt*X | wg*T] @ [X | T].T gives text + tags in one pass.
        w = [np.float32(self.cfg[k]) for k in ("text_weight", "tag_weight")]
        left = sp.hstack([self.X * w[0], self.T * w[1]], format="csr", dtype=np.float32)
        right = sp.hstack([self.X, self.T], format="csr", dtype=np.float32)
        return left, right

    def _columns(self, b: slice) -> sp.csr_matrix:
        """The candidate side for columns b, transposed (terms x docs), made once per b."""
        # Threads may both make one; the copies are equal, so the race is harmless.
        key = (b.start, b.stop)
        if key not in self._right_t:
            self._right_t[key] = self._right[b].T.tocsr()
        return self._right_t[key]

    def _add_date_and_language(self, total: np.ndarray, a, b, out=None) -> None:
        """Add the date term to `total` (rows a, columns b); rule out pairs of two languages."""
        w = self.cfg["date_weight"]
        if w > 0:
            # w * 2**-|a-b| computed as 2**(log2(w) - |a-b|): one pass fewer.
            gap = np.subtract.outer(self.halves[a], self.halves[b], out=out)
            np.abs(gap, out=gap)
            np.subtract(np.float32(np.log2(w)), gap, out=gap)
            np.exp2(gap, out=gap)
            total += gap
        if self.multilingual:
            total[np.not_equal.outer(self.lang[a], self.lang[b])] = -np.inf

    def block(self, rows: np.ndarray, banned_r: np.ndarray, banned_c: np.ndarray, m: int):
        """Top-m (row-in-block, column, score) of a row block; banned pairs never chosen."""
        total = (self._left[rows] @ self._columns(slice(0, len(self.docs)))).toarray()
        c = self.cfg
        if c["category_weight"]:
            cr = self.cat[rows]
            for g in np.unique(cr[cr >= 0]).tolist():
                lo, hi = self.cat_range[g]
                total[np.flatnonzero(cr == g), lo:hi] += np.float32(c["category_weight"])
        self._add_date_and_language(total, rows, slice(None))
        total[np.arange(len(rows)), rows] = -np.inf
        total[banned_r, banned_c] = -np.inf
        return top_k(total, m, self.rank)

    def tile(self, a: slice, b: slice, banned: tuple, m: int) -> list[tuple]:
        """Top-m (row, col, score) of rows a over columns b and, if b != a, of rows b over a."""
        # text + tags, category and date are symmetric, so a tile below the
        # diagonal is this one transposed: each pair of blocks is scored once.
        product = self._left[a] @ self._columns(b)
        total = product.toarray(out=_scratch("total", product.shape))
        c = self.cfg
        if c["category_weight"]:
            for g, (lo, hi) in self.cat_range.items():
                ra, rb = _overlap(a, lo, hi), _overlap(b, lo, hi)
                if g >= 0 and ra and rb:
                    total[ra, rb] += np.float32(c["category_weight"])
        self._add_date_and_language(total, a, b, out=_scratch("gap", total.shape))
        out = [self._pick(total, a, b, banned, m)]
        if a != b:
            out.append(self._pick(total.T, b, a, banned, m))  # a view: top_k reads it as is
        return out

    def _pick(self, total: np.ndarray, a: slice, b: slice, banned: tuple, m: int) -> tuple:
        """top_k of a tile (rows a, columns b) with self and banned pairs left out."""
        r, k = banned
        sel = (r >= a.start) & (r < a.stop) & (k >= b.start) & (k < b.stop)
        r, k = r[sel] - a.start, k[sel] - b.start
        if a == b:
            r, k = np.r_[r, np.arange(a.stop - a.start)], np.r_[k, np.arange(a.stop - a.start)]
        saved = total[r, k]  # the transposed pick reads this tile again
        total[r, k] = -np.inf
        rows, cols, score = top_k(total, m, self.rank[b])
        total[r, k] = saved
        return rows + a.start, cols + b.start, score

    def parts(self, r: np.ndarray, k: np.ndarray) -> list[np.ndarray]:
        """Weighted text, tags, category and date parts (float64) for pairs (r[i], k[i])."""
        c = self.cfg
        text = _row_dots(self.X[r], self.X[k]) * float(c["text_weight"])
        tags = _row_dots(self.T[r], self.T[k]) * float(c["tag_weight"])
        cat = ((self.cat[r] == self.cat[k]) & (self.cat[r] >= 0)) * float(c["category_weight"])
        gap = np.abs(self.halves[r].astype(np.float64) - self.halves[k])
        date = np.exp2(-gap) * float(c["date_weight"])
        return [text, tags, cat, date]


def _scratch(name: str, shape: tuple[int, int]) -> np.ndarray:
    """A float32 array of this shape, reusing this thread's buffer of that name."""
    # A fresh 16 MB array is a fresh mmap whose page faults cost about as
    # much as filling it; a tile needs two, so each thread keeps its own.
    size = shape[0] * shape[1]
    buf = getattr(_BUFFERS, name, None)
    if buf is None or buf.size < size:
        buf = np.empty(size, np.float32)
        setattr(_BUFFERS, name, buf)
    return buf[:size].reshape(shape)


def _chunk_max(total: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Maximum of each row's column chunks [starts[i], starts[i + 1])."""
    b, n = total.shape
    if total.flags.c_contiguous or not total.flags.f_contiguous or n < CHUNK:
        return np.maximum.reduceat(total, starts, axis=1)
    # A transposed tile: the maximum over 64 rows of the original is an
    # elementwise max along contiguous rows (4x faster than reduceat here).
    full = n // CHUNK * CHUNK
    head = total.T[:full].reshape(full // CHUNK, CHUNK, b).max(axis=1).T
    if full == n:
        return head
    return np.concatenate([head, total[:, full:].max(axis=1, keepdims=True)], axis=1)


def _overlap(s: slice, lo: int, hi: int) -> slice | None:
    """The part of [lo, hi) inside s, as a slice relative to s.start (None if empty)."""
    lo, hi = max(lo, s.start), min(hi, s.stop)
    return slice(lo - s.start, hi - s.start) if lo < hi else None


def merge_top(r, c, s, m: int, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row r, the m best (row, column, score) candidates by (score desc, rank[c] asc)."""
    # Merging tiles: each tile's list holds its exact top m, so the row's top m is among them.
    order = np.lexsort((rank[c], -s, r))
    r, c, s = r[order], c[order], s[order]
    place = np.arange(len(r)) - np.searchsorted(r, r)
    return r[place < m], c[place < m], s[place < m]


def _row_dots(A: sp.csr_matrix, B: sp.csr_matrix) -> np.ndarray:
    """Dot product of A's row i with B's row i, for every i."""
    return np.asarray(A.multiply(B).sum(axis=1), dtype=np.float64).ravel()


def top_k(total: np.ndarray, m: int, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, the m best columns by (score desc, rank[column] asc); -inf never chosen."""
    b, n = total.shape
    starts = np.arange(0, n, CHUNK)
    if m <= 0 or n == 0:
        empty = np.empty(0, np.int64)
        return empty, empty, np.empty(0, total.dtype)
    cmax = _chunk_max(total, starts)
    if len(starts) > m:
        # The m-th largest chunk maximum is <= the m-th largest score (m
        # chunks each hold a score at least that big), so every column of
        # the top m, ties included, scores at least this bound, and lies in
        # a chunk whose maximum reaches it: only those few chunks are read.
        bound = np.partition(cmax, len(starts) - m, axis=1)[:, len(starts) - m]
    else:
        bound = np.full(b, -np.inf, dtype=total.dtype)
    hit_r, hit_k = np.nonzero(cmax >= bound[:, None])
    cols = (starts[hit_k][:, None] + np.arange(CHUNK)).ravel()
    rows = np.repeat(hit_r, CHUNK)
    inside = cols < n
    r, c = rows[inside], cols[inside]
    s = total[r, c]
    keep = (s >= bound[r]) & np.isfinite(s)
    return merge_top(r[keep], c[keep], s[keep], m, rank)

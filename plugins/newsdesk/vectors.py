"""Document vectors for related-article scoring (pure: numpy/scipy only).

Public API
----------
text_matrix(docs, cfg) -> (X, hashes)
    L2-normalised TF-IDF (or BM25) rows over title+summary+body, float32
    CSR; ``hashes`` are the column term ids (see term_strings).
top_terms(X, m) -> X'
    Each row cut to its ``m`` heaviest terms (0 = all).
tag_matrix(docs) -> T
    IDF-weighted, L2-normalised doc x tag rows.
term_strings(doc) -> {hash: word or "word word"}
    The words behind a doc's term ids, for explaining results.
sorted_unique(a), lookup(vocab, h), field_counts(...), bigrams(...), l2(M)
    The numpy building blocks of the above.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

from .text import hash_token, token_hashes, tokens


def _stop_words() -> frozenset:
    # scikit-learn's list, read from a copy: importing scikit-learn costs a build ~0.8 s.
    path = os.path.join(os.path.dirname(__file__), "stopwords.txt")
    with open(path, encoding="utf-8") as handle:
        return frozenset(w.strip() for w in handle if w.strip() and not w.startswith("#"))


ENGLISH_STOP_WORDS = _stop_words()
_STOP_HASHES = np.array(sorted({hash_token(w) for w in ENGLISH_STOP_WORDS}), dtype=np.uint64)

BIGRAM_K = 0x9E3779B97F4A7C15  # odd multiplier mixing the first word's hash


def text_matrix(docs, cfg) -> tuple[sp.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF or BM25 rows over title+summary+body; column hashes."""
    n = len(docs)
    texts = [d.title for d in docs] + [d.summary for d in docs] + [d.body for d in docs]
    h, idx = token_hashes(texts)
    vocab, _ = sorted_unique(h)
    term = lookup(vocab, h)
    del h
    stopped = np.isin(vocab, stop_hashes())
    hashes = vocab
    # Words and word pairs are counted at the same time: the sorts release
    # the GIL, so the second core does the unigram counts.
    with ThreadPoolExecutor(2) as pool:
        words = pool.submit(field_counts, idx, term, n, len(vocab), cfg)
        B, pairs = _bigram_counts(term, idx, stopped, n, cfg) if int(cfg["ngram_max"]) >= 2 else (None, None)
        C = words.result()
    if B is not None:
        C = sp.hstack([C, B], format="csr")
        hashes = np.concatenate([vocab, bigram_hash(vocab, pairs)])
        stopped = np.concatenate([stopped, np.zeros(len(pairs), dtype=bool)])
    del term, idx
    df = np.bincount(C.indices, minlength=C.shape[1])
    keep = (df >= df_bound(cfg["min_df"], n)) & (df <= df_bound(cfg["max_df"], n, DF_FLOOR)) & ~stopped
    C, hashes, df = _keep_columns(C, keep), hashes[keep], df[keep]
    if cfg["method"] == "bm25":
        X = _bm25(C, df, cfg)
    elif cfg["method"] == "tfidf":
        X = _tfidf(C, df, bool(cfg["sublinear_tf"]))
    else:
        raise ValueError(f"unknown method {cfg['method']!r}; use 'tfidf' or 'bm25'")
    return l2(top_terms(X, int(cfg["max_terms"] or 0))), hashes


def _bigram_counts(term, idx, stopped, n: int, cfg) -> tuple[sp.csr_matrix, np.ndarray]:
    """Doc x bigram counts and the sorted bigram ids (first * V + second) of its columns."""
    pair, pidx = bigrams(term, idx, stopped)
    pairs, _ = sorted_unique(pair)
    return field_counts(pidx, lookup(pairs, pair), n, len(pairs), cfg), pairs


def bigrams(term: np.ndarray, idx: np.ndarray, stopped: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids (first * V + second, as uint64) of adjacent non-stop word pairs, and their text index."""
    # sklearn forms bigrams after stop-word removal ("user research" from
    # "user of research"), so pairs are taken over the surviving tokens.
    live = ~stopped[term]
    term, idx = term[live].astype(np.uint64), idx[live]
    same = idx[1:] == idx[:-1]
    return term[:-1][same] * np.uint64(len(stopped)) + term[1:][same], idx[:-1][same]


def bigram_hash(vocab: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """The hash term_strings gives each bigram id (first * V + second)."""
    first, second = np.divmod(pairs, np.uint64(len(vocab)))
    with np.errstate(over="ignore"):
        return vocab[first] * np.uint64(BIGRAM_K) + vocab[second]


def stop_hashes() -> np.ndarray:
    """Sorted hashes of scikit-learn's English stop words."""
    return _STOP_HASHES


DF_FLOOR = 20  # a share-style df bound never cuts terms found in <= this many docs


def df_bound(v, n: int, floor: int = 0) -> float:
    """sklearn-style df bound: a float is a share of n (but >= floor docs), an int a count."""
    # max_df 0.05 drops a 10k-doc site's common terms (in > 500 docs), which
    # are most of the scoring cost; on a 22-doc site 5% would be one doc and
    # leave no shared words at all, hence the floor.
    return max(v * n, min(floor, n)) if isinstance(v, float) else float(v)


def _keep_columns(C: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """C restricted to the kept columns, renumbered (no CSC round trip)."""
    live = keep[C.indices]
    rows = np.repeat(np.arange(C.shape[0]), np.diff(C.indptr))[live]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=C.shape[0]))))
    cols = (np.cumsum(keep) - 1)[C.indices[live]]
    return sp.csr_matrix((C.data[live], cols.astype(np.int32), indptr),
                         shape=(C.shape[0], int(keep.sum())))


def field_counts(idx: np.ndarray, term: np.ndarray, n: int, v: int, cfg) -> sp.csr_matrix:
    """Doc x term counts (float32) from tokens of the 3n texts title, summary, body."""
    # Text index = field * n + doc.  One sort of (doc, term, field) keys
    # counts everything (numpy's SIMD sort beats scipy's per-row sort);
    # boosting a field is weighting its counts, the same as repeating its
    # words but free.
    field, doc = np.divmod(idx, np.int32(n))  # int32: half the memory traffic
    key = doc.astype(key_dtype(n, v))
    key *= v
    key += term
    key *= 4
    key += field
    del field, doc
    key, counts = sorted_unique(key)
    boost = np.array([cfg["title_boost"], cfg["summary_boost"], 1.0, 0.0], dtype=np.float32)
    weight = counts.astype(np.float32) * boost[key & 3]
    pair = key >> 2
    first = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1]))) if len(pair) else pair
    weight, pair = np.add.reduceat(weight, first) if len(pair) else weight, pair[first]
    live = weight != 0  # a zero boost must not count toward df
    rows, cols = np.divmod(pair[live], v)
    indptr = np.searchsorted(rows, np.arange(n + 1))
    return sp.csr_matrix((weight[live], cols.astype(np.int32), indptr), shape=(n, v))


def key_dtype(n: int, v: int) -> type:
    """The narrower of int32/int64 that holds every (doc * v + term) * 4 + field key."""
    # numpy's SIMD sort of 32-bit keys is ~5x faster than of 64-bit ones
    # (10k articles: 0.16 s -> 0.03 s per sort); the order is the same.
    return np.int32 if n * v * 4 <= np.iinfo(np.int32).max else np.int64


def lookup(vocab: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Index of each uint64 id in the sorted vocab (a direct table, then a fallback)."""
    # searchsorted over millions of tokens is slow; a table indexed by a
    # multiplicative hash answers almost all of them and the few table
    # collisions are redone.  (Short tokens are their own bytes, so their
    # low bits are not random: they must be mixed first.)
    bits = max(16, int(np.ceil(np.log2(max(len(vocab), 1)))) + 3)
    shift = np.uint64(64 - bits)
    with np.errstate(over="ignore"):
        table = np.zeros(1 << bits, dtype=np.int32)
        table[(vocab * np.uint64(BIGRAM_K)) >> shift] = np.arange(len(vocab), dtype=np.int32)
        term = table[(h * np.uint64(BIGRAM_K)) >> shift]
    bad = np.flatnonzero(vocab[term] != h) if len(vocab) else np.empty(0, np.int64)
    term[bad] = np.searchsorted(vocab, h[bad])
    return term


def sorted_unique(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts (np.sort beats np.unique's argsort)."""
    a = np.sort(a)
    if not len(a):
        return a, np.empty(0, dtype=np.int64)
    first = np.flatnonzero(np.concatenate(([True], a[1:] != a[:-1])))
    return a[first], np.diff(np.append(first, len(a)))


def _tfidf(C: sp.csr_matrix, df: np.ndarray, sublinear: bool) -> sp.csr_matrix:
    """Smoothed-IDF TF-IDF as sklearn's TfidfTransformer (before normalising)."""
    X = C.copy()
    if sublinear:
        X.data = np.where(X.data > 1, 1 + np.log(np.maximum(X.data, 1)), X.data)
    idf = np.log((1.0 + C.shape[0]) / (1.0 + df)) + 1.0
    X.data = (X.data * idf[X.indices]).astype(np.float32)
    return X


def _bm25(C: sp.csr_matrix, df: np.ndarray, cfg) -> sp.csr_matrix:
    """Okapi BM25 term weights (saturating tf, length-normalised)."""
    n = C.shape[0]
    k1, b = float(cfg["bm25_k1"]), float(cfg["bm25_b"])
    dl = np.asarray(C.sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * dl / max(dl.mean(), 1e-9))
    X = C.copy()
    rows = np.repeat(np.arange(n), np.diff(C.indptr))
    idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
    X.data = (X.data * (k1 + 1) / (X.data + norm[rows]) * idf[X.indices]).astype(np.float32)
    return X


def top_terms(X: sp.csr_matrix, m: int) -> sp.csr_matrix:
    """Keep each row's m heaviest terms (ties at the cut kept); 0 keeps all."""
    counts = np.diff(X.indptr)
    if m <= 0 or counts.max(initial=0) <= m:
        return X
    rows = np.repeat(np.arange(X.shape[0]), counts)
    # Rows padded into a dense (n x longest-row) array, so one partition
    # finds every row's m-th weight.
    padded = np.full((X.shape[0], counts.max()), -np.inf, dtype=np.float32)
    padded[rows, np.arange(len(rows)) - X.indptr[rows]] = X.data
    cut = -np.partition(-padded, m - 1, axis=1)[:, m - 1]
    keep = X.data >= cut[rows]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[keep], minlength=X.shape[0]))))
    return sp.csr_matrix((X.data[keep], X.indices[keep], indptr), shape=X.shape)


def tag_matrix(docs) -> sp.csr_matrix:
    """Rows = docs, columns = tags, IDF-weighted and L2-normalised.

    Rare tags get large weights, so a shared rare tag outscores a shared
    common one under the cosine.
    """
    # Many articles share a tag tuple (10k synthetic: half), so each is cleaned once.
    clean: dict[tuple, list[str]] = {}
    keys = [tuple(d.tags) for d in docs]  # a caller may pass a list
    for k in keys:
        if k not in clean:
            clean[k] = sorted({t.strip().lower() for t in k if t.strip()})
    per_doc = [clean[k] for k in keys]
    names = sorted({t for tags in per_doc for t in tags})
    col = {t: i for i, t in enumerate(names)}
    cols = np.array([col[t] for tags in per_doc for t in tags], dtype=np.int32)
    indptr = np.concatenate(([0], np.cumsum([len(tags) for tags in per_doc])))
    n = len(docs)
    idf = np.log((1.0 + n) / (1.0 + np.bincount(cols, minlength=len(names)))) + 1.0
    return l2(sp.csr_matrix((idf[cols].astype(np.float32), cols, indptr), shape=(n, len(names))))


def l2(M: sp.csr_matrix) -> sp.csr_matrix:
    """Scale each row to unit length (empty rows stay empty)."""
    M = sp.csr_matrix(M, dtype=np.float32, copy=True)
    sq = np.bincount(np.repeat(np.arange(M.shape[0]), np.diff(M.indptr)),
                     weights=M.data.astype(np.float64) ** 2, minlength=M.shape[0])
    norms = np.sqrt(sq)
    norms[norms == 0] = 1.0
    M.data /= np.repeat(norms, np.diff(M.indptr)).astype(np.float32)
    return M


def term_strings(doc) -> dict[int, str]:
    """Map token (and bigram) hashes back to words, for the terms of one doc."""
    out = {}
    for text in (doc.title, doc.summary, doc.body):
        words = tokens(text)
        hs = [hash_token(w) for w in words]
        out.update(zip(hs, words))
        kept = [(hv, w) for hv, w in zip(hs, words) if w not in ENGLISH_STOP_WORDS]
        for (h1, w1), (h2, w2) in zip(kept, kept[1:]):
            out[(h1 * BIGRAM_K + h2) & 0xFFFFFFFFFFFFFFFF] = f"{w1} {w2}"
    return out

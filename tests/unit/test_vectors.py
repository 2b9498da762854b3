"""Unit tests for plugins/newsdesk/vectors.py and the top-k of scoring.py (small, by hand)."""

import datetime as dt

import numpy as np

from newsdesk import scoring, vectors
from newsdesk.related import DEFAULTS, Doc
from newsdesk.text import hash_token

CFG = dict(DEFAULTS, min_df=1, max_df=1.0, title_boost=2.0, summary_boost=1.0)


def doc(slug, body, title="", summary="", tags=()):
    return Doc(slug, title, summary, body, tuple(tags), None, dt.date(2024, 1, 1))


def test_sorted_unique():
    values, counts = vectors.sorted_unique(np.array([5, 1, 5, 3, 5], dtype=np.uint64))
    assert values.tolist() == [1, 3, 5] and counts.tolist() == [1, 1, 3]
    values, counts = vectors.sorted_unique(np.array([], dtype=np.uint64))
    assert len(values) == 0 and len(counts) == 0


def test_lookup_finds_every_id():
    # Ids sharing their low and high bits would collide in a naive table.
    vocab = np.array(sorted({hash_token(w) for w in ["aa", "ab", "ba", "zz", "a" * 20]}), dtype=np.uint64)
    h = vocab[[3, 0, 0, 4, 1, 2]]
    assert vectors.lookup(vocab, h).tolist() == [3, 0, 0, 4, 1, 2]


def test_field_counts_boosts_title_and_summary():
    # 2 docs; text index = field * n + doc: title, summary, body.
    idx = np.array([0, 2, 3, 4, 4, 5])  # doc0 title, doc0 summary, doc1 summary, doc0 body x2, doc1 body
    term = np.array([0, 0, 1, 0, 1, 1])
    C = vectors.field_counts(idx, term, 2, 2, dict(CFG, title_boost=3.0, summary_boost=0.5))
    assert C.toarray().tolist() == [[3 + 0.5 + 1, 1], [0, 0.5 + 1]]


def test_field_counts_zero_boost_leaves_no_entry():
    # One doc: term 0 only in the title (boost 0), term 1 in the summary.
    C = vectors.field_counts(np.array([0, 1]), np.array([0, 1]), 1, 2, dict(CFG, title_boost=0.0))
    assert C.nnz == 1 and C.toarray().tolist() == [[0, 1]]


def test_bigrams_skip_stop_words_and_text_boundaries():
    words = ["user", "of", "research", "team", "data"]
    vocab = np.array(sorted(hash_token(w) for w in words), dtype=np.uint64)
    term = vectors.lookup(vocab, np.array([hash_token(w) for w in words], dtype=np.uint64))
    idx = np.array([0, 0, 0, 0, 1])  # "data" is in the next text
    stopped = np.isin(vocab, vectors.stop_hashes())
    pairs, pidx = vectors.bigrams(term, idx, stopped)
    got = vectors.bigram_hash(vocab, pairs).tolist()
    names = vectors.term_strings(doc("d", "user of research team"))
    assert sorted(names[h] for h in got) == ["research team", "user research"]
    assert pidx.tolist() == [0, 0]


def test_df_bound_share_count_and_floor():
    assert vectors.df_bound(2, 1000) == 2.0
    assert vectors.df_bound(0.05, 1000) == 50.0
    assert vectors.df_bound(0.05, 100, floor=20) == 20  # never below the floor...
    assert vectors.df_bound(0.05, 10, floor=20) == 10  # ...nor above all docs


def test_text_matrix_rows_are_unit_and_stop_words_dropped():
    docs = [doc("a", "the solar panels"), doc("b", "solar wind"), doc("c", "")]
    X, hashes = vectors.text_matrix(docs, CFG)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    assert np.allclose(norms, [1, 1, 0], atol=1e-6)
    assert hash_token("the") not in hashes.tolist()
    assert hash_token("solar") in hashes.tolist()


def test_top_terms_keeps_heaviest():
    import scipy.sparse as sp

    X = sp.csr_matrix(np.array([[0.1, 0.5, 0.3, 0.0], [0.2, 0.0, 0.0, 0.0]], dtype=np.float32))
    assert np.allclose(vectors.top_terms(X, 2).toarray(), [[0, 0.5, 0.3, 0], [0.2, 0, 0, 0]])


def test_tag_matrix_rare_tag_weighs_more():
    docs = [doc("a", "", tags=("Rare", "common")), doc("b", "", tags=("common",)), doc("c", "", tags=("common ",))]
    T = vectors.tag_matrix(docs).toarray()
    assert T.shape == (3, 2)  # case and spaces folded: "common", "rare"
    assert T[0, 1] > T[0, 0] > 0
    assert np.allclose((T**2).sum(axis=1), 1)


def test_top_k_ties_by_rank_and_no_minus_inf():
    total = np.array([[0.5, 0.9, 0.5, -np.inf, 0.5], [-np.inf] * 5], dtype=np.float32)
    rank = np.array([4, 3, 2, 1, 0])  # column 4 is the newest
    r, c, s = scoring.top_k(total, 3, rank)
    assert r.tolist() == [0, 0, 0] and c.tolist() == [1, 4, 2]


def test_top_k_matches_brute_force():
    rng = np.random.default_rng(0)
    total = rng.integers(0, 20, size=(30, 700)).astype(np.float32)  # many ties
    rank = rng.permutation(700)
    r, c, _ = scoring.top_k(total, 5, rank)
    for row in range(30):
        expected = sorted(range(700), key=lambda j: (-total[row, j], rank[j]))[:5]
        assert c[r == row].tolist() == expected


def test_merge_top_keeps_best_m_per_row_across_lists():
    rank = np.array([3, 2, 1, 0])  # column 3 is the newest
    r = np.array([0, 0, 1, 0, 0, 1])
    c = np.array([0, 1, 0, 2, 3, 3])
    s = np.array([0.9, 0.5, 0.4, 0.5, 0.1, 0.7], dtype=np.float32)
    rr, cc, ss = scoring.merge_top(r, c, s, 2, rank)
    assert rr.tolist() == [0, 0, 1, 1] and cc.tolist() == [0, 2, 3, 0]  # tie 1 vs 2: rank
    assert ss.tolist() == s[[0, 3, 5, 2]].tolist()


def test_overlap_is_relative_to_the_slice():
    assert scoring._overlap(slice(10, 20), 15, 30) == slice(5, 10)
    assert scoring._overlap(slice(10, 20), 0, 10) is None


def test_key_dtype_narrow_only_when_keys_fit():
    assert vectors.key_dtype(10_000, 17_000) == np.int32
    assert vectors.key_dtype(100_000, 100_000) == np.int64


def test_chunk_max_of_a_transposed_view_matches_reduceat():
    rng = np.random.default_rng(1)
    for n in (64, 200, 30):
        total = rng.random((n, 150)).astype(np.float32).T  # F-ordered view, 150 x n
        starts = np.arange(0, n, scoring.CHUNK)
        expected = np.maximum.reduceat(np.ascontiguousarray(total), starts, axis=1)
        assert np.array_equal(scoring._chunk_max(total, starts), expected)


def test_top_k_of_a_transposed_view_matches_a_copy():
    rng = np.random.default_rng(2)
    total = rng.integers(0, 9, size=(300, 40)).astype(np.float32).T  # ties
    rank = rng.permutation(300)
    view, copy = scoring.top_k(total, 4, rank), scoring.top_k(np.ascontiguousarray(total), 4, rank)
    assert all(np.array_equal(x, y) for x, y in zip(view, copy))


def test_scratch_reuses_one_buffer_per_name():
    a = scoring._scratch("test", (3, 4))
    b = scoring._scratch("test", (2, 5))
    assert a.shape == (3, 4) and b.shape == (2, 5) and np.shares_memory(a, b)


def test_stop_words_are_scikit_learns_list():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN

    from newsdesk.vectors import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == SKLEARN

"""Unit tests for plugins/newsdesk/related.py (each checkable by hand)."""

import datetime as dt
import random

import pytest

from newsdesk import related as R

D0 = dt.date(2024, 1, 1)
# Text-only unless a test says otherwise: no date/tag/category noise.
TEXT_ONLY = {"tag_weight": 0.0, "date_weight": 0.0, "category_weight": 0.0, "min_score": 0.0,
             "min_df": 1, "max_df": 1.0}


def doc(slug, body="", tags=(), days=0, lang="en", title="", category=None):
    return R.Doc(slug, title, "", body, tuple(tags), category, D0 + dt.timedelta(days=days), lang)


def slugs(lists, docs, slug):
    return [s.slug for s in lists[[d.slug for d in docs].index(slug)]]


def corpus():
    return [
        doc("a", "solar panels rooftop inverter battery storage", days=0),
        doc("a-copy", "solar panels rooftop inverter battery storage grid", days=1),
        doc("wind", "wind turbine blades offshore grid", days=2),
        doc("tax", "income tax return deadline penalty", days=3),
        doc("court", "court hearing appeal judge penalty", days=4),
        doc("fr", "solar panels rooftop inverter battery storage", days=5, lang="fr"),
    ]


def test_near_duplicate_ranks_first():
    docs = corpus()
    out = R.related_lists(docs, TEXT_ONLY)
    assert slugs(out, docs, "a")[0] == "a-copy"
    assert slugs(out, docs, "a-copy")[0] == "a"


def test_shared_rare_tag_beats_shared_common_tag():
    # "common" is on 5 docs, "rare" on 2: idf(rare) > idf(common), and
    # src's tag vector has both, so cos(src, rare-doc) > cos(src, common-doc).
    docs = [doc("src", "alpha", ("rare", "common")), doc("r", "beta", ("rare",), days=-5),
            doc("c", "gamma", ("common",), days=5)] + [doc(f"f{i}", f"w{i}", ("common",), days=-9) for i in range(3)]
    cfg = dict(TEXT_ONLY, tag_weight=1.0)
    out = R.related_lists(docs, cfg)
    first, second = out[0][:2]
    assert (first.slug, second.slug) == ("r", "c")
    assert first.tags > second.tags > 0


@pytest.mark.parametrize("count", [1, 2, 3])
def test_pins_first_in_order_and_count_toward_max(count):
    docs = corpus()
    pins = {"a": ["court", "tax"]}
    out = R.related_lists(docs, dict(TEXT_ONLY, count=count), pins=pins)
    got = out[0]
    assert len(got) == count
    expected = ["court", "tax", "a-copy"][:count]
    assert [s.slug for s in got] == expected
    assert [s.pinned for s in got] == [i < 2 for i in range(count)]


def test_pins_kept_even_below_min_score():
    docs = corpus()
    out = R.related_lists(docs, dict(TEXT_ONLY, min_score=0.99), pins={"a": ["court"]})
    assert [s.slug for s in out[0]] == ["court"]


@pytest.mark.parametrize("excluded", [{"a-copy"}, {"a-copy", "wind"}])
def test_excluded_never_appear(excluded):
    docs = corpus()
    out = R.related_lists(docs, dict(TEXT_ONLY, count=10), excludes={"a": excluded})
    assert not excluded & set(slugs(out, docs, "a"))
    assert len(slugs(out, docs, "a")) == 4 - len(excluded)


def test_never_itself_and_never_other_language():
    docs = corpus()
    out = R.related_lists(docs, dict(TEXT_ONLY, count=10))
    for d, lst in zip(docs, out):
        assert d.slug not in [s.slug for s in lst]
        if d.lang == "fr":
            assert lst == []  # the only French doc
        else:
            assert "fr" not in [s.slug for s in lst]


@pytest.mark.parametrize("kind,mapping,missing", [
    ("pins", {"a": ["nope"]}, ("a", "nope")),
    ("excludes", {"a": {"gone"}}, ("a", "gone")),
    ("pins", {"ghost": ["a"]}, ("ghost", "ghost")),
])
def test_unknown_slug_names_both(kind, mapping, missing):
    with pytest.raises(R.UnknownSlug) as err:
        R.related_lists(corpus(), TEXT_ONLY, **{kind: mapping})
    assert (err.value.source_slug, err.value.missing_slug) == missing
    assert missing[0] in str(err.value) and missing[1] in str(err.value)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_deterministic_and_order_independent(seed):
    docs = corpus() + [doc(f"x{i}", "grid battery wind tax", ("t",), days=i % 3) for i in range(6)]
    cfg = {"min_df": 1, "max_df": 1.0}
    first = R.related_lists(docs, cfg)
    assert R.related_lists(docs, cfg) == first
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    again = R.related_lists(shuffled, cfg)
    by_slug = {d.slug: lst for d, lst in zip(shuffled, again)}
    assert [by_slug[d.slug] for d in docs] == first


def test_ties_break_by_date_newer_first_then_slug():
    # Nothing shared: every score is 0, so order is date desc, then slug.
    docs = [doc("src", "one"), doc("old", "two", days=-10), doc("new-b", "three", days=5),
            doc("new-a", "four", days=5), doc("mid", "five", days=1)]
    out = R.related_lists(docs, TEXT_ONLY)
    assert [s.slug for s in out[0]] == ["new-a", "new-b", "mid", "old"]
    assert all(s.score == 0 for s in out[0])


@pytest.mark.parametrize("min_score,expected", [(0.0, 4), (0.5, 1), (1.01, 0)])
def test_min_score_cuts(min_score, expected):
    docs = corpus()
    out = R.related_lists(docs, dict(TEXT_ONLY, min_score=min_score))
    # "a" vs "a-copy": 6 of 7 shared words -> cosine well above 0.5;
    # every other same-language doc shares nothing with "a" (score 0).
    assert len(out[0]) == expected


def test_scored_parts_add_up_and_explain():
    docs = corpus()
    cfg = {"min_df": 1, "max_df": 1.0, "ngram_max": 1}
    for lst in R.related_lists(docs, cfg):
        for s in lst:
            assert s.score == pytest.approx(s.text + s.tags + s.category + s.date, abs=1e-8)
    rows = R.explain(docs, cfg, "a", 2)
    assert rows[0]["slug"] == "a-copy"
    assert set(rows[0]["shared_terms"]) <= {"solar", "panels", "rooftop", "inverter", "battery", "storage"}
    assert len(rows[0]["shared_terms"]) == 6


def test_ties_ignore_category_grouping():
    # Docs are held grouped by category internally; with the category
    # weight at 0, ties must still go newer first, then slug.
    docs = [doc("src", "one", category="b"), doc("old", "two", days=-10, category="a"),
            doc("new-b", "three", days=5, category="c"), doc("new-a", "four", days=5, category="b"),
            doc("mid", "five", days=1)]
    out = R.related_lists(docs, TEXT_ONLY)
    assert [s.slug for s in out[0]] == ["new-a", "new-b", "mid", "old"]


def test_same_category_bonus():
    docs = [doc("src", "one", category="law"), doc("same", "two", days=-10, category="law"),
            doc("other", "three", days=5, category="tax")]
    out = R.related_lists(docs, dict(TEXT_ONLY, category_weight=0.05))
    assert [(s.slug, s.category) for s in out[0]] == [("same", 0.05), ("other", 0.0)]


def test_unknown_config_keys_are_ignored():
    docs = corpus()
    assert R.related_lists(docs, dict(TEXT_ONLY, heading="Related")) == R.related_lists(docs, TEXT_ONLY)
    assert "large_site_docs" not in R.DEFAULTS
    assert all(line.split()[0] in R.DEFAULTS or "," in line.split()[0]
               for line in R.DEFAULTS_DOC.strip().splitlines()[1:] if not line.startswith(" "))


def test_symmetric_tiles_give_the_same_lists_as_one_tile(monkeypatch):
    rng = random.Random(3)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()
    docs = [doc(f"d{i}", " ".join(rng.choices(words, k=12)), tags=rng.sample(words[:4], 2),
                days=rng.randrange(50), category=rng.choice([None, "a", "b"])) for i in range(23)]
    cfg = dict(min_df=1, max_df=1.0, min_score=0.0)
    pins, excludes = {"d1": ["d5"], "d7": ["d2", "d3"]}, {"d4": {"d9"}, "d9": {"d4", "d0"}}
    one = R.related_lists(docs, cfg, pins, excludes)
    monkeypatch.setattr(R, "_BLOCK_CELLS", 25)  # 5 x 5 tiles: 15 scored, 10 transposed
    assert R.related_lists(docs, cfg, pins, excludes) == one
    for d, items in zip(docs, one):  # explain (one block, no tiles) agrees
        assert [e["slug"] for e in R.explain(docs, cfg, d.slug, 4, pins, excludes)] == [s.slug for s in items]



@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cfg", [dict(min_df=1, max_df=1.0, min_score=0.0), {}, TEXT_ONLY])
def test_one_list_is_that_doc_s_list_among_all(seed, cfg):
    """related_list (the preview's edited page) gives each doc the list related_lists does."""
    rng = random.Random(seed)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()
    # Copies of a few articles (slug and language aside) make exact score ties: the
    # tie-break must agree as well.
    kinds = [dict(body=" ".join(rng.choices(words, k=12)), tags=rng.sample(words[:4], 2),
                  days=rng.randrange(5), category=rng.choice([None, "a", "b"]))
             for _ in range(8)]
    docs = [doc(f"d{i}", lang=rng.choice(["en", "en", "cy"]), **rng.choice(kinds))
            for i in range(31)]
    pins, excludes = {"d1": ["d5"], "d7": ["d2", "d3"]}, {"d4": {"d9"}, "d9": {"d4", "d0"}}
    every = R.related_lists(docs, cfg, pins, excludes)
    ties = sum(len({s.score for s in items}) < len(items) for items in every)
    assert ties  # the corpus does hold tied scores
    for d, items in zip(docs, every):
        assert R.related_list(docs, cfg, d.slug, pins, excludes) == items


def test_one_list_names_an_unknown_slug():
    with pytest.raises(R.UnknownSlug, match="nope"):
        R.related_list(corpus(), TEXT_ONLY, "nope")

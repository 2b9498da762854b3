"""Unit tests for plugins/newsdesk/evaluate.py on tests/fixtures/mini-corpus."""

from pathlib import Path

import pytest

from newsdesk import evaluate as E

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini-corpus"
POSTS, LINKS = str(MINI / "content" / "posts"), str(MINI / "INTERNAL_LINKS.tsv")
# Fixture by hand: apples{fruit,red} -> pears{fruit}; trains{transport} -> cars{red}.
# apples and pears share orchard/harvest/juicy/crews; cars and trains share
# engine/wheels/vehicle/turns; nothing else shares a kept word.


def test_load_corpus_removes_self_links_and_resolves_tsv():
    docs, targets, skipped = E.load_corpus(POSTS, LINKS)
    by = {d.slug: d for d in docs}
    assert sorted(by) == ["2020-01-01-apples", "2020-01-02-pears", "2020-01-03-cars", "2020-01-04-trains"]
    assert targets == {"2020-01-01-apples": {"2020-01-02-pears"}, "2020-01-04-trains": {"2020-01-03-cars"}}
    assert skipped == []
    # Link text to corpus posts is gone (relative via | url, and absolute).
    assert "pears article" not in by["2020-01-01-apples"].body
    assert "about cars" not in by["2020-01-04-trains"].body
    assert "{%" not in by["2020-01-01-apples"].body
    assert by["2020-01-02-pears"].date.isoformat() == "2020-01-02"  # from the file name
    assert by["2020-01-03-cars"].summary == "Red cars."  # description fallback


@pytest.mark.parametrize("k,tag_hit,tag_recall", [
    # k=1: apples' tag ties (pears, cars share 1 tag) go newer first -> cars: miss;
    #      trains shares no tag -> empty list: miss.  0/2.
    (1, 0.0, 0.0),
    # k=2: apples -> [cars, pears] hits; trains still empty.  1/2.
    (2, 0.5, 0.5),
])
def test_tag_only_baseline_by_hand(k, tag_hit, tag_recall):
    result = E.evaluate(POSTS, LINKS, k=k)
    tag = result["systems"]["tag_only"]
    assert (tag["hit"], tag["recall"], tag["sources"]) == (tag_hit, tag_recall, 2)


def test_newsdesk_finds_both_links_at_k1():
    # Text dominates: apples' nearest is pears, trains' nearest is cars.
    news = E.evaluate(POSTS, LINKS, k=1)["systems"]["newsdesk"]
    assert (news["hit"], news["recall"], news["sources"]) == (1.0, 1.0, 2)


def test_metrics_by_hand():
    lists = {"s1": ["a", "b", "c"], "s2": ["x"], "s3": []}
    targets = {"s1": {"a", "z"}, "s2": {"y"}, "s3": {"q"}}
    m = E._metrics(lists, targets, 2)
    assert m == {"hit": pytest.approx(1 / 3), "recall": pytest.approx(0.5 / 3), "sources": 3}


def test_format_report_and_main(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert E.main(["--corpus", POSTS, "--links", LINKS, "--json", str(out), "--k", "2"]) == 0
    text = capsys.readouterr().out
    assert "Newsdesk" in text and "tag-only" in text and "recall@2" in text
    assert out.exists() and '"tag_only"' in out.read_text()


@pytest.mark.parametrize("href,key", [
    ("/2015/07/08/openfec-api/", "/2015/07/08/openfec-api/"),
    ("https://18f.gsa.gov/2014/3/19/hello-world/#top", "/2014/03/19/hello-world/"),
    ("https://example.com/2014/03/19/hello/", None),
    ("/guides/", None),
])
def test_href_key(href, key):
    assert E._href_key(href) == key


def test_an_unknown_config_key_is_refused_not_ignored(capsys):
    with pytest.raises(SystemExit) as stop:
        E.main(["--corpus", POSTS, "--links", LINKS,
                "--config", '{"tag_weigth": 0.5}'])
    assert stop.value.code == 2
    assert "unknown scoring key(s) tag_weigth" in capsys.readouterr().err

"""Offline relevance check: do related lists find the posts authors linked?

Pure module (no Pelican).  Usage::

    PYTHONPATH=plugins python -m newsdesk.evaluate --corpus DIR --links TSV
        [--json FILE] [--k 5] [--config '{"tag_weight": 0.5}']

Speed is measured by ``invoke bench`` (tools/bench.py), not here.

Public API
----------
load_corpus(corpus_dir, links_tsv) -> (docs, targets, skipped)
    Read posts (frontmatter.parse), render Markdown, REMOVE links to the
    corpus's own posts (text included, so the answer is not leaked), strip
    to plain text.  ``targets`` maps source slug -> set of linked slugs.
evaluate(corpus_dir, links_tsv, config=None, k=5) -> dict
    hit@k and recall@k for Newsdesk, a tag-only baseline (shared tag count,
    newer first, as Pelican's related_posts) and plain TF-IDF (sklearn).
format_report(result) -> str
main(argv=None) -> int
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import json
import os
import re
import sys

import lxml.html
import markdown
import numpy as np

from .frontmatter import FILE_DATE, FrontMatterError, parse
from .related import DEFAULTS, Doc, related_lists
from .text import plain_text

# /YYYY/MM/DD/slug/ on the site, relative or absolute (any 18f host).
_POST_URL = re.compile(
    r"(?:https?:)?(?://(?:www\.)?18f\.gsa\.gov)?/(\d{4})/(\d{1,2})/(\d{1,2})/([\w.%-]+)/?(?=[\s\"'<>)#?]|$)",
    re.I,
)


def _url_key(y, m, d, slug) -> str:
    """Canonical form of a dated post URL."""
    return f"/{int(y):04d}/{int(m):02d}/{int(d):02d}/{slug.lower().rstrip('/')}/"


def _href_key(href: str) -> str | None:
    """Canonical post URL of an href, or None when it is not a dated post URL."""
    m = _POST_URL.match(href.strip())
    return _url_key(*m.groups()) if m else None


def _post_urls(stem: str, meta: dict) -> set[str]:
    """Every URL a post answers to: file-name scheme, permalink, redirects."""
    urls = set()
    fm = FILE_DATE.match(stem)
    if fm:
        urls.add(_url_key(*fm.groups()))
    for key in ("permalink", "redirect_from"):
        for value in meta.get(key, "").split(","):
            k = _href_key(value)
            if k:
                urls.add(k)
    return urls


def strip_links(html: str, urls: set[str]) -> str:
    """Remove <a> elements (text included) that point at any of ``urls``."""
    if not html.strip():
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for a in root.xpath("//a[@href]"):
        if _href_key(a.get("href", "")) in urls:
            a.drop_tree()  # drop_tree keeps the tail text that follows
    html = lxml.html.tostring(root, encoding="unicode")
    # Bare URLs in text would leak the target's slug words as well.
    return _POST_URL.sub(lambda m: "" if _url_key(*m.groups()) in urls else m.group(0), html)


def _date(value: str) -> dt.date:
    """The date front matter gives (frontmatter.parse already falls back on the file name)."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return dt.date(1970, 1, 1)  # undated: oldest, so the date term barely counts


def load_corpus(corpus_dir: str, links_tsv: str):
    """Docs with self-links removed, author link targets, and skipped files."""
    paths = sorted(glob.glob(os.path.join(corpus_dir, "*.md")))
    parsed, urls, skipped = {}, set(), []
    for path in paths:
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as fh:
            try:
                p = parse(fh.read(), path)
            except FrontMatterError as exc:
                skipped.append(str(exc))
                continue
        parsed[stem] = p
        urls |= _post_urls(stem, p.meta)
    md = markdown.Markdown(extensions=["extra"])
    docs = []
    for stem, p in parsed.items():
        body = plain_text(strip_links(md.reset().convert(p.body), urls))
        summary = plain_text(strip_links(md.reset().convert(p.meta.get("summary", "")), urls))
        tags = tuple(t.strip() for t in p.meta.get("tags", "").split(",") if t.strip())
        title = plain_text(md.reset().convert(p.meta.get("title", "")))
        docs.append(Doc(stem, title, summary, body, tags, p.meta.get("category"), _date(p.meta.get("date", ""))))
    root = os.path.dirname(os.path.abspath(links_tsv))
    known = {os.path.abspath(os.path.join(corpus_dir, s + ".md")): s for s in parsed}
    targets: dict[str, set[str]] = {}
    with open(links_tsv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            src = known.get(os.path.abspath(os.path.join(root, row["source"])))
            dst = known.get(os.path.abspath(os.path.join(root, row["target"])))
            if src and dst and src != dst:
                targets.setdefault(src, set()).add(dst)
    return docs, targets, skipped


def tag_only_lists(docs, k: int) -> list[list[str]]:
    """Pelican related_posts: most shared tags, ties newer first (then slug)."""
    names = sorted({t.lower() for d in docs for t in d.tags})
    col = {t: i for i, t in enumerate(names)}
    T = np.zeros((len(docs), len(names)), dtype=np.int32)
    for r, d in enumerate(docs):
        T[r, [col[t.lower()] for t in d.tags]] = 1
    shared = T @ T.T
    np.fill_diagonal(shared, 0)
    days = np.array([d.date.toordinal() for d in docs])
    slug_rank = np.argsort(np.argsort([d.slug for d in docs]))
    out = []
    for r in range(len(docs)):
        order = np.lexsort((slug_rank, -days, -shared[r]))
        out.append([docs[c].slug for c in order[:k] if shared[r, c] > 0])
    return out


def tfidf_lists(docs, k: int) -> list[list[str]]:
    """Plain scikit-learn TF-IDF cosine over title+summary+body (reference)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(stop_words="english").fit_transform([f"{d.title} {d.summary} {d.body}" for d in docs])
    S = (X @ X.T).toarray()
    np.fill_diagonal(S, -1)
    days = np.array([d.date.toordinal() for d in docs])
    return [[docs[c].slug for c in np.lexsort((-days, -np.round(S[r], 9)))[:k]] for r in range(len(docs))]


def _metrics(lists: dict[str, list[str]], targets: dict[str, set[str]], k: int) -> dict:
    """hit@k and recall@k over sources with at least one target."""
    hits, recalls = [], []
    for src, tgt in sorted(targets.items()):
        top = set(lists.get(src, [])[:k])
        hits.append(bool(top & tgt))
        recalls.append(len(top & tgt) / len(tgt))
    n = len(hits)
    return {"hit": sum(hits) / n if n else 0.0, "recall": sum(recalls) / n if n else 0.0, "sources": n}


def score_systems(docs, targets, config=None, k=5, baselines=True) -> dict:
    """Metrics for Newsdesk (and, optionally, both baselines) on loaded docs."""
    unknown = sorted(set(config or {}) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown scoring key(s) {', '.join(unknown)}; valid keys are "
                         f"{', '.join(sorted(DEFAULTS))}")
    cfg = dict(DEFAULTS, **(config or {}))
    cfg["count"] = k
    news = related_lists(docs, cfg)
    systems = {"newsdesk": _metrics({d.slug: [s.slug for s in r] for d, r in zip(docs, news)}, targets, k)}
    if baselines:
        for name, fn in (("tag_only", tag_only_lists), ("tfidf", tfidf_lists)):
            systems[name] = _metrics({d.slug: r for d, r in zip(docs, fn(docs, k))}, targets, k)
    return {"k": k, "posts": len(docs), "config": cfg, "systems": systems}


def evaluate(corpus_dir, links_tsv, config=None, k=5) -> dict:
    """Load a corpus and compare Newsdesk with the baselines at k."""
    docs, targets, skipped = load_corpus(corpus_dir, links_tsv)
    result = score_systems(docs, targets, config, k)
    result["skipped"] = skipped
    return result


def format_report(result) -> str:
    """Side-by-side table of hit@k / recall@k per system."""
    k = result["k"]
    rows = [f"{'system':<12} {'hit@' + str(k):>8} {'recall@' + str(k):>10} {'sources':>8}"]
    labels = {"newsdesk": "Newsdesk", "tag_only": "tag-only", "tfidf": "plain TF-IDF"}
    for name, m in result["systems"].items():
        rows.append(f"{labels.get(name, name):<12} {m['hit']:>8.3f} {m['recall']:>10.3f} {m['sources']:>8d}")
    rows.append(f"({result['posts']} posts; {len(result.get('skipped', []))} skipped)")
    return "\n".join(rows)


def main(argv=None) -> int:
    """Command line: print the report, optionally write JSON."""
    ap = argparse.ArgumentParser(prog="newsdesk-evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="folder of Markdown posts")
    ap.add_argument("--links", help="INTERNAL_LINKS.tsv (paths relative to its folder)")
    ap.add_argument("--json", help="also write the result as JSON here")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--config", default="{}", help="JSON object overriding DEFAULTS")
    args = ap.parse_args(argv)
    config = json.loads(args.config)
    if not (args.corpus and args.links):
        ap.error("--corpus and --links are required")
    try:
        result = evaluate(args.corpus, args.links, config, args.k)
    except ValueError as exc:  # an unknown --config key
        ap.error(str(exc))
    print(format_report(result))
    for msg in result["skipped"]:
        print("skipped:", msg, file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

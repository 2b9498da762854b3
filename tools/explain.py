"""Read the site's articles through Pelican (no writing) and explain their related lists."""

from __future__ import annotations

import json
import os
import tempfile

from tools.build import ROOT, _content_overrides


def read_articles(settings_file: str = "pelicanconf.py", content: str | None = None):
    """Run Pelican's readers and the newsdesk plugin; return the ArticlesGenerator."""
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator
    from pelican.settings import read_settings

    from newsdesk.adapter.run import fresh_context

    settings_file = os.path.join(ROOT, settings_file)
    over = _content_overrides(settings_file, content) if content else {}
    settings = read_settings(settings_file, override=over)
    Pelican(settings)  # loads and registers the plugins, as a build does
    generator = ArticlesGenerator(context=fresh_context(settings), settings=settings, path=settings["PATH"],
                                  theme=settings["THEME"], output_path=tempfile.gettempdir())
    generator.generate_context()
    return generator


def explain(generator, slug: str, count: int) -> list[dict]:
    """The top `count` for `slug`, with each score's parts, shared terms and shared tags."""
    from newsdesk import adapter, related

    candidates = generator.articles + generator.translations
    article = next((a for a in candidates if a.slug == slug), None)
    if article is None:
        raise KeyError(f"no published article has the slug {slug!r}")
    if adapter.hides_related(article):
        return []  # `related: none`: the build shows no list
    # The same inputs the build scores; the core keeps the list to the article's language.
    facts = adapter.read_facts(candidates)
    urls, docs, pins, excludes = adapter.scoring_inputs(candidates, facts)
    by_url = dict(zip(urls, candidates))
    rows = related.explain(docs, generator.settings["RELATED_ARTICLES"], facts[id(article)][0],
                           count, pins, excludes)
    # The scoring keys articles by URL; show editors the slugs they write.
    return [{**row, "slug": by_url[row["slug"]].slug} for row in rows]


def all_lists(generator) -> dict:
    """Every published article's list with its scores, keyed by article URL (stable order)."""
    from newsdesk import adapter

    candidates = generator.articles + generator.translations
    facts = adapter.read_facts(candidates)
    slug_of = {facts[id(a)][0]: a.slug for a in candidates}
    # The same scoring the build uses, kept with its score parts.
    out = {url: [{"slug": slug_of[s.slug], "url": s.slug, "score": s.score, "text": s.text,
                  "tags": s.tags, "category": s.category, "date": s.date, "pinned": s.pinned}
                 for s in scored]
           for _article, url, scored in adapter.scored_lists(
               candidates, generator.settings["RELATED_ARTICLES"], facts)}
    return dict(sorted(out.items()))


def format_explanation(slug: str, rows: list[dict]) -> str:
    """A readable table of one article's related list."""
    lines = [f"Related to {slug}:", f"{'#':>2}  {'score':>6}  {'text':>6}  {'tags':>6}  "
             f"{'categ':>6}  {'date':>6}  slug"]
    if not rows:
        lines.append("    (no related articles: `related: none`, or none scores min_score)")
    for i, row in enumerate(rows, 1):
        lines.append(f"{i:>2}  {row['score']:6.3f}  {row['text']:6.3f}  {row['tags']:6.3f}  "
                     f"{row['category']:6.3f}  {row['date']:6.3f}  {row['slug']}"
                     + ("  (pinned)" if row.get("pinned") else ""))
        if row.get("shared_terms"):
            lines.append(f"{'':>10}shared terms: {', '.join(row['shared_terms'])}")
        if row.get("shared_tags"):
            lines.append(f"{'':>10}shared tags:  {', '.join(row['shared_tags'])}")
    return "\n".join(lines)


def write_json(data: dict, path: str) -> None:
    """Write `data` as stable, pretty JSON."""
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")

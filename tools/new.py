"""`invoke new "Title" --category AREA`: start an article with complete front matter.

Pure-ish: `article_text` and `choose_authors` are plain functions; `create` writes one file.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

from newsdesk.check import slugify


class NewArticleError(Exception):
    """The article cannot be created; the message says why and what to do."""


def match_category(name: str, areas: list[str]) -> str:
    """The practice area `name` refers to (case-insensitive); raise listing the valid ones."""
    wanted = name.strip().casefold()
    for area in areas:
        if wanted in (area.casefold(), slugify(area)):
            return area
    raise NewArticleError(f"unknown category {name!r}. Use one of the practice areas "
                          f"(PRACTICE_AREAS): {', '.join(areas)}")


def _header_value(text: str, key: str) -> str:
    head = text.split("\n\n", 1)[0]
    match = re.search(rf"^{key}:[ \t]*(.*)$", head, re.M | re.I)
    return match.group(1).strip() if match else ""


def choose_authors(texts: list[str], category: str, default: str) -> str:
    """The Authors most used by existing articles in `category`; `default` when there are none."""
    counts = collections.Counter(
        _header_value(t, "Authors") or _header_value(t, "Author") for t in texts
        if _header_value(t, "Category").casefold() == category.casefold())
    counts.pop("", None)
    # Most used first; ties go to the alphabetically first, so the choice is stable.
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked else default


def article_text(title: str, category: str, tags: list[str], authors: str,
                 now: dt.datetime) -> str:
    """The new article: Pelican header (Summary left empty for the editor) and a body prompt."""
    if not title.strip() or "\n" in title:
        raise NewArticleError("the title must be one non-empty line")
    return (f"Title: {title.strip()}\nDate: {now:%Y-%m-%d %H:%M}\nSlug: {slugify(title)}\n"
            f"Category: {category}\nTags: {', '.join(tags)}\nAuthors: {authors}\nSummary:\n\n"
            "Write the article here. Then fill in the Summary: one plain sentence, "
            "at most 160 characters.\n")


def parse_tags(raw: str | None) -> list[str]:
    """`a, b,c` -> ["a", "b", "c"], blanks dropped."""
    return [t.strip() for t in (raw or "").split(",") if t.strip()]


def _existing(folder: str) -> list[str]:
    texts = []
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".md"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as fh:
                    texts.append(fh.read())
    return texts


def create(title: str, category: str, tags: str | None, settings: dict,
           now: dt.datetime | None = None) -> str:
    """Write content/articles/<category-slug>/<slug>.md and return its path; never overwrite."""
    area = match_category(category, list(settings["PRACTICE_AREAS"]))
    articles = os.path.join(settings["PATH"], settings["ARTICLE_PATHS"][0])
    now = now or dt.datetime.now(ZoneInfo(settings["TIMEZONE"]))
    authors = choose_authors(_existing(articles), area, settings["AUTHOR"])
    text = article_text(title, area, parse_tags(tags), authors, now)
    slug = slugify(title)
    if not slug:
        raise NewArticleError(f"the title {title!r} gives an empty slug; use words in it")
    path = os.path.join(articles, slugify(area), f"{slug}.md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        # "x": fail rather than overwrite an editor's work.
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise NewArticleError(f"{path} already exists; choose another title or edit that "
                              "file") from exc
    return path

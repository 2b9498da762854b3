"""The map file: WordPress categories to practice areas, a default, and old CTA wordings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import yaml

from . import WordPressError

KEYS = ("categories", "default", "cta_patterns")
# WordPress's own placeholder category is never a tag.
PLACEHOLDERS = {"uncategorized", "uncategorised"}


@dataclass
class Map:
    """categories: lower-cased name or slug -> practice area (None: make it a tag)."""

    categories: dict = field(default_factory=dict)
    default: str | None = None
    cta_patterns: list = field(default_factory=list)
    path: str = ""


def _line(exc) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark else None


def load(path: str | None, areas: list[str]) -> Map:
    """Read and check the map file (None: map only categories named like a practice area)."""
    found = Map(categories={a.lower(): a for a in areas}, path=path or "")
    if not path:
        return found
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except OSError as exc:
        raise WordPressError(f"{path}: cannot read the map file ({exc})") from exc
    except yaml.YAMLError as exc:
        line = _line(exc)
        raise WordPressError(f"{path}{':' + str(line) if line else ''}: not valid YAML "
                             f"({getattr(exc, 'problem', exc)}); fix the map file") from exc
    if not isinstance(data, dict) or set(data) - set(KEYS):
        raise WordPressError(f"{path}: the map file must be a YAML mapping with only the keys "
                             f"{', '.join(KEYS)}")
    _categories(path, data.get("categories") or {}, areas, found)
    default = data.get("default")
    if default is not None and default not in areas:
        raise WordPressError(f"{path}: default {default!r} is not a practice area; use one of: "
                             f"{', '.join(areas)}")
    found.default = default
    found.cta_patterns = _patterns(path, data.get("cta_patterns") or [])
    return found


def _categories(path: str, given, areas: list[str], found: Map) -> None:
    if not isinstance(given, dict):
        raise WordPressError(f"{path}: 'categories' must map WordPress category names (or slugs) "
                             "to practice areas")
    for name, area in given.items():
        if area is not None and area not in areas:
            raise WordPressError(f"{path}: category {name!r} maps to {area!r}, which is not a "
                                 f"practice area; use one of: {', '.join(areas)} (or ~ for a tag)")
        found.categories[str(name).strip().lower()] = area


def _patterns(path: str, given) -> list:
    if not isinstance(given, list):
        raise WordPressError(f"{path}: 'cta_patterns' must be a list of regular expressions")
    compiled = []
    for pattern in given:
        try:
            compiled.append(re.compile(str(pattern), re.I | re.S))
        except re.error as exc:
            raise WordPressError(f"{path}: cta_patterns entry {pattern!r} is not a regular "
                                 f"expression ({exc})") from exc
    return compiled


def lookup(mapping: Map, name: str, slug: str):
    """(whether the map names this category, its practice area or None for a tag)."""
    for key in (name.lower(), slug.lower()):
        if key in mapping.categories:
            return True, mapping.categories[key]
    return False, None


def assign(mapping: Map, categories: list) -> tuple[str | None, list[str], list[str]]:
    """(practice area, categories that become tags, unmapped names) for one post's categories."""
    area, tags, unmapped = None, [], []
    for name, slug in categories:
        known, target = lookup(mapping, name, slug)
        if known and target and area is None:
            area = target
            continue
        if not known and name.lower() not in PLACEHOLDERS:
            unmapped.append(name)
        if name.lower() not in PLACEHOLDERS and (not known or target is None or target != area):
            tags.append(name)
    if area is None and mapping.default is None and not unmapped:
        unmapped.append(categories[0][0] if categories else "(no category)")
    return area or mapping.default, tags, unmapped


def unmapped_error(mapping: Map, counts: Counter, export_path: str) -> WordPressError:
    """One error listing every unmapped category and how many posts use it."""
    rows = "\n".join(f"  {name}: {n} post{'s' if n != 1 else ''}"
                     for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    where = mapping.path or "a map file (--map FILE)"
    return WordPressError(f"{export_path}: {len(counts)} WordPress categor"
                          f"{'y is' if len(counts) == 1 else 'ies are'} not mapped to a practice "
                          f"area:\n{rows}\nAdd them under 'categories:' in {where}, or name a "
                          "'default:' practice area for any other category.")

"""The authors file: the people who write and review articles, and the allowed team bylines.

Pure module. `load_authors` reads the YAML file (errors name the file and line);
`byline_problems` is the single check of an article's authors and reviewer, used by the
build (adapter/legal.py) and by `invoke check` (check_legal.py) alike.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from ..errors import NewsdeskError

_LINE = "__line__"
_PERSON_KEYS = {"name", "role", "qualification", "sra_id", "bio", "portrait", "areas"}


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the (1-based) line of every mapping, for error messages."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


@dataclass(frozen=True)
class Author:
    """One person from the authors file."""

    name: str
    role: str
    qualification: str
    bio: str
    sra_id: str = ""
    portrait: str = ""  # a path under the content folder (e.g. images/authors/x.jpg)
    areas: tuple = ()
    line: int = 1

    @property
    def is_solicitor(self) -> bool:
        """A solicitor has an SRA ID: only solicitors may review articles."""
        return bool(self.sra_id)


@dataclass(frozen=True)
class Directory:
    """Everyone a byline may name: people (by name) and team bylines."""

    path: str
    people: dict = field(default_factory=dict)  # name -> Author
    teams: frozenset = frozenset()

    def person(self, name: str) -> Author | None:
        """The person called `name`, or None (a team, or unknown)."""
        return self.people.get(name)


def _text(entry: dict, key: str, where: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise NewsdeskError(f"{where}: '{key}' is missing; every person needs a {key}.")
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise NewsdeskError(f"{where}: '{key}' must be text, not {type(value).__name__}.")
    return " ".join(str(value).split())


def _areas(entry: dict, where: str, practice_areas) -> tuple:
    areas = entry.get("areas") or []
    if isinstance(areas, str):
        areas = [areas]
    if not isinstance(areas, list) or not all(isinstance(a, str) for a in areas):
        raise NewsdeskError(f"{where}: 'areas' must be a list of practice areas.")
    unknown = [a for a in areas if practice_areas and a not in practice_areas]
    if unknown:
        raise NewsdeskError(f"{where}: area(s) {', '.join(unknown)} are not practice areas; "
                            f"use any of: {', '.join(practice_areas)}.")
    return tuple(areas)


def _person(entry: object, path: str, content_root: str, practice_areas) -> Author:
    if not isinstance(entry, dict):
        raise NewsdeskError(f"{path}: each entry under 'people' must be a mapping "
                            "(name:, role:, qualification:, bio:, ...).")
    line = entry.get(_LINE, 1)
    where = f"{path}:{line}"
    unknown = sorted(set(entry) - _PERSON_KEYS - {_LINE})
    if unknown:
        raise NewsdeskError(f"{where}: unknown key(s) {', '.join(unknown)}; valid keys are "
                            f"{', '.join(sorted(_PERSON_KEYS))}.")
    portrait = _text(entry, "portrait", where, required=False)
    if portrait and not os.path.isfile(os.path.join(content_root, portrait)):
        raise NewsdeskError(f"{where}: portrait '{portrait}' does not exist under "
                            f"{content_root}; add the image or remove the line.")
    return Author(name=_text(entry, "name", where), role=_text(entry, "role", where),
                  qualification=_text(entry, "qualification", where),
                  bio=_text(entry, "bio", where),
                  sra_id=_text(entry, "sra_id", where, required=False), portrait=portrait,
                  areas=_areas(entry, where, practice_areas), line=line)


def _teams(data: dict, path: str) -> frozenset:
    teams = data.get("teams") or []
    if not isinstance(teams, list) or not all(isinstance(t, str) and t.strip() for t in teams):
        raise NewsdeskError(f"{path}: 'teams' must be a list of team bylines "
                            "(e.g. - Jordans Abuse Team).")
    return frozenset(" ".join(t.split()) for t in teams)


def parse_authors(text: str, path: str, content_root: str = "",
                  practice_areas=()) -> Directory:
    """Parse the authors file's text; raise NewsdeskError naming `path` and the line."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise NewsdeskError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise NewsdeskError(f"{path}: expected a 'people:' list (and optionally 'teams:').")
    people: dict[str, Author] = {}
    for entry in data["people"]:
        person = _person(entry, path, content_root, practice_areas)
        if person.name in people:
            raise NewsdeskError(f"{path}:{person.line}: '{person.name}' is listed twice (first "
                                f"on line {people[person.name].line}); keep one entry.")
        people[person.name] = person
    teams = _teams(data, path)
    both = sorted(teams & set(people))
    if both:
        raise NewsdeskError(f"{path}: {', '.join(both)} is both a person and a team.")
    return Directory(path=path, people=people, teams=teams)


def read_data_file(path: str, what: str, key: str) -> tuple[str, str]:
    """(text, path as shown) of a LEGAL_REVIEW data file; a clear error when it is missing."""
    shown = os.path.relpath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(), shown
    except OSError as exc:
        raise NewsdeskError(f"{shown}: cannot read the {what} ({exc.strerror}); create it "
                            f"or set LEGAL_REVIEW['{key}'].") from exc


def load_authors(path: str, content_root: str = "", practice_areas=()) -> Directory:
    """Read and check the authors file at `path`."""
    text, shown = read_data_file(path, "authors file", "authors_path")
    return parse_authors(text, shown, content_root or os.path.dirname(path), practice_areas)


def byline_problems(names: list[str], reviewer: str, reviewed: object, directory: Directory,
                    also_allowed=(), allow_unknown: bool = False) -> list[tuple[str, str]]:
    """What is wrong with an article's authors and review, as (front-matter key, message).

    `also_allowed` holds extra team bylines (the site's AUTHOR, which Pelican gives articles
    without an Authors line); `allow_unknown` accepts any byline (other sites' posts)."""
    problems = []
    allowed = directory.teams | set(also_allowed)
    for name in names:
        if not allow_unknown and directory.person(name) is None and name not in allowed:
            problems.append(("authors", f"author '{name}' is not in {directory.path}; add them "
                             "under people: (or their team under teams:), or fix the spelling"))
    reviewer = (reviewer or "").strip()
    if reviewer:
        person = directory.person(reviewer)
        if person is None:
            problems.append(("reviewed_by", f"reviewed_by '{reviewer}' is not a person in "
                             f"{directory.path}; name the solicitor who reviewed it"))
        elif not person.is_solicitor:
            problems.append(("reviewed_by", f"reviewed_by '{reviewer}' is not a solicitor (no "
                             f"sra_id in {directory.path}); a solicitor must review articles"))
    if reviewer and not str(reviewed or "").strip():
        problems.append(("reviewed_by", "reviewed_by needs a 'Reviewed: YYYY-MM-DD' date too"))
    if str(reviewed or "").strip() and not reviewer:
        problems.append(("reviewed", "Reviewed: needs 'Reviewed_by:' too (who reviewed it)"))
    return problems

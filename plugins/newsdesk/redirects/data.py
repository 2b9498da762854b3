"""The redirects data file: a YAML mapping of old path to target, read with line numbers.

    /2021/05/care-home-injury/: "{filename}/articles/personal-injury/care-home-injury.md"
    /category/injury/: "{category}Personal Injury"
    /old-offers/: /contact/

A target is a content file ({filename}, relative to the content folder), a static file
({static}), a category or tag ({category}, {tag}, by name or slug), the home ({index}), a
path on this site (/x/) or another site (https://...).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from . import RedirectsError

HEADER = ("# Redirects: an old URL's path on the left, where it lives now on the right.\n"
          "# Quote each target. See README \"Moving from WordPress\". The import adds lines;\n"
          "# it never changes or removes one.\n")
_TARGET = re.compile(r"^(\{(filename|static|category|tag)\}.+|\{index\}|/\S*|https?://\S+)$")
_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Redirect:
    """One line of the file: from `source` (a path) to `target`, at `line`."""

    source: str
    target: str
    line: int


def _fail(path: str, line: int, message: str) -> RedirectsError:
    return RedirectsError(f"{path}:{line}: {message}")


def _source_problem(source: str) -> str:
    if not source.startswith("/") or source.startswith("//"):
        return "must be a path on the old site starting with / (no domain)"
    if re.search(r"[\s?#]", source) or "/../" in source + "/":
        return "must be a plain path: no spaces, query (?), fragment (#) or '..'"
    return ""


def parse(text: str, path: str) -> list[Redirect]:
    """The entries of the file's `text`; RedirectsError naming `path` and the line if bad."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, mark.line + 1 if mark else 1, f"not valid YAML "
                    f"({getattr(exc, 'problem', exc)}); quote targets that start with {{")
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, root.start_mark.line + 1, "must be a mapping of old path: target, "
                    "one per line")
    found, seen = [], {}
    for key, value in root.value:
        line = key.start_mark.line + 1
        if not (isinstance(key, yaml.ScalarNode) and key.tag == _STR):
            raise _fail(path, line, "the old path must be plain text, like /2021/05/old-post/")
        problem = _source_problem(key.value)
        if problem:
            raise _fail(path, line, f"{key.value!r} {problem}")
        if key.value.rstrip("/") in seen:
            raise _fail(path, line, f"{key.value!r} is already redirected on line "
                        f"{seen[key.value.rstrip('/')]}; keep one of the two")
        seen[key.value.rstrip("/")] = line
        if not (isinstance(value, yaml.ScalarNode) and value.tag == _STR
                and _TARGET.match(value.value)):
            raise _fail(path, line, f"the target of {key.value!r} must be a quoted "
                        "\"{filename}/articles/...md\", \"{static}/...\", \"{category}Name\", "
                        "\"{tag}name\", \"{index}\", a /path/ or an https:// URL")
        found.append(Redirect(key.value, value.value, line))
    return found


def load(path: str) -> list[Redirect]:
    """The entries of the data file at `path` ([] when there is none)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise RedirectsError(f"{path}: cannot read the redirects file ({exc})") from exc
    return parse(text, path)


def merge(text: str, path: str, entries: list[tuple[str, str]]) -> tuple[str, int]:
    """`text` with the `entries` whose old path it lacks appended: (new text, how many)."""
    have = {r.source.rstrip("/") for r in parse(text, path)}
    lines = []
    for source, target in entries:
        if source.rstrip("/") not in have:
            have.add(source.rstrip("/"))
            lines.append(f"{json.dumps(source, ensure_ascii=False)}: "
                         f"{json.dumps(target, ensure_ascii=False)}\n")
    if not lines:
        return text, 0
    head = HEADER if not text.strip() else ("" if text.endswith("\n") else "\n")
    return text + head + "".join(lines), len(lines)

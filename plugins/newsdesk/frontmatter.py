"""YAML front matter (Jekyll / Hugo / Eleventy style) for Newsdesk.

Pure module: no Pelican imports.  Pelican's own ``Key: value`` headers are
left to Pelican; this handles files that start with a ``---`` YAML block.

Public API
----------
has_yaml_front_matter(text) -> bool
parse(text, filename) -> Parsed(meta, body, body_line, warnings)
    ``meta`` holds strings as Pelican's metadata processors expect them:
    title, date (ISO), tags (comma-joined), category, summary, slug,
    status ("draft"), and every other scalar key as a string (lists joined
    with ", ").  Keys are lower-cased, as Pelican does.
slug_list(value) -> list[str]; hides_list(related_value) -> bool
    An editor's `related:` / `related_exclude:` value, as the build and the check read it.
FrontMatterError(filename, line, message)
    Raised for YAML that cannot be read; ``line`` is 1-based in the file.

Template syntax (Liquid / Nunjucks) is not Markdown: ``{% ... %}`` tags and
``{{ ... }}`` expressions are dropped with one warning per file, except
``{{ "/path/" | url }}``, which becomes ``/path/`` so links keep working.
``{% raw %}...{% endraw %}`` content is kept verbatim.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

import yaml

_FENCE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
FILE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_KEY_OK = re.compile(r"^[A-Za-z_][\w-]*$")

# {{ "/2014/03/19/hello/" | url }}  ->  /2014/03/19/hello/
_URL_EXPR = re.compile(r"""\{\{-?\s*(["'])([^"'{}]*)\1\s*\|\s*url\s*-?\}\}""")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)


class FrontMatterError(Exception):
    """Front matter that cannot be parsed; carries file name and line."""

    def __init__(self, filename: str, line: int | None, message: str):
        self.filename, self.line, self.message = filename, line, message
        where = f"{filename}:{line}" if line else filename
        super().__init__(f"{where}: {message}")


@dataclass
class Parsed:
    meta: dict[str, str]
    body: str
    body_line: int
    warnings: list[str] = field(default_factory=list)


def has_yaml_front_matter(text: str) -> bool:
    """True when text opens with a closed ``---`` YAML block."""
    return bool(_FENCE.match(text))


def parse(text: str, filename: str) -> Parsed:
    """Split YAML front matter from the Markdown body and normalise metadata."""
    warnings: list[str] = []
    m = _FENCE.match(text)
    if m:
        data = _load_yaml(m.group(1), filename, warnings)
        body = text[m.end():]
        body_line = text[: m.end()].count("\n") + 1
        # A closing fence at end of file with no newline: body is empty.
        if not text[: m.end()].endswith("\n"):
            body_line += 1
    else:
        data, body, body_line = {}, text.lstrip("\ufeff"), 1
    meta = _normalise(data, filename, warnings)
    body = strip_templates(body, filename, warnings)
    return Parsed(meta=meta, body=body, body_line=body_line, warnings=warnings)


def _load_yaml(block: str, filename: str, warnings: list[str]) -> dict:
    """Load the YAML block, repairing trailing tabs (a common hand-edit slip)."""
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        repaired = "\n".join(line.rstrip() for line in block.split("\n"))
        if repaired == block:
            raise _error(filename, exc) from None
        try:
            data = yaml.safe_load(repaired)
        except yaml.YAMLError:
            raise _error(filename, exc) from None
        warnings.append(f"{filename}: removed trailing whitespace/tabs that made the YAML front matter invalid")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            filename, 2, "front matter is not a mapping; write 'key: value' lines between the '---' lines"
        )
    return data


def _error(filename: str, exc: yaml.YAMLError) -> FrontMatterError:
    """Turn a PyYAML error into a FrontMatterError with a file line number."""
    mark = getattr(exc, "problem_mark", None)
    # +2: the mark is 0-based within the block, and the block starts after '---'.
    line = mark.line + 2 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return FrontMatterError(
        filename,
        line,
        f"invalid YAML front matter ({problem}); check indentation (spaces, not tabs) "
        "and quote values that contain ': ' or start with special characters",
    )


def _as_str(value) -> str | None:
    """Scalar or list to the string form Pelican metadata expects; None if unusable."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        items = [_as_str(v) for v in value if not isinstance(v, (dict, list, tuple))]
        return ", ".join(i for i in items if i)
    if isinstance(value, dict):
        return None
    return str(value).strip()


def _normalise(data: dict, filename: str, warnings: list[str]) -> dict[str, str]:
    """Map Jekyll/Hugo/Eleventy keys onto Pelican's metadata names."""
    raw = {}
    for key, value in data.items():
        key = str(key).strip()
        if not _KEY_OK.match(key):
            # e.g. an unquoted multi-line excerpt whose text held ': '
            warnings.append(f"{filename}: ignored odd front-matter key {key[:40]!r}; quote the value above it")
            continue
        raw[key.lower()] = value
    meta: dict[str, str] = {}
    for key, value in raw.items():
        s = None if value is None else _as_str(value)
        # An empty YAML value ("image:") would reach Pelican as "", which its
        # date/slug processors reject, so it is left out instead.
        if s is not None:
            meta[key] = s

    stem = os.path.splitext(os.path.basename(filename))[0]
    fm = FILE_DATE.match(stem)
    if fm:
        # Jekyll semantics: the file name carries the URL slug.
        meta.setdefault("slug", fm.group(4))
        if not meta.get("date"):
            y, mo, d = (int(g) for g in fm.group(1, 2, 3))
            try:
                meta["date"] = dt.date(y, mo, d).isoformat()
            except ValueError:
                warnings.append(f"{filename}: file name has an impossible date")

    cats = raw.get("categories")
    if not meta.get("category") and cats:
        first = cats[0] if isinstance(cats, (list, tuple)) else str(cats).split(",")[0]
        meta["category"] = str(first).strip()
    meta.pop("categories", None)

    if not meta.get("summary"):
        for alt in ("excerpt", "description"):
            if meta.get(alt):
                meta["summary"] = meta[alt]
                break

    if raw.get("draft") is True or raw.get("published") is False:
        meta["status"] = "draft"
    return meta


def strip_templates(body: str, filename: str, warnings: list[str]) -> str:
    """Drop Liquid/Nunjucks syntax (keeping url-filtered links and raw blocks)."""
    raws: list[str] = []

    def keep_raw(m: re.Match) -> str:
        raws.append(m.group(1))
        return f"\x00{len(raws) - 1}\x00"

    body = _RAW.sub(keep_raw, body)
    body = _URL_EXPR.sub(lambda m: m.group(2), body)
    dropped = len(_COMMENT.findall(body))
    body = _COMMENT.sub("", body)
    found = _TAG.findall(body)
    dropped += len(found)
    body = _TAG.sub("", body)
    if raws:
        body = re.sub(r"\x00(\d+)\x00", lambda m: raws[int(m.group(1))], body)
    if dropped:
        sample = ", ".join(sorted({_short(t) for t in found})[:3])
        warnings.append(
            f"{filename}: dropped {dropped} template tag(s) a Markdown reader cannot render"
            + (f" ({sample})" if sample else "")
        )
    return body


def _short(tag: str) -> str:
    """First word of a template tag, for a readable warning."""
    inner = tag.strip("{}%# -")
    return tag[:2] + " " + (inner.split() or [""])[0] + " " + tag[-2:]


def slug_list(value) -> list[str]:
    """An editor's `related:` or `related_exclude:` value (a list or a comma string) as slugs."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def hides_list(related_value) -> bool:
    """True when the editor's `related:` value is `none`: the article shows no list."""
    return [s.lower() for s in slug_list(related_value)] == ["none"]

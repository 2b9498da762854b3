"""Calls to action (CTAs): load the copy from content/ctas/*.md and pick one per article.

Pure module: no Pelican imports.  Each CTA file is Markdown with a YAML front
matter block (key, heading, categories, tags, priority, team, default).

Public API
----------
Cta                                    frozen dataclass, one per file
parse_cta(text, path) -> Cta
load_ctas(folder) -> dict[str, Cta]    keyed by CTA key, in file-name order
check_teams(ctas, team_keys)           every CTA names a real contact team
choose_cta(article_cta, category, tags, ctas, source) -> str | None
insert_after_paragraph(html, n, fragment) -> str
render_markdown(md_text) -> str
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import markdown
import yaml

from .errors import NewsdeskError

# Front matter opens on line 1; the YAML block therefore starts on line 2.
_FENCE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_P_TAG = re.compile(r"<p[\s>]", re.I)
_KEY_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELDS = ("key", "heading", "categories", "tags", "priority", "team", "default")
# Reserved: `cta: none` in an article means "no CTA at all".
NONE_KEY = "none"


@dataclass(frozen=True)
class Cta:
    """One call to action: its copy, what it matches and which team it routes to."""

    key: str
    heading: str
    categories: tuple = ()
    tags: tuple = ()
    priority: int = 0
    team: str = ""
    default: bool = False
    body_markdown: str = ""
    source: str = ""


def parse_cta(text: str, path: str) -> Cta:
    """Parse one CTA file's text; errors name `path`, the line (for YAML) and the field."""
    match = _FENCE.match(text)
    if not match:
        raise NewsdeskError(f"{path}:1: a CTA file must start with a '---' YAML front matter "
                            "block (key, heading, team, ...) closed by another '---' line.")
    data = _load_yaml(match.group(1), path)
    unknown = sorted(str(k) for k in data if k not in _FIELDS)
    if unknown:
        raise NewsdeskError(f"{path}: unknown field(s) {', '.join(unknown)}; "
                            f"the fields a CTA can have are {', '.join(_FIELDS)}.")
    body = text[match.end():].strip()
    if not body:
        raise NewsdeskError(f"{path}: the CTA has no text. Write it below the closing '---'.")
    key = _required_str(data, "key", path)
    if not _KEY_OK.match(key) or key == NONE_KEY:
        raise NewsdeskError(f"{path}: key {key!r} must be lower-case letters, digits and hyphens "
                            f"(e.g. personal-injury), and not '{NONE_KEY}'.")
    return Cta(
        key=key,
        heading=_required_str(data, "heading", path),
        categories=_str_tuple(data, "categories", path),
        tags=_str_tuple(data, "tags", path),
        priority=_priority(data, path),
        team=_required_str(data, "team", path),
        default=_flag(data, "default", path),
        body_markdown=body,
        source=path,
    )


def _load_yaml(block: str, path: str) -> dict:
    """Load the front matter block, turning PyYAML errors into file:line errors."""
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise NewsdeskError(f"{path}{line}: invalid YAML front matter ({problem}). Check the "
                            "indentation and quote values containing ': '.") from exc
    if not isinstance(data, dict):
        raise NewsdeskError(f"{path}:2: the front matter must be 'field: value' lines "
                            "(key, heading, categories, tags, priority, team, default).")
    return data


def _required_str(data: dict, name: str, path: str) -> str:
    value = data.get(name)
    if value is None or isinstance(value, (dict, list, bool)) or not str(value).strip():
        raise NewsdeskError(f"{path}: missing or empty '{name}'. Add a '{name}: ...' line "
                            "to the front matter.")
    return str(value).strip()


def _str_tuple(data: dict, name: str, path: str) -> tuple:
    """A list field; a single string is accepted (comma-separated) because editors write both."""
    value = data.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
        raise NewsdeskError(f"{path}: '{name}' must be a list, e.g. {name}: [First, Second].")
    return tuple(s for s in (str(v).strip() for v in value if v is not None) if s)


def _priority(data: dict, path: str) -> int:
    value = data.get("priority", 0)
    # bool is an int subclass in Python; 'priority: yes' is a slip, not a number.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise NewsdeskError(f"{path}: 'priority' must be a whole number (e.g. priority: 10), "
                        f"not {value!r}.")


def _flag(data: dict, name: str, path: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise NewsdeskError(f"{path}: '{name}' must be true or false, not {value!r}.")
    return value


def load_ctas(folder: str) -> dict[str, Cta]:
    """Load every *.md CTA file in `folder` (file-name order) and check keys and the default."""
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    except FileNotFoundError as exc:
        raise NewsdeskError(f"{folder}: CTA folder not found. Create it with one Markdown file "
                            "per call to action.") from exc
    ctas: dict[str, Cta] = {}
    for name in names:
        cta = parse_cta(_read(os.path.join(folder, name)), os.path.join(folder, name))
        if cta.key in ctas:
            raise NewsdeskError(f"{cta.source}: key '{cta.key}' is already used by "
                                f"{ctas[cta.key].source}. Give each CTA its own key.")
        ctas[cta.key] = cta
    _check_default(ctas, folder)
    return ctas


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise NewsdeskError(f"{path}: not UTF-8 text. Save the file as UTF-8.") from exc


def _check_default(ctas: dict[str, Cta], folder: str) -> None:
    """Exactly one default, so every article without a match still gets a CTA."""
    defaults = [c.source for c in ctas.values() if c.default]
    if not defaults:
        raise NewsdeskError(f"{folder}: no CTA is marked 'default: true'. Mark exactly one "
                            "(the CTA for articles that match no other).")
    if len(defaults) > 1:
        raise NewsdeskError(f"{folder}: {len(defaults)} CTAs are marked 'default: true' "
                            f"({', '.join(defaults)}). Keep it on exactly one.")


def check_teams(ctas: dict[str, Cta], team_keys) -> None:
    """Raise if a CTA names a team that the contact data does not define."""
    valid = sorted(team_keys)
    for cta in sorted(ctas.values(), key=lambda c: c.source):
        if cta.team not in valid:
            raise NewsdeskError(f"{cta.source}: team '{cta.team}' is not a team in the contact "
                                f"data. Use one of: {', '.join(valid)}.")


def _best(candidates) -> str | None:
    """Highest priority wins; ties go to the alphabetically first key (deterministic)."""
    ranked = sorted(candidates, key=lambda c: (-c.priority, c.key))
    return ranked[0].key if ranked else None


def choose_cta(article_cta, category, tags, ctas: dict[str, Cta], source: str) -> str | None:
    """Pick the article's CTA key: front matter, then tags, then category, then the default."""
    wanted = str(article_cta or "").strip().lower()
    if wanted == NONE_KEY:
        return None
    if wanted:
        if wanted not in ctas:
            raise NewsdeskError(f"{source}: cta '{article_cta}' is not a CTA. Use one of: "
                                f"{', '.join(sorted(ctas) + [NONE_KEY])}.")
        return wanted
    # casefold: editors write "NHS", "nhs" and "Nhs" for the same tag.
    article_tags = {str(t).strip().casefold() for t in (tags or ())}
    by_tag = _best(c for c in ctas.values()
                   if article_tags.intersection(t.casefold() for t in c.tags))
    if by_tag:
        return by_tag
    cat = str(category or "").strip().casefold()
    by_category = _best(c for c in ctas.values()
                        if cat and cat in (k.casefold() for k in c.categories))
    if by_category:
        return by_category
    return _best(c for c in ctas.values() if c.default)


def insert_after_paragraph(html: str, n: int, fragment: str) -> str:
    """Insert `fragment` after the n-th top-level <p> if the HTML has more than n of them."""
    if n < 1:
        raise ValueError(f"insert_after_paragraph: n must be 1 or more, not {n}")
    if len(_P_TAG.findall(html)) <= n:  # cheap reject: most articles are short
        return html
    # Imported here: only sites with an inline CTA need it, and it costs every build 0.07 s.
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(html, "html.parser")
    top = [el for el in soup.contents if isinstance(el, Tag)]
    paragraphs = [i for i, el in enumerate(top) if el.name == "p"]
    if len(paragraphs) <= n:
        return html
    # Splice into the original string just before the next top-level element
    # (there is one: a later paragraph), so the article's own markup stays
    # byte-for-byte as written instead of being re-serialised by the parser.
    following = top[paragraphs[n - 1] + 1]
    offset = _offset(html, following.sourceline, following.sourcepos)
    return html[:offset] + fragment + "\n" + html[offset:]


def _offset(text: str, line: int, column: int) -> int:
    """Absolute index of a 1-based line and 0-based column (as html.parser reports them)."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column


def render_markdown(md_text: str) -> str:
    """Render CTA Markdown to HTML (phone numbers are linked later by autolink)."""
    return markdown.markdown(md_text, output_format="html")

"""Turn phone numbers in rendered HTML into click-to-call links.

Pure module: no Pelican imports.

Public API
----------
link_phones(html, region="GB") -> str
    Wrap each valid phone number in a text node in
    ``<a href="tel:+44..." class="tel">as written</a>``.
find_phones(text, region="GB") -> list[(display, e164)]
    The numbers found in plain text (for the content check).

The HTML is scanned as tokens and only the text between tags is rewritten, so
all other markup stays byte-for-byte as it was: no parser re-serialises it.
Entities are decoded only for matching; the link text is the original
source, so typogrify's ``0800&nbsp;9555 094`` keeps its no-break space.
"""

from __future__ import annotations

import html as htmllib
import re

import phonenumbers

# Text inside these is not prose a reader would tap: code samples, existing
# links (nesting <a> is invalid HTML), headings (a link there looks like a
# navigation item), and programs/raw text.
SKIP_TAGS = frozenset("a code pre kbd samp script style textarea title "
                      "h1 h2 h3 h4 h5 h6".split())
# Elements whose content is raw text: a '<' inside them is not a tag.
_RAW_TEXT = frozenset(("script", "style", "textarea", "title"))

# Comments, CDATA, doctype/processing instructions, then ordinary tags (with
# quoted attribute values, which may themselves contain '>').
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Seven digits with only phone punctuation between them (phonenumbers'
# VALID_PUNCTUATION, roughly): text without such a run cannot hold a number,
# so the (slow) matcher is not run on prose full of years and amounts.
_CANDIDATE = re.compile(
    r"\d(?:[\s\-\u2010-\u2015\u2212.()\[\]/~\u00ad\u200b\u2060\u3000\uff0d\uff0f]{0,4}\d){6}")
# No UK number (or E.164 number worth linking) has fewer digits than this.
MIN_DIGITS = 7
_LENIENCY = phonenumbers.Leniency.VALID


def _digits(text: str) -> int:
    """Count ASCII digits quickly (ten C-level scans beat a Python loop)."""
    return sum(map(text.count, "0123456789"))


def _e164(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phones(text: str, region: str = "GB") -> list[tuple[str, str]]:
    """Return (display, e164) for each valid phone number in plain `text`."""
    if _digits(text) < MIN_DIGITS or not _CANDIDATE.search(text):
        return []
    return [(m.raw_string, _e164(m.number))
            for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=_LENIENCY)]


def link_phones(html: str, region: str = "GB") -> str:
    """Link phone numbers in the text of `html` as tel: links; other markup is untouched."""
    if _digits(html) < MIN_DIGITS:
        return html  # fast path: most articles mention no phone number
    out: list[str] = []
    changed = False
    open_skips: dict[str, int] = {}
    pos = 0
    while pos < len(html):
        m = _TOKEN.search(html, pos)
        end = m.start() if m else len(html)
        if end > pos:
            linked = None if any(open_skips.values()) else _link_text(html[pos:end], region)
            changed |= linked is not None
            out.append(html[pos:end] if linked is None else linked)
        if not m:
            break
        pos = _after_tag(html, m, open_skips)
        out.append(html[m.start():pos])
    return "".join(out) if changed else html


def _after_tag(html: str, m: re.Match, open_skips: dict[str, int]) -> int:
    """Track which skip elements are open; return where scanning resumes."""
    closing, name, rest = m.group(1), (m.group(2) or "").lower(), m.group(3) or ""
    if name not in SKIP_TAGS or rest.rstrip().endswith("/"):
        return m.end()
    if closing:
        open_skips[name] = max(open_skips.get(name, 0) - 1, 0)
        return m.end()
    if name in _RAW_TEXT:
        # Jump over the whole element: its content may hold '<' that is not a tag.
        close = re.compile(rf"</{name}\s*>", re.I).search(html, m.end())
        return close.end() if close else len(html)
    open_skips[name] = open_skips.get(name, 0) + 1
    return m.end()


def _link_text(raw: str, region: str) -> str | None:
    """Return the text node with its numbers linked, or None when it has none."""
    if _digits(raw) < MIN_DIGITS:
        return None
    text, starts, ends = _decode(raw)
    if not _CANDIDATE.search(text):
        return None
    matches = list(phonenumbers.PhoneNumberMatcher(text, region, leniency=_LENIENCY))
    if not matches:
        return None
    out, last = [], 0
    for match in matches:
        begin, finish = starts[match.start], ends[match.end - 1]
        out.append(raw[last:begin])
        out.append(f'<a href="tel:{_e164(match.number)}" class="tel">{raw[begin:finish]}</a>')
        last = finish
    out.append(raw[last:])
    return "".join(out)


def _decode(raw: str) -> tuple[str, list[int], list[int]]:
    """Decode entities; map each decoded character back to its [start, end) in `raw`."""
    if "&" not in raw:
        return raw, list(range(len(raw))), list(range(1, len(raw) + 1))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _ENTITY.finditer(raw):
        for i in range(pos, m.start()):
            chars.append(raw[i])
            starts.append(i)
            ends.append(i + 1)
        decoded = htmllib.unescape(m.group())
        # Every character an entity decodes to maps to the whole entity, so a
        # match that touches it carries the entity over intact.
        for ch in decoded:
            chars.append(ch)
            starts.append(m.start())
            ends.append(m.end())
        pos = m.end()
    for i in range(pos, len(raw)):
        chars.append(raw[i])
        starts.append(i)
        ends.append(i + 1)
    return "".join(chars), starts, ends

"""Plain-text helpers for Newsdesk (pure: no Pelican imports).

Public API
----------
plain_text(html) -> str
    Rendered HTML (Python-Markdown output, possibly typogrified) to plain text.
normalise(text) -> str
    Fold typographic punctuation to ASCII so tokenisers see one form.
"""

from __future__ import annotations

import re

import lxml.html
import numpy as np
from lxml import etree

# Blocks whose text is not prose: code listings and embedded programs would
# swamp the vocabulary with identifiers, so they are dropped entirely.
_DROP_TAGS = ("pre", "code", "script", "style", "template", "noscript")

# Elements that end a run of text; without a separator "<p>a</p><p>b</p>"
# would read "ab".  Inline elements (span.caps, em, a...) must NOT get one,
# or "<span class="caps">NASA</span>'s" would split into two words.
_BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote table tr td th "
    "thead tbody tfoot caption figure figcaption section article aside header "
    "footer nav hr img iframe details summary".split()
)

_PUNCT = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": " - ", "\u2026": "...", "\u00a0": " ",
        "\u00ad": "",  # soft hyphen would split words for the tokeniser
    }
)

_WS = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """Return the readable text of an HTML fragment, code/script blocks removed."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        # lxml refuses some degenerate inputs (e.g. only a comment); a
        # regex strip is good enough for those.
        return _WS.sub(" ", re.sub(r"<[^>]*>", " ", html)).strip()
    # Comments and processing instructions are not content.
    for node in root.xpath("//comment() | //processing-instruction()"):
        _drop(node)
    for node in root.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        _drop(node)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.tail = " " + el.tail if el.tail else " "
    # lxml has already decoded entities (&#8220; &nbsp; &amp; ...).
    return " ".join(root.text_content().split())


def _drop(node) -> None:
    """Remove a node but keep its tail text (the prose that follows it)."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + " " + tail
        else:
            parent.text = (parent.text or "") + " " + tail
    parent.remove(node)


def normalise(text: str) -> str:
    """Fold curly quotes, dashes and no-break spaces to plain ASCII forms."""
    return text.translate(_PUNCT)


# --- Fast tokenisation ------------------------------------------------------
#
# scikit-learn's CountVectorizer spends ~3 s creating 6 M Python strings for
# 10,000 articles, the whole time budget.  Instead, tokens are found and
# hashed with numpy over the UTF-8 bytes: a token is a run of [a-z0-9_] or
# non-ASCII bytes (like sklearn's \w\w+ after lower-casing), and its id is a
# 64-bit polynomial hash, computed from prefix sums so no token is ever
# materialised.  Collisions at 64 bits are negligible for a news site.

_P = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_P_INV = pow(_P, -1, 1 << 64)
_MASK = (1 << 64) - 1
_WORD = np.zeros(256, dtype=bool)
_WORD[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789_", dtype=np.uint8)] = True
_WORD[128:] = True  # UTF-8 lead/continuation bytes: non-ASCII letters
_TOKEN_RE = re.compile(r"[a-z0-9_\x80-\U0010ffff]{2,}")
_CHUNK_BYTES = 1_000_000  # bounds temporary arrays (and the power table) to ~30 MB
_pow_cache: dict[str, np.ndarray] = {}


def prepare(text: str) -> str:
    """Lower-case and fold punctuation: the form the tokeniser reads."""
    return normalise(text).lower()


def hash_token(token: str) -> int:
    """The 64-bit id token_hashes gives a token (for explaining results)."""
    h, pw = 0, 1
    for byte in token.encode("utf-8"):
        h = (h + byte * pw) & _MASK
        pw = (pw * _P) & _MASK
    return h


def tokens(text: str) -> list[str]:
    """Python-level tokens of a text, identical to those token_hashes sees."""
    return _TOKEN_RE.findall(prepare(text))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**j and P**-j modulo 2**64 for j < n (uint64 wrap-around is the modulus)."""
    have = _pow_cache.get("p")
    if have is None or len(have) < n:
        # Grow geometrically: chunks differ slightly in size.
        size = max(2 * n, 1 << 16)
        with np.errstate(over="ignore"):
            p = np.full(size, _P, dtype=np.uint64)
            p[0] = 1
            inv = np.full(size, _P_INV, dtype=np.uint64)
            inv[0] = 1
            _pow_cache["p"], _pow_cache["inv"] = np.cumprod(p), np.cumprod(inv)
    return _pow_cache["p"][:n], _pow_cache["inv"][:n]


def token_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hash every token of every text: (hashes uint64, text index int32)."""
    out_h, out_d = [], []
    start = 0
    while start < len(texts):
        stop, size, parts = start, 0, []
        while stop < len(texts) and (size < _CHUNK_BYTES or stop == start):
            b = prepare(texts[stop]).encode("utf-8")
            parts.append(b)
            size += len(b) + 1
            stop += 1
        h, d = _chunk_hashes(parts)
        out_h.append(h)
        out_d.append(d + start)
        start = stop
    if not out_h:
        return np.empty(0, np.uint64), np.empty(0, np.int32)
    return np.concatenate(out_h), np.concatenate(out_d)


def _chunk_hashes(parts: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Token hashes for one chunk of texts joined by a separator byte."""
    buf = np.frombuffer(b"\n".join(parts) + b"\n", dtype=np.uint8)
    isw = _WORD[buf]
    edge = np.diff(np.concatenate(([False], isw, [False])).astype(np.int8))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    keep = ends - starts >= 2  # sklearn's default drops 1-character tokens
    starts, ends = starts[keep], ends[keep]
    pw, inv = _powers(len(buf) + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(buf) + 1, dtype=np.uint64)
        np.cumsum(buf.astype(np.uint64) * pw[: len(buf)], out=prefix[1:])
        h = (prefix[ends] - prefix[starts]) * inv[starts]
    offsets = np.cumsum([0] + [len(p) + 1 for p in parts])
    doc = np.searchsorted(offsets, starts, side="right") - 1
    return h, doc.astype(np.int32)

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
from concurrent.futures import ThreadPoolExecutor

import lxml.html
import numpy as np
from lxml import etree

# Blocks whose text is not prose: code listings and embedded programs would
# swamp the vocabulary with identifiers, so they are dropped entirely.
_DROP_TAGS = ("pre", "code", "script", "style", "template", "noscript")

# Elements that end a run of text; without a separator "<p>a</p><p>b</p>"
# would read "ab".  Inline elements (span.caps, em, a...) must NOT get one,
# or "<span class="caps">NASA</span>'s" would split into two words.
_BLOCK_TAGS = tuple(
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
    # Comments and processing instructions are not content. lxml iterates,
    # filters and strips in C: only the elements named here reach Python.
    gone = (*_DROP_TAGS, etree.Comment, etree.ProcessingInstruction)
    for el in root.iter(*_BLOCK_TAGS, *gone):
        el.tail = " " + el.tail if el.tail else " "
    etree.strip_elements(root, *gone, with_tail=False)
    # lxml has already decoded entities (&#8220; &nbsp; &amp; ...).
    return " ".join(root.text_content().split())


def normalise(text: str) -> str:
    """Fold curly quotes, dashes and no-break spaces to plain ASCII forms."""
    return text.translate(_PUNCT)


# --- Fast tokenisation ------------------------------------------------------
#
# scikit-learn's CountVectorizer spends ~3 s creating 6 M Python strings for
# 10,000 articles, the whole time budget.  Instead, tokens are found and
# hashed with numpy over the UTF-8 bytes: a token is a run of [a-z0-9_] or
# non-ASCII bytes (like sklearn's \w\w+ after lower-casing).  Its id is its
# bytes read as one little-endian 64-bit word when it is at most 8 bytes long
# (most words: exact, no collisions), else those 8-byte words chained as
# h = h * P + w (mod 2**64).  Only token starts are touched, never every
# byte, so this costs a few passes over the tokens rather than the text.

_P = 0x100000001B3  # odd 64-bit multiplier chaining a long token's 8-byte words
_MASK = (1 << 64) - 1
_WORD = np.zeros(256, dtype=bool)
_WORD[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789_", dtype=np.uint8)] = True
_WORD[128:] = True  # UTF-8 lead/continuation bytes: non-ASCII letters
_TOKEN_RE = re.compile(r"[a-z0-9_\x80-\U0010ffff]+")
_CHUNK_BYTES = 4_000_000  # bounds the temporary arrays of one chunk to ~100 MB
# _BYTE_MASK[r] keeps the low r bytes of a 64-bit word (r = 0..8).
_BYTE_MASK = np.array([(1 << (8 * r)) - 1 for r in range(8)] + [_MASK], dtype=np.uint64)


def prepare(text: str) -> str:
    """Lower-case and fold punctuation: the form the tokeniser reads."""
    # Every character normalise folds is non-ASCII, so ASCII text (isascii
    # is O(1)) skips str.translate, the slower half of this for 30k texts.
    return text.lower() if text.isascii() else normalise(text).lower()


def hash_token(token: str) -> int:
    """The 64-bit id token_hashes gives a token (for explaining results)."""
    b = token.encode("utf-8")
    h = 0
    for k in range(0, len(b), 8):
        h = (h * _P + int.from_bytes(b[k : k + 8], "little")) & _MASK
    return h


def tokens(text: str) -> list[str]:
    """Python-level tokens of a text, identical to those token_hashes sees."""
    # token_hashes keeps runs of 2 bytes or more, so one non-ASCII letter ("é") is a token.
    return [t for t in _TOKEN_RE.findall(prepare(text)) if len(t) > 1 or not t.isascii()]


def token_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hash every token of every text: (hashes uint64, text index int32)."""
    chunks, start = [], 0
    while start < len(texts):
        stop, size = start, 0
        while stop < len(texts) and (size < _CHUNK_BYTES or stop == start):
            size += len(texts[stop]) + 1
            stop += 1
        chunks.append((start, stop))
        start = stop
    if not chunks:
        return np.empty(0, np.uint64), np.empty(0, np.int32)

    def run(bounds):
        lo, hi = bounds
        h, d = _chunk_hashes(*_chunk_bytes(texts[lo:hi]))
        return h, d + lo

    # numpy releases the GIL on these large arrays: two chunks at a time.
    with ThreadPoolExecutor(2) as pool:
        out = list(pool.map(run, chunks))
    return np.concatenate([h for h, _ in out]), np.concatenate([d for _, d in out])


def _chunk_bytes(texts: list[str]) -> tuple[bytes, list[int]]:
    """The prepared UTF-8 texts joined by newlines, and each one's length in bytes."""
    joined = "\n".join(texts)
    if joined.isascii():
        # One lower() and encode() for the chunk instead of one per text (they
        # hold the GIL); ASCII bytes are characters, so lengths are len().
        return joined.lower().encode("ascii"), [len(t) for t in texts]
    parts = [prepare(t).encode("utf-8") for t in texts]
    return b"\n".join(parts), [len(p) for p in parts]


def _chunk_hashes(data: bytes, sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Token hashes for one chunk of texts (byte lengths given) joined by a separator byte."""
    # A leading separator makes word/non-word changes alternate start, end;
    # 8 trailing zero bytes keep every 8-byte read inside the buffer.
    buf = np.frombuffer(b"\n" + data + b"\n" + bytes(8), dtype=np.uint8)
    isw = _WORD[buf]
    edges = np.flatnonzero(isw[1:] != isw[:-1]) + 1
    starts, lengths = edges[0::2], edges[1::2] - edges[0::2]
    keep = lengths >= 2  # sklearn's default drops 1-character tokens
    starts, lengths = starts[keep], lengths[keep]
    h = _pack(buf, starts, lengths)
    offsets = np.cumsum([1] + [n + 1 for n in sizes])
    doc = np.searchsorted(offsets, starts, side="right") - 1
    return h, doc.astype(np.int32)


def _pack(buf: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """hash_token of every token buf[starts[i] : starts[i] + lengths[i]]."""
    # words[j] = the 8 bytes from offset j as a little-endian uint64
    # (an unaligned, overlapping view: no copy).
    words = np.ndarray((len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
    h = words[starts] & _BYTE_MASK[np.minimum(lengths, 8)]
    sel, k = np.flatnonzero(lengths > 8), 1  # the few tokens longer than 8 bytes
    with np.errstate(over="ignore"):
        while len(sel):
            rest = lengths[sel] - 8 * k
            w = words[starts[sel] + 8 * k] & _BYTE_MASK[np.minimum(rest, 8)]
            h[sel] = h[sel] * np.uint64(_P) + w
            sel, k = sel[rest > 8], k + 1
    return h

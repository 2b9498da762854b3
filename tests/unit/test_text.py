"""Unit tests for plugins/newsdesk/text.py."""

import pytest

from newsdesk import text as T


@pytest.mark.parametrize("html,expected", [
    ("<p>Hello <em>world</em></p>", "Hello world"),
    ("<p>a</p><p>b</p>", "a b"),
    ('<p><span class="caps">NASA</span>&#8217;s budget</p>', "NASA\u2019s budget"),
    ("<p>&#8220;Quoted&#8221;&nbsp;text <span class=\"amp\">&amp;</span> more</p>", "\u201cQuoted\u201d text & more"),
    ("<p>before</p><pre><code>x = 1</code></pre><p>after</p>", "before after"),
    ("<p>run <code>ls -l</code> now</p>", "run now"),
    ("<script>alert(1)</script><style>p{}</style>kept", "kept"),
    ("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "one two"),
    ("<table><tr><td>x</td><td>y</td></tr></table>", "x y"),
    ("", ""),
    ("plain words", "plain words"),
    ("<!-- only a comment -->", ""),
    ("<p>one<!-- note -->two<?php x ?></p>", "one two"),
    ("<p>see <code>a</code><code>b</code>, then</p>", "see , then"),
])
def test_plain_text(html, expected):
    assert T.plain_text(html) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hello, World!", ["hello", "world"]),
    ("it\u2019s a caf\u00e9-bar", ["it", "caf\u00e9", "bar"]),
    ("x y zz 42", ["zz", "42"]),
])
def test_tokens(text, expected):
    assert T.tokens(text) == expected


def test_token_hashes_match_python_hash():
    texts = ["Hello world, caf\u00e9", "", "zz hello"]
    hashes, idx = T.token_hashes(texts)
    assert idx.tolist() == [0, 0, 0, 2, 2]
    assert hashes.tolist() == [T.hash_token(w) for w in ["hello", "world", "caf\u00e9", "zz", "hello"]]
    assert hashes[0] == hashes[4] and hashes[0] != hashes[1]


def test_long_tokens_hash_like_python():
    # Tokens over 8 bytes chain 8-byte words; 8 and 16 bytes are the edges.
    words = ["abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "r\u00e9sum\u00e9s-\u00e9t\u00e9"]
    hashes, _ = T.token_hashes([" ".join(words)])
    expected = words[:4] + ["r\u00e9sum\u00e9s", "\u00e9t\u00e9"]  # the hyphen splits the last
    assert hashes.tolist() == [T.hash_token(w) for w in expected]
    assert len(set(hashes.tolist())) == len(hashes)


@pytest.mark.parametrize("text", ["Plain ASCII Text", "Caf\u00e9 \u201cquoted\u201d \u2014 A\u00a0B"])
def test_prepare_equals_normalise_then_lower(text):
    assert T.prepare(text) == T.normalise(text).lower()


@pytest.mark.parametrize("texts", [["Hello World", "", "B2B Sales"], ["Caf\u00e9 \u201cX\u201d", "ab\u00adc", "\u03a3\u039f\u03a3"]])
def test_chunk_bytes_is_prepared_texts_joined(texts):
    data, lengths = T._chunk_bytes(texts)
    parts = [T.prepare(t).encode("utf-8") for t in texts]
    assert data == b"\n".join(parts) and lengths == [len(p) for p in parts]


def test_tokens_and_token_hashes_agree_on_single_non_ascii_letters():
    # Two UTF-8 bytes: both paths keep "é" and "ü" (and drop the ASCII "x").
    text = "\u00e9 x \u00fc caf\u00e9 \u00f1"
    assert T.tokens(text) == ["\u00e9", "\u00fc", "caf\u00e9", "\u00f1"]
    hashes, _ = T.token_hashes([text])
    assert hashes.tolist() == [T.hash_token(w) for w in ["\u00e9", "\u00fc", "caf\u00e9", "\u00f1"]]

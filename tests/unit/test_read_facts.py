"""read_facts reuses the plain text kept when the article was read, only while the body is unchanged."""

from __future__ import annotations

import pytest

from newsdesk.adapter import related_lists


class _Article:
    def __init__(self, html: str) -> None:
        self._content, self.url, self.summary = html, "2024/01/01/a/", "<p>Short</p>"


@pytest.mark.parametrize("rewritten, expected", [
    (None, "Claims & time limits."),  # body as read: the kept text
    ("<p>Rewritten <b>body</b></p>", "Rewritten body"),  # a plugin rewrote it: read again
])
def test_kept_plain_text_is_used_only_for_the_body_it_was_read_from(rewritten, expected):
    article = _Article("<h2>Claims</h2><p>&amp; time limits.</p>")
    related_lists.keep_plain_text(article)
    if rewritten is not None:
        article._content = rewritten
    assert related_lists.read_facts([article])[id(article)] == ("2024/01/01/a/", "Short",
                                                                 expected)


def test_an_equal_but_new_body_is_read_again(monkeypatch):
    article = _Article("<p>Same words</p>")
    related_lists.keep_plain_text(article)
    article._content = "".join(["<p>Same ", "words</p>"])  # equal text, another object
    read = []
    monkeypatch.setattr(related_lists, "plain_text", lambda html: read.append(html) or "again")
    assert related_lists.read_facts([article])[id(article)][2] == "again"
    assert read == ["<p>Same words</p>"]


def test_without_kept_text_the_body_is_read():
    article = _Article("<ul><li>One</li><li>Two</li></ul>")
    assert related_lists.read_facts([article])[id(article)][2] == "One Two"

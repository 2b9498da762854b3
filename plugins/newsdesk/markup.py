"""Metadata renders as text: titles, summaries and names carry only the markup we allow.

Pure module (nh3 and markupsafe only). Pelican treats a title as HTML, so a title such as
`Quote </script><script>alert(1)</script>` would run on every page that lists it. Newsdesk
reads a title as plain text: entities are decoded (WordPress titles carry `&#8217;`), the
text is escaped, typogrify then adds its typography, and the result is sanitised against an
allowlist with nh3 (the Ammonia sanitiser) as a second line of defence. Summaries are
Markdown, so they keep inline emphasis and lose every other element.
"""

from __future__ import annotations

import html
import re

import nh3
from markupsafe import Markup

# The <span> classes typogrify adds: & (amp), capitals (caps), opening quotes (dquo, quo).
TYPOGRAPHY_CLASSES = frozenset({"amp", "caps", "dquo", "quo"})
SUMMARY_TAGS = frozenset({"em", "strong", "code", "span"})

# Bidirectional embeddings, overrides and isolates (they can make text read backwards, to
# disguise a name or a file extension) and C0/C1 controls other than tab and newline.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\x00-\x08\x0b\x0c"
                        "\x0e-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """`text` without bidirectional overrides and control characters."""
    return _INVISIBLE.sub("", text)


def title_as_html(raw: str) -> str:
    """A title written as text, as HTML: entities decoded, then `<`, `>` and `&` escaped."""
    return html.escape(plain(html.unescape(raw)), quote=False)


def _clean(fragment: str, tags: frozenset) -> Markup:
    return Markup(nh3.clean(fragment, tags=set(tags), attributes={},
                            allowed_classes={"span": set(TYPOGRAPHY_CLASSES)},
                            clean_content_tags={"script", "style"}, url_schemes=set(),
                            link_rel=None, strip_comments=True))


def clean_title(fragment: str) -> Markup:
    """A (typogrified) title with only typogrify's <span>s left: safe to render as markup."""
    return _clean(plain(fragment), frozenset({"span"}))


def clean_summary(fragment: str) -> Markup:
    """A rendered Markdown summary with only inline emphasis and typogrify's <span>s left."""
    return _clean(plain(fragment), SUMMARY_TAGS)

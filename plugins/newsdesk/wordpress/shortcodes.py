"""WordPress shortcodes: convert those whose meaning is clear, remove the rest and say so."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Related-posts plugins' shortcodes: removed, and logged as related blocks.
RELATED = {"yarpp", "jetpack_related_posts", "jetpack-related-posts", "related_posts",
           "related-posts", "crp", "contextual_related_posts", "rp4wp", "yuzo_related",
           "related", "wpp"}
# Names treated as shortcodes even without attributes or a closing tag.
KNOWN = RELATED | {"caption", "wp_caption", "embed", "gallery", "audio", "video", "playlist",
                   "youtube", "vimeo", "code", "sourcecode", "source", "efn_note", "footnote",
                   "contact-form", "contact-form-7", "gravityform", "wpforms", "googlemaps",
                   "soundcloud", "twitter", "tweet", "instagram", "facebook", "spotify",
                   "ninja_form", "formidable", "fluentform", "button", "dropcap"}
LINKS = {"embed", "youtube", "vimeo", "soundcloud", "twitter", "tweet", "instagram",
         "facebook", "spotify", "googlemaps"}
_OPEN = re.compile(r"\[([A-Za-z][\w-]*)((?:\s[^\[\]]*?)?)\s*(/)?\]")
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_URL = re.compile(r"https?://[^\s\"'<>\]]+")


@dataclass
class Context:
    """What shortcodes need from the rest of the export, and what they report."""

    attachments: dict = field(default_factory=dict)  # post id -> (url, alt)
    children: dict = field(default_factory=dict)  # parent id -> [attachment ids]
    post_id: str = ""
    converted: list = field(default_factory=list)  # names
    left: list = field(default_factory=list)  # names removed without a clear meaning
    related: list = field(default_factory=list)  # raw text removed
    footnotes: list = field(default_factory=list)  # footnote HTML, in order


def attributes(text: str) -> dict:
    """A shortcode's attributes as a dict (values unescaped)."""
    found = {}
    for match in _ATTR.finditer(text or ""):
        found[match.group(1).lower()] = html.unescape(next(
            g for g in match.groups()[1:] if g is not None))
    return found


def _link(url: str) -> str:
    url = html.escape(url.strip(), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def _caption(attrs: dict, inner: str) -> str:
    image = re.search(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", inner, re.I)
    text = attrs.get("caption") or (inner[image.end():] if image else inner)
    body = image.group(0) if image else ""
    return f"<figure>{body}<figcaption>{text.strip()}</figcaption></figure>"


def _gallery(attrs: dict, ctx: Context) -> str:
    ids = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()]
    ids = ids or ctx.children.get(ctx.post_id, [])
    images = []
    for key in ids:
        if key in ctx.attachments:
            url, alt = ctx.attachments[key]
            images.append(f'<p><img src="{html.escape(url)}" alt="{html.escape(alt)}"></p>')
    return "".join(images)


def _media(attrs: dict, inner: str) -> str:
    for key in ("src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", "url", "id"):
        if _URL.match(attrs.get(key, "")):
            return _link(attrs[key])
    found = _URL.search(inner)
    return _link(found.group(0)) if found else ""


def _convert(name: str, attrs: dict, inner: str | None, ctx: Context) -> str:
    low, inner_text = name.lower(), inner or ""
    if low in RELATED:
        ctx.related.append(f"[{name}]")
        return ""
    if low in ("caption", "wp_caption"):
        out = _caption(attrs, inner_text)
    elif low == "gallery":
        out = _gallery(attrs, ctx)
    elif low in ("audio", "video", "playlist") or low in LINKS:
        out = _media(attrs, inner_text)
    elif low in ("code", "sourcecode", "source"):
        out = f"<pre><code>{inner_text.strip()}</code></pre>"
    elif low in ("efn_note", "footnote"):
        ctx.footnotes.append(inner_text.strip())
        out = f'<sup class="newsdesk-fn">{len(ctx.footnotes)}</sup>'
    else:
        ctx.left.append(name)
        return inner_text  # its content stays; the tag itself goes
    ctx.converted.append(low)
    return out


def _is_shortcode(name: str, args: str, text: str) -> bool:
    return (name.lower() in KNOWN or f"[/{name}]" in text or "=" in (args or ""))


def expand(text: str, ctx: Context) -> str:
    """Replace every shortcode in `text` (enclosing ones first, innermost first)."""
    pos = 0
    while True:
        match = _OPEN.search(text, pos)
        if not match:
            return text
        name, args, closed = match.group(1), match.group(2), match.group(3)
        if not _is_shortcode(name, args, text):
            pos = match.end()
            continue
        inner, end = None, match.end()
        close = None if closed else re.compile(rf"\[/{re.escape(name)}\]", re.I).search(text, end)
        if close:
            inner, end = expand(text[match.end():close.start()], ctx), close.end()
        out = _convert(name, attributes(args), inner, ctx)
        text = text[:match.start()] + out + text[end:]
        pos = match.start() + len(out)


def stray_closers(text: str) -> str:
    """Remove closing tags ([/name]) left without an opener."""
    return re.sub(r"\[/[A-Za-z][\w-]*\]", "", text)

"""Post bodies: WordPress HTML (blocks, shortcodes, autop) to clean Markdown with markdownify."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Comment
from markdownify import MarkdownConverter

from . import shortcodes

_BLOCK = ("table|thead|tfoot|caption|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
          "blockquote|address|style|script|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
          "header|footer|nav|figure|figcaption|details|summary|iframe|video|audio|object|embed")
_BLOCK_TAG = re.compile(rf"(</?(?:{_BLOCK})\b[^>]*>)", re.I)
_STARTS_BLOCK = re.compile(rf"^\s*(</?(?:{_BLOCK})\b|\x00PRE)", re.I)
_PRE = re.compile(r"<pre\b.*?</pre>", re.I | re.S)
_BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_DROP = ("script", "style", "form", "noscript", "input", "button", "select", "textarea")
_PLAYERS = ("iframe", "embed", "object", "video", "audio")


def autop(text: str) -> str:
    """WordPress's wpautop, simplified: blank-line-separated text becomes paragraphs."""
    pres: list[str] = []

    def keep(match):
        pres.append(match.group(0))
        return f"\x00PRE{len(pres) - 1}\x00"

    text = _PRE.sub(keep, text.replace("\r\n", "\n"))
    text = _BLOCK_TAG.sub(r"\n\n\1\n\n", text)
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text) if c.strip()]
    out = [c if _STARTS_BLOCK.match(c) else "<p>" + c.replace("\n", "<br />\n") + "</p>"
           for c in chunks]
    joined = "\n".join(out)
    return re.sub(r"\x00PRE(\d+)\x00", lambda m: pres[int(m.group(1))], joined)


def to_soup(raw: str, ctx: shortcodes.Context) -> BeautifulSoup:
    """The body as a parsed tree: block comments gone, shortcodes expanded, autop applied."""
    blocks = "<!-- wp:" in raw
    text = shortcodes.stray_closers(shortcodes.expand(raw, ctx))
    # WordPress embeds a URL on a line of its own; here it is a plain link.
    text = _BARE_URL.sub(lambda m: f'<p><a href="{m.group(1)}">{m.group(1)}</a></p>', text)
    if not blocks:
        text = autop(text)
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # Gutenberg's <!-- wp:... --> and <!--more-->
    _players_to_links(soup)
    _figures(soup)
    _footnotes(soup, ctx)
    return soup


def _players_to_links(soup) -> None:
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(_PLAYERS):
        source = tag.find("source")
        url = tag.get("src") or tag.get("data") or (source.get("src") if source else "")
        if url and re.match(r"(https?:)?//", url):
            link = soup.new_tag("a", href=url)
            link.string = url
            tag.replace_with(link)
        else:
            tag.decompose()


def _figures(soup) -> None:
    """<figure><img><figcaption> becomes the image, then its caption in italics."""
    for figure in soup.find_all("figure"):
        caption = figure.find("figcaption")
        if caption is not None:
            text = caption.get_text(" ", strip=True)
            caption.decompose()
            for img in figure.find_all("img"):
                img["data-caption"] = text  # an alt text fallback (media.alt_text)
            if text:
                para = soup.new_tag("p")
                emph = soup.new_tag("em")
                emph.string = text
                para.append(emph)
                figure.insert_after(para)
        figure.unwrap()


def _footnotes(soup, ctx: shortcodes.Context) -> None:
    # WordPress 6.3+ footnotes: <sup data-fn=... class="fn"><a href="#id">1</a></sup>
    for sup in soup.find_all("sup"):
        if sup.get("data-fn") or "newsdesk-fn" in (sup.get("class") or []):
            number = sup.get_text(strip=True) or str(len(ctx.footnotes))
            sup.replace_with(f"[^{number}]")


class _Converter(MarkdownConverter):
    """markdownify, with images whose src is gone left out and decorative ones marked."""

    def convert_img(self, el, text, parent_tags):  # noqa: D102
        if not el.get("src"):
            return ""
        out = super().convert_img(el, text, parent_tags)
        return out + "{: .decorative}" if el.get("data-decorative") and out else out


_OPTIONS = dict(heading_style="atx", bullets="-", strong_em_symbol="*", table_infer_header=True,
                escape_underscores=True, escape_asterisks=True, code_language="")


def to_markdown(soup, footnotes: list | None = None) -> str:
    """The tree as Markdown: ATX headings, '-' bullets, pipe tables, footnotes at the end."""
    text = _Converter(**_OPTIONS).convert_soup(soup)
    text = text.replace("\\[^", "[^")
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    for number, note in enumerate(footnotes or [], start=1):
        note_md = _Converter(**_OPTIONS).convert(note).strip().replace("\n", " ")
        text += f"\n\n[^{number}]: {note_md}"
    return text + "\n" if text else ""


def plain_text(fragment: str) -> str:
    """A fragment of HTML (a title, an excerpt) as one line of plain text."""
    text = BeautifulSoup(html.unescape(fragment or ""), "html.parser").get_text(" ")
    text = re.sub(r"\[/?[A-Za-z][\w-]*[^\]]*\]", "", text)
    return re.sub(r"\s+", " ", text).strip()

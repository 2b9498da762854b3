"""Read a WordPress WXR export (WordPress 4.x to 6.x, WXR 1.1 and 1.2) with lxml."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from lxml import etree

from . import WordPressError

# Item types that become content; everything else is counted by type and skipped.
CONTENT_TYPES = ("post", "page")


@dataclass
class Item:
    """One <item>: a post, page, attachment, menu item, block, template..."""

    post_id: str
    post_type: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    status: str
    slug: str
    date_gmt: str
    date_local: str
    modified_gmt: str
    parent: str
    attachment_url: str
    categories: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)
    line: int = 0


@dataclass
class Export:
    """The channel: site address, authors (login to display name), terms and items."""

    path: str
    blog_url: str
    pub_date: str
    authors: dict
    terms: dict  # (domain, nicename) -> (name, parent nicename)
    items: list


def _local(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    # content:encoded and excerpt:encoded share a local name.
    if name == "encoded":
        return "excerpt" if "excerpt" in namespace else "content"
    return name


def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _item(element) -> Item:
    fields, categories, meta = {}, [], {}
    for child in element:
        name = _local(child)
        if name == "category":
            categories.append((child.get("domain", ""), child.get("nicename", ""),
                               html.unescape(_text(child))))
        elif name == "postmeta":
            pair = {_local(c): (c.text or "") for c in child}
            meta.setdefault(pair.get("meta_key", ""), pair.get("meta_value", ""))
        elif name not in fields:
            fields[name] = child.text or ""
    get = lambda key: (fields.get(key) or "").strip()  # noqa: E731
    return Item(post_id=get("post_id"), post_type=get("post_type") or "post",
                title=get("title"), link=get("link"), creator=get("creator"),
                content=fields.get("content") or "", excerpt=fields.get("excerpt") or "",
                status=get("status") or "publish", slug=get("post_name"),
                date_gmt=get("post_date_gmt"), date_local=get("post_date"),
                modified_gmt=get("post_modified_gmt"), parent=get("post_parent"),
                attachment_url=get("attachment_url"), categories=categories, meta=meta,
                line=element.sourceline or 0)


def _fail(path: str, line: int | None, message: str) -> WordPressError:
    where = f"{path}:{line}" if line else path
    return WordPressError(f"{where}: {message}")


def parse(path: str) -> Export:
    """Parse the export at `path`; raise WordPressError naming the file and line when it is bad."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             strip_cdata=True, remove_comments=True)
    try:
        tree = etree.parse(path, parser)
    except OSError as exc:
        raise _fail(path, None, f"cannot read it ({exc}); give the path of the .xml file "
                    "WordPress exported (Tools > Export)") from exc
    except etree.XMLSyntaxError as exc:
        raise _fail(path, exc.lineno, f"not valid XML ({exc.msg}); the file may be truncated or "
                    "not a WordPress export: export it again from Tools > Export") from exc
    root = tree.getroot()
    channel = root.find("channel")
    if _local(root) != "rss" or channel is None or not any(
            _local(c) == "wxr_version" for c in channel):
        raise _fail(path, root.sourceline, "not a WordPress export (WXR): no <rss><channel> "
                    "with <wp:wxr_version>; export the site from Tools > Export")
    return _channel(path, channel)


def _channel(path: str, channel) -> Export:
    blog_url, pub_date, authors, terms, items = "", "", {}, {}, []
    for child in channel:
        name = _local(child)
        if name == "item":
            items.append(_item(child))
        elif name in ("base_blog_url",) or (name == "link" and not blog_url):
            blog_url = _text(child) or blog_url
        elif name == "pubDate":
            pub_date = _text(child)
        elif name == "author":
            pair = {_local(c): _text(c) for c in child}
            login = pair.get("author_login", "")
            authors[login] = html.unescape(pair.get("author_display_name") or login)
        elif name in ("category", "tag", "term"):
            _term(child, name, terms)
    return Export(path=path, blog_url=blog_url.rstrip("/"), pub_date=pub_date, authors=authors,
                  terms=terms, items=items)


def _term(element, name: str, terms: dict) -> None:
    pair = {_local(c): _text(c) for c in element}
    if name == "category":
        key, label = ("category", pair.get("category_nicename", "")), pair.get("cat_name", "")
        parent = pair.get("category_parent", "")
    elif name == "tag":
        key, label, parent = ("post_tag", pair.get("tag_slug", "")), pair.get("tag_name", ""), ""
    else:
        key = (pair.get("term_taxonomy", ""), pair.get("term_slug", ""))
        label, parent = pair.get("term_name", ""), pair.get("term_parent", "")
    terms[key] = (html.unescape(label), parent)

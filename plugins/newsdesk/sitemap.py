"""sitemap.xml and robots.txt as text: pure functions over (url, lastmod) pairs."""

from __future__ import annotations

from xml.sax.saxutils import escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(site_url: str, url: str) -> str:
    """Join a Pelican relative URL ("slug/", "") to SITEURL; unchanged when SITEURL is empty."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{site_url.rstrip('/')}/{url.lstrip('/')}" if site_url else f"/{url.lstrip('/')}"


def unique(entries: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Entries in first-seen order, one per URL, keeping the newest lastmod seen for it."""
    newest: dict[str, str | None] = {}
    for url, lastmod in entries:
        if url not in newest or (lastmod and (newest[url] or "") < lastmod):
            newest[url] = lastmod
    return list(newest.items())


def _url_element(url: str, lastmod: str | None) -> str:
    stamp = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    return f"  <url><loc>{escape(url)}</loc>{stamp}</url>\n"


def sitemap_xml(entries: list[tuple[str, str | None]]) -> str:
    """A sitemaps.org urlset; each entry is (absolute URL, W3C datetime or None)."""
    body = "".join(_url_element(url, lastmod) for url, lastmod in unique(entries))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n'
            f"{body}</urlset>\n")


def robots_txt(sitemap_url: str) -> str:
    """robots.txt allowing everything except drafts, and naming the sitemap."""
    # Drafts are built for preview only; search engines should never list them.
    return f"User-agent: *\nDisallow: /drafts/\n\nSitemap: {sitemap_url}\n"

"""schema.org JSON-LD for the firm (LegalService) and each article (BlogPosting).

Pure module: no Pelican imports.  Functions return plain dicts; `dumps` turns
one into text that is safe inside ``<script type="application/ld+json">``.

Public API
----------
legal_service(contact, site_url) -> dict
blog_posting(*, headline, url, date_published, date_modified, author_name,
             description, publisher_id, site_url, section=None, keywords=(),
             author_type="Organization", author=None, reviewed_by=None,
             last_reviewed=None) -> dict
person(name, *, url, job_title="", sra_id="") -> dict
dumps(obj) -> str
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re


CONTEXT = "https://schema.org"
_TAG = re.compile(r"<[^>]*>")
# Characters that could end the <script> element or open an HTML comment/entity
# there; U+2028/9 are line terminators to older JavaScript parsers.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def dumps(obj) -> str:
    """Compact, deterministic JSON that can sit inside a <script> element unescaped."""
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # Outside strings JSON never contains these characters, so escaping them
    # everywhere only changes string contents, and \\uXXXX decodes back the same.
    # str.replace, not str.translate with a dict: that looks up every character in Python
    # (30 us for an article's JSON-LD; five replaces take 2 us).
    for char, escaped in _SCRIPT_SAFE:
        text = text.replace(char, escaped)
    return text


def _plain(text) -> str:
    """Strip tags and entities: schema.org text properties are plain text."""
    return " ".join(htmllib.unescape(_TAG.sub("", str(text or ""))).split())


def _hours(team) -> list[dict]:
    """A team's opening hours (checked when the contact data was read) for schema.org."""
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(h.days),
             "opens": h.opens, "closes": h.closes} for h in team.opening_hours]


def _address(office) -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": office.street,
        "addressLocality": office.locality,
        "addressRegion": office.region,
        "postalCode": office.postcode,
        "addressCountry": office.country,
    }
    return {k: v for k, v in address.items() if v}


def _contact_point(team) -> dict:
    point = {
        "@type": "ContactPoint",
        "telephone": team.phone.e164,
        "email": team.email,
        "contactType": team.name,
        "areaServed": "GB",
        "availableLanguage": "English",
    }
    hours = _hours(team)
    if hours:
        point["hoursAvailable"] = hours
    return point


def legal_service(contact, site_url: str) -> dict:
    """The firm as a schema.org LegalService, with one ContactPoint per team."""
    site = (site_url or "").rstrip("/")
    main = contact.main_team
    node = {
        "@context": CONTEXT,
        "@type": "LegalService",
        "@id": f"{site}/#organization",
        "name": contact.legal_name,
        # The firm's own website is its canonical home; this site is its news desk.
        "url": contact.firm_url or f"{site}/",
        "telephone": main.phone.e164,
        "email": main.email,
        "contactPoint": [_contact_point(t) for t in contact.teams.values()],
    }
    if contact.firm_name and contact.firm_name != contact.legal_name:
        node["alternateName"] = contact.firm_name
    addresses = [_address(o) for o in contact.offices]
    if addresses:
        node["address"] = addresses[0] if len(addresses) == 1 else addresses
    hours = _hours(main)
    if hours:
        node["openingHoursSpecification"] = hours
    return node


def _iso(value, name: str) -> str:
    """An aware datetime (or its ISO string) as ISO 8601 with offset, to the second."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"blog_posting: {name} {value!r} is not an ISO 8601 date-time") from exc
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        # Search engines read a date without an offset as UTC or guess; Pelican
        # gives aware dates whenever TIMEZONE is set, so this is a wiring bug.
        raise ValueError(f"blog_posting: {name} {value!r} needs a time zone (set TIMEZONE)")
    return value.isoformat(timespec="seconds")


def _absolute(url: str, site: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) or not site:
        return url
    return f"{site}/{url.lstrip('/')}"


def person(name, *, url, job_title="", sra_id="") -> dict:
    """A schema.org Person: an author or reviewer, with their profile page and SRA ID."""
    node = {"@type": "Person", "name": _plain(name), "url": url}
    if job_title:
        node["jobTitle"] = _plain(job_title)
    if sra_id:
        # The Solicitors Regulation Authority's number for the solicitor.
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "SRA ID",
                              "value": _plain(sra_id)}
    return node


def _page_node(page: str, reviewed_by, last_reviewed) -> dict:
    # reviewedBy and lastReviewed belong to the WebPage in schema.org, not to the posting.
    node = {"@type": "WebPage", "@id": page}
    if reviewed_by:
        node["reviewedBy"] = reviewed_by
    if last_reviewed:
        node["lastReviewed"] = (last_reviewed.isoformat() if isinstance(last_reviewed, dt.date)
                                else str(last_reviewed))
    return node


def blog_posting(*, headline, url, date_published, date_modified, author_name, description,
                 publisher_id, site_url, section=None, keywords=(),
                 author_type="Organization", image=None, author=None, reviewed_by=None,
                 last_reviewed=None) -> dict:
    """An article as a schema.org BlogPosting whose publisher is the LegalService node.

    `author` (a node or list of nodes, e.g. from person()) replaces the plain author_name;
    `reviewed_by` (a Person node) and `last_reviewed` (a date) go on its WebPage."""
    if author_type not in ("Organization", "Person"):
        raise ValueError(f"blog_posting: author_type must be Organization or Person, "
                         f"not {author_type!r}")
    site = (site_url or "").rstrip("/")
    page = _absolute(str(url), site)
    published = _iso(date_published, "date_published")
    node = {
        "@context": CONTEXT,
        "@type": "BlogPosting",
        "@id": f"{page}#article",
        "headline": _plain(headline),
        "url": page,
        "mainEntityOfPage": _page_node(page, reviewed_by, last_reviewed),
        "datePublished": published,
        "dateModified": _iso(date_modified, "date_modified") if date_modified else published,
        "author": author or {"@type": author_type, "name": _plain(author_name)},
        "publisher": {"@id": publisher_id},
    }
    description = _plain(description)
    if description:
        node["description"] = description
    if section:
        node["articleSection"] = _plain(section)
    words = [w for w in map(_plain, keywords or ()) if w]
    if words:
        node["keywords"] = words
    if image:
        # {"url", "width", "height"}: the featured image or the generated share card.
        node["image"] = {"@type": "ImageObject", "url": _absolute(str(image["url"]), site),
                         "width": int(image["width"]), "height": int(image["height"])}
    return node

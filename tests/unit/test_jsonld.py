"""schema.org JSON-LD for the firm and its articles (newsdesk.jsonld), read back with extruct."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

import extruct
import pytest
import yaml

from newsdesk import jsonld
from newsdesk.contact import load_contact, parse_contact

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTACT = os.path.join(ROOT, "content", "data", "contact.yml")
SITE = "https://news.jordans.example"
LONDON = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(scope="module")
def contact():
    return load_contact(CONTACT)


def page(*nodes) -> str:
    """A tiny HTML page with each node in its own JSON-LD script element."""
    scripts = "".join(f'<script type="application/ld+json">{jsonld.dumps(n)}</script>'
                      for n in nodes)
    return f"<!doctype html><html><head><title>t</title>{scripts}</head><body></body></html>"


def extract(html: str) -> list[dict]:
    return extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]


def posting(**overrides) -> dict:
    fields = dict(headline="Whiplash reforms: what changed", url=f"{SITE}/whiplash/",
                  date_published="2024-05-01T09:30:00+01:00",
                  date_modified="2024-05-03T10:00:00+01:00", author_name="Jordans",
                  description="A summary.", publisher_id=f"{SITE}/#organization",
                  site_url=SITE, section="Personal Injury",
                  keywords=["whiplash", "road traffic accidents"])
    fields.update(overrides)
    return jsonld.blog_posting(**fields)


# --- LegalService ------------------------------------------------------------

def test_legal_service_from_real_contact_data_survives_extruct(contact):
    [org] = extract(page(jsonld.legal_service(contact, SITE + "/")))
    assert org["@context"] == "https://schema.org"
    assert org["@type"] == "LegalService"
    assert org["@id"] == f"{SITE}/#organization"
    assert org["name"] == "Jordans Solicitors LLP"
    assert org["telephone"] == "+448009555094"
    assert org["email"] == contact.main_team.email
    assert org["address"] == {"@type": "PostalAddress", "streetAddress": "1 Sample Street",
                              "addressLocality": "Leeds", "addressRegion": "West Yorkshire",
                              "postalCode": "LS1 1AA", "addressCountry": "GB"}
    assert org["openingHoursSpecification"] == [{
        "@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "17:30",
        "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}]


def test_one_contact_point_per_team(contact):
    [org] = extract(page(jsonld.legal_service(contact, SITE)))
    points = org["contactPoint"]
    assert len(points) == len(contact.teams) == 4
    assert {p["@type"] for p in points} == {"ContactPoint"}
    assert [p["telephone"] for p in points] == [t.phone.e164 for t in contact.teams.values()]
    assert [p["contactType"] for p in points] == [t.name for t in contact.teams.values()]
    prof = points[-1]
    assert prof == {"@type": "ContactPoint", "telephone": "+441134960303",
                    "email": "profneg@jordans.example",
                    "contactType": "Professional negligence team", "areaServed": "GB",
                    "availableLanguage": "English",
                    "hoursAvailable": [{"@type": "OpeningHoursSpecification",
                                        "dayOfWeek": ["Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday"],
                                        "opens": "09:00", "closes": "17:00"}]}


def test_several_offices_become_a_list(contact):
    second = dataclasses.replace(contact.offices[0], name="York", locality="York",
                                 postcode="YO1 1AA", region="")
    node = jsonld.legal_service(dataclasses.replace(contact, offices=contact.offices + (second,)),
                                SITE)
    assert [a["addressLocality"] for a in node["address"]] == ["Leeds", "York"]
    assert "addressRegion" not in node["address"][1]


def test_no_offices_no_address(contact):
    assert "address" not in jsonld.legal_service(dataclasses.replace(contact, offices=()), SITE)


def test_unpadded_hour_is_padded():
    data = yaml.safe_load(open(CONTACT, encoding="utf-8"))
    data["teams"][data["main_team"]]["opening_hours"] = [
        {"days": "Saturday", "opens": "9:00", "closes": "12:30"}]
    node = jsonld.legal_service(parse_contact(data, CONTACT), SITE)
    assert node["openingHoursSpecification"] == [{
        "@type": "OpeningHoursSpecification", "dayOfWeek": ["Saturday"],
        "opens": "09:00", "closes": "12:30"}]


# --- BlogPosting -------------------------------------------------------------

def test_blog_posting_with_its_publisher_survives_extruct(contact):
    org, post = extract(page(jsonld.legal_service(contact, SITE), posting()))
    assert post["@type"] == "BlogPosting"
    assert post["publisher"] == {"@id": org["@id"]}
    assert post["headline"] == "Whiplash reforms: what changed"
    assert post["url"] == f"{SITE}/whiplash/"
    assert post["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{SITE}/whiplash/"}
    assert post["datePublished"] == "2024-05-01T09:30:00+01:00"
    assert post["dateModified"] == "2024-05-03T10:00:00+01:00"
    assert post["author"] == {"@type": "Organization", "name": "Jordans"}
    assert post["description"] == "A summary."
    assert post["articleSection"] == "Personal Injury"
    assert post["keywords"] == ["whiplash", "road traffic accidents"]


def test_headline_and_description_are_plain_text():
    post = posting(headline="<em>Smith</em> v Jones &amp; the &#8220;law&#8221;",
                   description="<p>Summary with <a href='/x'>a link</a>.</p>")
    assert post["headline"] == "Smith v Jones & the \u201claw\u201d"
    assert post["description"] == "Summary with a link."


@pytest.mark.parametrize("published, modified, want_published, want_modified", [
    (dt.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=LONDON), None,
     "2024-05-01T09:30:15+01:00", "2024-05-01T09:30:15+01:00"),
    ("2024-01-02T08:00:00Z", "2024-01-03T08:00:00+00:00",
     "2024-01-02T08:00:00+00:00", "2024-01-03T08:00:00+00:00"),
])
def test_dates_are_iso_8601_with_offset(published, modified, want_published, want_modified):
    post = posting(date_published=published, date_modified=modified)
    assert (post["datePublished"], post["dateModified"]) == (want_published, want_modified)


@pytest.mark.parametrize("value", ["2024-05-01T09:30:00", dt.datetime(2024, 5, 1),
                                   dt.date(2024, 5, 1), "1 May 2024"])
def test_dates_without_a_time_zone_are_refused(value):
    with pytest.raises(ValueError, match="date_published"):
        posting(date_published=value)


def test_relative_url_is_made_absolute_and_optional_fields_dropped():
    post = posting(url="/whiplash/", section=None, keywords=(), description="",
                   author_name="Anna Smith", author_type="Person")
    assert post["url"] == f"{SITE}/whiplash/" and post["@id"] == f"{SITE}/whiplash/#article"
    assert post["author"] == {"@type": "Person", "name": "Anna Smith"}
    assert not {"articleSection", "keywords", "description"} & set(post)


def test_development_build_with_empty_site_url_keeps_relative_urls():
    post = posting(url="/whiplash/", site_url="", publisher_id="/#organization")
    assert post["url"] == "/whiplash/" and post["publisher"] == {"@id": "/#organization"}


# --- dumps -------------------------------------------------------------------

def test_dumps_is_compact_sorted_and_round_trips(contact):
    node = jsonld.legal_service(contact, SITE)
    text = jsonld.dumps(node)
    assert json.loads(text) == node
    assert text.startswith('{"@context":"https://schema.org","@id":')
    assert ", " not in text and "\n" not in text
    assert jsonld.dumps(node) == jsonld.dumps(json.loads(text))


def test_dumps_escapes_what_could_break_out_of_a_script_element():
    node = {"headline": "</script><script>alert(1)</script> & <!-- Caf\u00e9 \u2028"}
    text = jsonld.dumps(node)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert "\\u003c/script\\u003e" in text and "\\u0026" in text
    assert "Caf\u00e9" in text  # ensure_ascii=False: readable accents
    assert json.loads(text) == node
    [back] = extract(page(node))
    assert back == node

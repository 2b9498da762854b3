"""Authors, reviews and the legal notices in real Pelican builds (and in `invoke check`)."""

from __future__ import annotations

import datetime as dt
import os
import re

import extruct
import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from tools import check as content_check
from tools.build import BuildError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OVERDUE = "highway-code-hierarchy-road-users"  # sample: reviewed 2024-01-15, so always overdue
PERSON = "time-limits-child-abuse-claims"  # sample: by Helen Marsh, reviewed by her
TODAY = dt.date.today()  # the build's "today" (TIMEZONE Europe/London; tests avoid midnight)


def soup(folder, rel):
    with open(os.path.join(folder, rel, "index.html"), encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def posting(folder, rel) -> dict:
    with open(os.path.join(folder, rel, "index.html"), encoding="utf-8") as handle:
        items = extruct.extract(handle.read(), syntaxes=["json-ld"], uniform=False)["json-ld"]
    return next(i for i in items if i["@type"] == "BlogPosting")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_person_byline_links_to_the_author_page_and_shows_the_review(site):
    page = soup(site, PERSON)
    byline = page.select_one("article .byline")
    assert text(byline) == "By Helen Marsh , Partner, head of the abuse team"
    assert byline.a["href"] == "/author/helen-marsh/"
    reviewed = page.select_one("article .reviewed-by")
    assert text(reviewed) == ("Reviewed by Helen Marsh , Partner, head of the abuse team, on "
                              "2 March 2026")
    assert reviewed.time["datetime"] == "2026-03-02"
    meta = page.select_one("article .meta")
    assert "Last reviewed 2 March 2026" in text(meta)
    # Near the top: before the body.
    assert page.select_one("article > .reviewed-by ~ .prose") is not None


def test_team_byline_stays_a_team(site):
    page = soup(site, OVERDUE)
    assert text(page.select_one("article .byline")) == "By Jordans Personal Injury Team"
    assert page.select_one("article .byline a")["href"] == "/author/jordans-personal-injury-team/"
    data = posting(site, OVERDUE)
    assert data["author"] == {"@type": "Organization", "name": "Jordans Personal Injury Team",
                              "url": "/author/jordans-personal-injury-team/"}


def test_json_ld_has_author_and_reviewer_as_people(published):
    data = posting(published, PERSON)
    site = "https://news.jordanssolicitors.co.uk"
    helen = {"@type": "Person", "name": "Helen Marsh", "jobTitle": "Partner, head of the abuse team",
             "url": f"{site}/author/helen-marsh/",
             "identifier": {"@type": "PropertyValue", "propertyID": "SRA ID", "value": "900101"}}
    assert data["author"] == helen
    page = data["mainEntityOfPage"]
    assert page["@type"] == "WebPage" and page["@id"] == f"{site}/{PERSON}/"
    assert page["reviewedBy"] == helen and page["lastReviewed"] == "2026-03-02"
    # A paralegal author (no SRA ID) reviewed by a solicitor.
    grooming = posting(published, "online-grooming-signs-and-the-law")
    assert grooming["author"] == {"@type": "Person", "name": "Tom Reilly",
                                  "jobTitle": "Paralegal, abuse team",
                                  "url": f"{site}/author/tom-reilly/"}
    assert grooming["mainEntityOfPage"]["reviewedBy"]["name"] == "Helen Marsh"
    # Never reviewed: no reviewer, no lastReviewed.
    never = posting(published, "can-you-sue-your-solicitor")
    assert "reviewedBy" not in never["mainEntityOfPage"]
    assert "lastReviewed" not in never["mainEntityOfPage"]


def test_overdue_article_shows_a_calm_notice_above_the_body_and_stays_indexable(site):
    page = soup(site, OVERDUE)
    notice = page.select_one("article [data-review-notice]")
    assert text(notice) == ("This article was last checked on 15 January 2024 . The law may "
                            "have changed since then. To ask about your situation, call us free "
                            "on 0808 157 0101 .")
    assert notice.a["href"] == "tel:+448081570101"  # the personal injury team's CTA number
    assert notice.find_next_sibling(class_="prose") is not None
    assert page.find("meta", attrs={"name": "robots"}) is None
    # Never reviewed: the publication date is the last check.
    never = soup(site, "can-you-sue-your-solicitor")
    assert "last checked on 26 February 2019" in text(never.select_one("[data-review-notice]"))


def test_not_advice_notice_on_every_article_links_to_contact(site):
    for slug in (OVERDUE, PERSON, "ons-online-child-sexual-abuse-offences"):
        notice = soup(site, slug).select_one("article [data-not-advice]")
        assert text(notice).startswith("This article is general information, not legal advice.")
        assert notice.a["href"] == "/contact/" and text(notice.a) == "contact us"


def _write(content, rel, body):
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def _article(slug, date, authors="Jordans Personal Injury Team", review=""):
    return (f"Title: {slug}\nDate: {date}\nCategory: Personal Injury\nTags: testing\n"
            f"Slug: {slug}\nAuthors: {authors}\n{review}Summary: A short summary.\n\nBody text.\n")


def test_fresh_articles_show_no_notice_and_old_ones_do(tiny_site):
    recent = (TODAY - dt.timedelta(days=20)).isoformat()
    _write(tiny_site.content, "articles/personal-injury/fresh-review.md", _article(
        "fresh-review", "2015-01-05 10:00",
        review=f"Reviewed_by: Sarah Whitcombe\nReviewed: {TODAY.isoformat()}\n"))
    _write(tiny_site.content, "articles/personal-injury/fresh-new.md",
           _article("fresh-new", f"{recent} 10:00"))
    _write(tiny_site.content, "articles/personal-injury/old-review.md", _article(
        "old-review", "2015-01-05 10:00",
        review="Reviewed_by: Sarah Whitcombe\nReviewed: 2016-02-29\n"))
    # A shorter interval for this area makes a six-month-old review overdue.
    half = (TODAY - dt.timedelta(days=200)).isoformat()
    _write(tiny_site.content, "articles/clinical-negligence/half-year.md", _article(
        "half-year", "2015-01-05 10:00", review=f"Reviewed_by: Daniel Okafor\nReviewed: {half}\n"
    ).replace("Personal Injury", "Clinical Negligence"))
    tiny_site(LEGAL_REVIEW={"by_category": {"Clinical Negligence": 6}})
    out = str(tiny_site.output)
    assert soup(out, "fresh-review").select_one("[data-review-notice]") is None
    assert soup(out, "fresh-new").select_one("[data-review-notice]") is None
    old = soup(out, "old-review").select_one("[data-review-notice]")
    assert "last checked on 29 February 2016" in text(old)
    assert soup(out, "half-year").select_one("[data-review-notice]") is not None


def test_editors_change_the_not_advice_text(tiny_site):
    _write(tiny_site.content, "data/not-advice.md",
           "Général information only — *not* advice. [Talk to us]({contact}).\n")
    tiny_site()
    notice = soup(str(tiny_site.output), PERSON).select_one("[data-not-advice]")
    assert notice.em.string == "not" and notice.a["href"] == "/contact/"
    assert text(notice) == "Général information only — not advice. Talk to us ."


@pytest.mark.parametrize("authors, review, key, message", [
    ("Helen Marsh, Jon Nobody", "", "Authors", "author 'Jon Nobody' is not in"),
    ("Helen Marsh", "Reviewed_by: Tom Reilly\nReviewed: 2025-01-01\n", "Reviewed_by",
     "reviewed_by 'Tom Reilly' is not a solicitor"),
    ("Helen Marsh", "Reviewed_by: Helen Marsh\nReviewed: 2099-01-01\n", "Reviewed:",
     "reviewed date 2099-01-01 is after today"),
    ("Helen Marsh", "Reviewed_by: Helen Marsh\nReviewed: 1/2/2025\n", "Reviewed:",
     "write it as YYYY-MM-DD"),
])
def test_bad_bylines_fail_the_build_and_the_check_naming_file_and_line(
        tiny_site, authors, review, key, message):
    path = _write(tiny_site.content, "articles/personal-injury/bad-byline.md",
                  _article("bad-byline", "2024-01-05 10:00", authors, review))
    line = next(n for n, row in enumerate(path.read_text().split("\n"), 1) if row.startswith(key))
    with pytest.raises(BuildError, match=rf"bad-byline\.md:{line}: .*{re.escape(message)}"):
        tiny_site()
    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"),
                             override={"PATH": str(tiny_site.content)})
    report = content_check.run(settings)
    errors = [f for f in report.findings if f.level == "error"]
    assert [(f.path.endswith("bad-byline.md"), f.line) for f in errors] == [(True, line)]
    assert message in errors[0].message


def test_check_warns_for_each_overdue_article_and_passes(tiny_site):
    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"),
                             override={"PATH": str(tiny_site.content)})
    report = content_check.run(settings)
    assert report.errors == 0
    overdue = {f.path.rsplit("/", 1)[-1]: f for f in report.findings
               if "overdue for review" in f.message}
    assert overdue["highway-code-hierarchy-road-users.md"].level == "warning"
    assert overdue["highway-code-hierarchy-road-users.md"].line == 9  # its Reviewed: line
    assert "last reviewed 2024-01-15" in overdue["highway-code-hierarchy-road-users.md"].message
    assert overdue["can-you-sue-your-solicitor.md"].line == 2  # never reviewed: its Date: line
    assert len(overdue) >= 2


def test_author_page_shows_the_profile_articles_and_reviews(site):
    page = soup(site, "author/helen-marsh")
    profile = page.select_one("[data-profile]")
    facts = dict(zip([text(d) for d in profile.select("dt")],
                     [text(d) for d in profile.select("dd")]))
    assert facts == {"Qualification": "Solicitor, admitted 2009", "SRA ID": "900101",
                     "Practice areas": "Child Abuse Claims, Sexual Abuse Claims"}
    assert text(profile.select_one(".profile-role")) == "Partner, head of the abuse team"
    assert "fifteen years" in text(profile.select_one(".profile-bio"))
    written = [a["href"] for a in page.select("main .cards:not([data-reviewed-list]) .card-title a")]
    assert written == ["/how-sexual-abuse-claims-work/", "/time-limits-child-abuse-claims/"]
    reviewed = [a["href"] for a in page.select("[data-reviewed-list] .card-title a")]
    assert "/online-grooming-signs-and-the-law/" in reviewed and len(reviewed) >= 8


def test_every_person_has_an_author_page_even_before_their_first_article(tiny_site):
    authors = tiny_site.content / "data" / "authors.yml"
    authors.write_text(authors.read_text().replace("people:\n", (
        "people:\n  - name: Nia New\n    role: Trainee solicitor\n    qualification: LLB\n"
        "    bio: Joined this year.\n"), 1), encoding="utf-8")
    tiny_site()
    page = soup(str(tiny_site.output), "author/nia-new")
    assert text(page.select_one(".profile-role")) == "Trainee solicitor"
    assert "No articles by Nia New yet." in text(page.select_one("main"))


def test_review_due_lists_overdue_articles_oldest_first_as_text_and_json(tmp_path):
    import io
    import json

    from tools import review_due

    out, target = io.StringIO(), tmp_path / "queue.json"
    assert review_due.main("30d", str(target), out=out) == 0
    data = json.loads(target.read_text())
    rows = data["articles"]
    assert data["today"] == TODAY.isoformat() and data["within_days"] == 30
    paths = [r["path"] for r in rows]
    # Oldest check first: never reviewed since 2019, then the 2023 and 2024 reviews.
    assert paths.index("content/articles/professional-negligence/can-you-sue-your-solicitor.md") \
        < paths.index("content/articles/sexual-abuse-claims/"
                      "criminal-injuries-compensation-scheme-guide.md") \
        < paths.index("content/articles/personal-injury/highway-code-hierarchy-road-users.md")
    highway = next(r for r in rows if r["path"].endswith("highway-code-hierarchy-road-users.md"))
    assert highway == {**highway, "title": "The Highway Code's hierarchy of road users: what "
                       "changed in January 2022", "practice_area": "Personal Injury",
                       "last_reviewed": "2024-01-15", "reviewer": "Sarah Whitcombe",
                       "due": "2025-01-15", "overdue": True}
    assert all(r["days_until_due"] <= 30 for r in rows)
    assert [r["published_or_reviewed"] for r in rows] == \
        sorted(r["published_or_reviewed"] for r in rows)
    printed = out.getvalue()
    assert "content/articles/personal-injury/highway-code-hierarchy-road-users.md:" in printed
    assert "reviewed 2024-01-15 by Sarah Whitcombe · due 2025-01-15" in printed

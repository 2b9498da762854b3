"""The content check's rules, on plain texts (no files, no Pelican)."""

from __future__ import annotations

import datetime as dt

import pytest
from zoneinfo import ZoneInfo

from newsdesk.check import Finding, Source, check_site, data_finding
from newsdesk.errors import NewsdeskError

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=LONDON)
SETTINGS = {
    "TIMEZONE": "Europe/London", "SITEURL": "https://news.example.co.uk",
    "PRACTICE_AREAS": ["Personal Injury", "Clinical Negligence"],
    "ARTICLE_SAVE_AS": "{slug}/index.html", "PAGE_SAVE_AS": "{slug}/index.html",
    "DRAFT_SAVE_AS": "drafts/{slug}/index.html", "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}/index.html",
}
CTAS = {"general", "injury"}
PHONES = {"+448009555094"}


def art(slug, *, title=None, date="2024-01-02 09:00", category="Personal Injury",
        summary="A short summary.", extra="", body="Some text."):
    head = [f"Title: {title if title is not None else slug.title()}", f"Date: {date}",
            f"Category: {category}", f"Slug: {slug}"]
    if summary is not None:
        head.append(f"Summary: {summary}")
    return "\n".join(head) + ("\n" + extra if extra else "") + "\n\n" + body + "\n"


def run(files: dict, pages: dict | None = None, static=frozenset()):
    sources = [Source(p, t, "article") for p, t in files.items()]
    sources += [Source(p, t, "page") for p, t in (pages or {}).items()]
    return check_site(sources, SETTINGS, CTAS, PHONES, set(static), NOW)


def lines(findings):
    return [f.format() for f in findings]


def test_clean_articles_have_no_findings():
    assert run({"articles/a.md": art("a"), "articles/b.md": art("b", extra="related: a")}) == []


def test_finding_format_is_path_line_level_message():
    assert Finding("content/x.md", 3, "error", "bad").format() == "content/x.md:3: error: bad"


def test_bad_date_is_an_error_on_the_date_line():
    found = run({"articles/a.md": art("a", date="2024-13-45 99:00")})
    assert [(f.path, f.line, f.level) for f in found] == [("articles/a.md", 2, "error")]
    assert "2024-13-45 99:00" in found[0].message


def test_missing_title_is_an_error_on_line_1():
    found = run({"articles/a.md": art("a", title="")})
    assert [(f.line, f.level) for f in found] == [(1, "error")]
    assert "title" in found[0].message.lower()


def test_bad_yaml_names_the_offending_line():
    text = "---\ntitle: Fine\ndate: 2024-01-01\ntags: [a, b\nslug: x\n---\nBody\n"
    found = run({"articles/y.md": text})
    assert found and found[0].level == "error" and found[0].path == "articles/y.md"
    # PyYAML reports the unclosed flow sequence at the next key, line 5 of the file.
    assert found[0].line == 5


def test_yaml_front_matter_is_checked_with_its_own_lines():
    text = ("---\ntitle: Fine\ndate: 2024-01-01\ncategory: Family\nslug: y\n"
            "summary: Short.\n---\nBody\n")
    assert lines(run({"articles/y.md": text})) == [
        "articles/y.md:4: error: category 'Family' is not a practice area; use one of: "
        "Personal Injury, Clinical Negligence"]


def test_unknown_category_and_missing_category():
    found = run({"articles/a.md": art("a", category="Family"),
                 "articles/b.md": art("b", category="")})
    assert [(f.path, f.line, f.level) for f in found] == [
        ("articles/a.md", 3, "error"), ("articles/b.md", 3, "error")]
    assert "no category" in found[1].message


def test_unknown_cta_key_lists_the_valid_ones():
    found = run({"articles/a.md": art("a", extra="cta: nope"),
                 "articles/b.md": art("b", extra="cta: none"),
                 "articles/c.md": art("c", extra="cta: Injury")})
    assert lines(found) == ["articles/a.md:6: error: cta 'nope' is not a CTA; use one of: "
                            "general, injury, none"]


def test_unknown_pin_and_exclude_are_errors_on_their_lines():
    found = run({"articles/a.md": art("a", extra="related: b, ghost\nrelated_exclude: phantom"),
                 "articles/b.md": art("b")})
    assert [(f.line, f.level) for f in found] == [(6, "error"), (7, "error")]
    assert "'ghost'" in found[0].message and "'phantom'" in found[1].message


def test_pinning_a_draft_or_scheduled_article_is_an_error():
    found = run({"articles/a.md": art("a", extra="related: d, s"),
                 "articles/d.md": art("d", extra="Status: draft"),
                 "articles/s.md": art("s", date="2030-01-01")})
    errors = [f for f in found if f.level == "error"]
    assert len(errors) == 2 and all("draft or scheduled" in f.message for f in errors)


def test_related_none_is_not_a_slug():
    assert run({"articles/a.md": art("a", extra="related: none")}) == []


def test_duplicate_slugs_and_output_paths():
    found = run({"articles/a.md": art("same"), "articles/b.md": art("same")},
                pages={"pages/p.md": "Title: About\nSlug: about\n\nText\n",
                       "pages/q.md": "Title: About us\nSlug: about\n\nText\n"})
    assert [(f.path, f.line) for f in found] == [("articles/b.md", 4), ("pages/q.md", 2)]
    assert "articles/a.md" in found[0].message
    assert "about/index.html" in found[1].message and "pages/p.md" in found[1].message


def test_article_and_page_with_one_url_clash():
    found = run({"articles/a.md": art("contact")}, pages={"pages/c.md": "Title: C\nSlug: contact\n\nx\n"})
    assert len(found) == 1 and "contact/index.html" in found[0].message


def test_internal_links_must_point_at_something():
    body = "\n".join([
        "[ok]({filename}/articles/b.md) and [ok2]({filename}b.md) [page]({filename}/pages/p.md)",
        "[bad]({filename}/articles/missing.md)",
        "[root ok](/b/) [root bad](/nowhere/) [abs ok](https://news.example.co.uk/b/)",
        "[abs bad](https://news.example.co.uk/gone/) [other site](https://example.org/x/)",
        "[art ok]({article}b) [art bad]({article}ghost) [cat](/category/personal-injury/)",
        '<a href="/also-missing/">html</a> [img ok](/images/x.png)',
    ])
    found = run({"articles/a.md": art("a", body=body), "articles/b.md": art("b")},
                pages={"pages/p.md": "Title: P\nSlug: p\n\nx\n"}, static={"images/x.png"})
    bad = [(f.line, f.message.split("'")[1]) for f in found]
    # The body starts on line 7 (six header lines and a blank).
    assert bad == [(8, "{filename}/articles/missing.md"), (9, "/nowhere/"),
                   (10, "https://news.example.co.uk/gone/"), (11, "{article}ghost"),
                   (12, "/also-missing/")]
    assert all(f.level == "error" for f in found)


def test_images_need_alt_text():
    body = "![](/images/x.png)\n\n![A chart](/images/x.png)\n\n<img src=\"/images/x.png\">\n"
    found = run({"articles/a.md": art("a", body=body)}, static={"images/x.png"})
    assert [(f.line, f.level) for f in found] == [(7, "error"), (11, "error")]
    assert all("alt text" in f.message for f in found)


def test_phone_numbers_not_in_the_contact_data_are_warnings():
    body = "Call 0800 9555 094 today.\n\nOr ring 0113 496 0999.\n"
    found = run({"articles/a.md": art("a", body=body)})
    assert lines(found) == ["articles/a.md:9: warning: phone number '0113 496 0999' is not in "
                            "the contact data; check it or use the team's number"]


def test_summary_missing_or_too_long_is_a_warning():
    found = run({"articles/a.md": art("a", summary=None), "articles/b.md": art("b", summary=""),
                 "articles/c.md": art("c", summary="x" * 161),
                 "articles/d.md": art("d", summary="x" * 160)})
    assert [(f.path, f.level) for f in found] == [
        ("articles/a.md", "warning"), ("articles/b.md", "warning"), ("articles/c.md", "warning")]
    assert "161 characters" in found[2].message


def test_future_dates_are_noted_as_scheduled():
    found = run({"articles/a.md": art("a", date="2025-06-01 13:30"),
                 "articles/b.md": art("b", date="2025-06-01 11:30")})
    assert lines(found) == ["articles/a.md:2: info: scheduled for 2025-06-01 13:30"]


def test_data_errors_become_findings_with_their_line():
    found = data_finding(NewsdeskError("content/ctas/x.md:4: invalid YAML front matter (x)."), "f")
    assert found == Finding("content/ctas/x.md", 4, "error", "invalid YAML front matter (x).")
    plain = data_finding(NewsdeskError("content/data/contact.yml: missing 'firm'."), "f")
    assert (plain.path, plain.line) == ("content/data/contact.yml", 1)


def test_header_keys_read_as_pelican_reads_them():
    # Pelican keeps the first of a key that may not repeat, and a continued `related:`
    # line is a second slug, not words of the first.
    text = ("Title: T\nDate: 2024-01-02 09:00\nCategory: Personal Injury\nSummary: S.\n"
            "Slug: one\nSlug: b\nrelated: b\n    no-such\n\nBody.\n")
    found = run({"articles/a.md": text, "articles/b.md": art("b")})
    # Slug "one" wins (no clash with b.md); "b" pins fine, "no-such" does not.
    assert lines(found) == ["articles/a.md:7: error: related names 'no-such', which is not an "
                            "article's slug; fix or remove it"]


@pytest.mark.parametrize("target, ok", [
    ("{static}/images/x.png", True),        # exists: the build copies it
    ("{static}images/x.png", False),        # relative to articles/: no such file
    ("{attach}/images/x.png", True),
    ("{static}/images/missing.png", False),
])
def test_static_image_references_resolve_against_static_files(target, ok):
    body = f"![A chart]({target})\n"
    found = run({"articles/a.md": art("a", body=body)}, static={"images/x.png"})
    assert [f.message for f in found if "points at nothing" in f.message] == (
        [] if ok else [f"link {target!r} points at nothing on the site; fix the path or slug"])


@pytest.mark.parametrize("target, ok", [
    ("../../images/x.png", True),     # relative to articles/pi/a.md: content/images/x.png
    ("../../images/gone.png", False),
    ("gone.png", False),
    ("https://example.org/x.png", True),  # another site's image: not the check's business
])
def test_relative_images_resolve_against_the_markdown_file(target, ok):
    found = run({"articles/pi/a.md": art("a", body=f"![A chart]({target})\n")},
                static={"images/x.png"})
    assert [f.message for f in found if "points at nothing" in f.message] == (
        [] if ok else [f"link {target!r} points at nothing on the site; fix the path or slug"])


@pytest.mark.parametrize("extra, expected", [
    ("Template: article", []),
    ("Template: no-such", ["articles/a.md:6: error: template 'no-such' is not in the theme; use "
                           "one of: article, page (or remove the line)"]),
    ("Save_as: guides/a.html", []),
    ("Save_as: ../../escape.html", ["articles/a.md:6: error: save_as '../../escape.html' would be "
                                    "written outside the site; give a path inside it, like "
                                    "folder/name.html"]),
    ("Url: /etc/passwd", ["articles/a.md:6: error: url '/etc/passwd' would be written outside "
                          "the site; give a path inside it, like folder/name.html"]),
])
def test_template_and_save_as_rules(extra, expected):
    sources = [Source("articles/a.md", art("a", extra=extra), "article")]
    found = check_site(sources, SETTINGS, CTAS, PHONES, set(), NOW,
                       templates=frozenset({"article", "page"}))
    assert lines(found) == expected


@pytest.mark.parametrize("site_rules, level", [(True, "error"), (False, "warning")])
def test_site_rules_are_warnings_for_another_sites_posts(site_rules, level):
    settings = {**SETTINGS, "CHECK": {"site_rules": site_rules}}
    body = "See [the team](/no-such-page/)."
    found = check_site([Source("articles/a.md", art("a", category="Gardening", body=body))],
                       settings, CTAS, PHONES, set(), NOW)
    assert sorted((f.line, f.level) for f in found) == [(3, level), (7, level)]

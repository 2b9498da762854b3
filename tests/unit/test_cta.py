"""Calls to action: parsing, validation, choice and inline insertion (newsdesk.cta)."""

from __future__ import annotations

import os

import pytest

from newsdesk import autolink, cta
from newsdesk.contact import load_contact
from newsdesk.errors import NewsdeskError
from tests.firm_text import ABUSE_CTA as ABUSE_BODY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CTA_DIR = os.path.join(ROOT, "content", "ctas")
CONTACT = os.path.join(ROOT, "content", "data", "contact.yml")


def cta_text(**fields) -> str:
    """A CTA file's text; fields set to None are left out."""
    base = {"key": "pi", "heading": "Talk to us", "team": "personal-injury", "priority": "5"}
    base.update(fields)
    lines = [f"{k}: {v}" for k, v in base.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\nCall us on 0808 157 0101.\n"


def make(key, *, categories=(), tags=(), priority=0, default=False) -> cta.Cta:
    return cta.Cta(key=key, heading=key, categories=tuple(categories), tags=tuple(tags),
                   priority=priority, team="abuse", default=default,
                   body_markdown="Text.", source=f"content/ctas/{key}.md")


CTAS = {c.key: c for c in (
    make("abuse", categories=["Child Abuse Claims"], tags=["child sexual abuse"], priority=20),
    make("sexual-abuse", categories=["Sexual Abuse Claims"], tags=["rape"], priority=15),
    make("pi", categories=["Personal Injury"], tags=["whiplash"], priority=10),
    make("clin", categories=["Clinical Negligence", "Personal Injury"], tags=["whiplash"],
         priority=10),
    make("general", default=True),
)}


# --- parsing -----------------------------------------------------------------

def test_parse_cta_reads_every_field():
    text = ("---\nkey: abuse\nheading: Speak to us\ncategories: [Child Abuse Claims, "
            "Sexual Abuse Claims]\ntags: [grooming]\npriority: 10\nteam: abuse\n"
            "default: true\n---\n\nBody text.\n")
    got = cta.parse_cta(text, "content/ctas/abuse.md")
    assert got == cta.Cta(key="abuse", heading="Speak to us",
                          categories=("Child Abuse Claims", "Sexual Abuse Claims"),
                          tags=("grooming",), priority=10, team="abuse", default=True,
                          body_markdown="Body text.", source="content/ctas/abuse.md")


def test_parse_cta_defaults_and_comma_separated_lists():
    got = cta.parse_cta(cta_text(priority=None, tags="whiplash, road traffic accidents"), "x.md")
    assert (got.priority, got.default, got.categories) == (0, False, ())
    assert got.tags == ("whiplash", "road traffic accidents")


@pytest.mark.parametrize("fields, words", [
    ({"key": None}, ["x.md", "'key'"]),
    ({"team": None}, ["x.md", "'team'"]),
    ({"team": '""'}, ["x.md", "'team'"]),
    ({"heading": None}, ["x.md", "'heading'"]),
    ({"priority": "high"}, ["x.md", "'priority'", "whole number"]),
    ({"priority": "1.5"}, ["x.md", "'priority'"]),
    ({"priority": "yes"}, ["x.md", "'priority'"]),
    ({"default": '"maybe"'}, ["x.md", "'default'", "true or false"]),
    ({"key": "Personal Injury"}, ["x.md", "lower-case"]),
    ({"key": "none"}, ["x.md", "'none'"]),
    ({"catagories": "[Personal Injury]"}, ["x.md", "catagories", "categories"]),
    ({"tags": "{a: b}"}, ["x.md", "'tags'", "list"]),
])
def test_parse_cta_field_errors_name_file_and_field(fields, words):
    with pytest.raises(NewsdeskError) as err:
        cta.parse_cta(cta_text(**fields), "x.md")
    for word in words:
        assert word in str(err.value)


def test_parse_cta_yaml_error_names_file_line():
    text = "---\nkey: pi\nheading: Talk: to us: now\nteam: abuse\n---\nBody\n"
    with pytest.raises(NewsdeskError, match=r"^x\.md:3: invalid YAML"):
        cta.parse_cta(text, "x.md")


@pytest.mark.parametrize("text, words", [
    ("key: pi\nBody\n", ["x.md:1", "'---'"]),
    ("---\n- a list\n---\nBody\n", ["x.md:2", "field: value"]),
    ("---\nkey: pi\nheading: H\nteam: abuse\n---\n\n", ["x.md", "no text"]),
])
def test_parse_cta_shape_errors(text, words):
    with pytest.raises(NewsdeskError) as err:
        cta.parse_cta(text, "x.md")
    for word in words:
        assert word in str(err.value)


# --- loading a folder ------------------------------------------------------------

def write(folder, name, **fields):
    (folder / name).write_text(cta_text(**fields), encoding="utf-8")


def test_load_ctas_is_sorted_by_file_name(tmp_path):
    write(tmp_path, "b.md", key="zeta", default="true")
    write(tmp_path, "a.md", key="alpha")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    assert list(cta.load_ctas(str(tmp_path))) == ["alpha", "zeta"]


def test_load_ctas_duplicate_key_names_both_files(tmp_path):
    write(tmp_path, "a.md", key="pi", default="true")
    write(tmp_path, "b.md", key="pi")
    with pytest.raises(NewsdeskError) as err:
        cta.load_ctas(str(tmp_path))
    assert "a.md" in str(err.value) and "b.md" in str(err.value) and "'pi'" in str(err.value)


@pytest.mark.parametrize("defaults, words", [
    ((), ["no CTA is marked 'default: true'"]),
    (("a.md", "b.md"), ["2 CTAs", "a.md", "b.md", "exactly one"]),
])
def test_load_ctas_needs_exactly_one_default(tmp_path, defaults, words):
    for name in ("a.md", "b.md"):
        write(tmp_path, name, key=name[0], default="true" if name in defaults else None)
    with pytest.raises(NewsdeskError) as err:
        cta.load_ctas(str(tmp_path))
    for word in words:
        assert word in str(err.value)


def test_load_ctas_missing_folder(tmp_path):
    with pytest.raises(NewsdeskError, match="CTA folder not found"):
        cta.load_ctas(str(tmp_path / "nope"))


def test_check_teams_lists_valid_teams():
    ctas = {"pi": cta.parse_cta(cta_text(team="injury"), "content/ctas/pi.md")}
    with pytest.raises(NewsdeskError) as err:
        cta.check_teams(ctas, {"personal-injury", "abuse"})
    assert str(err.value).startswith("content/ctas/pi.md: team 'injury'")
    assert "abuse, personal-injury" in str(err.value)
    cta.check_teams(ctas, {"injury"})  # no error


# --- the real CTA files ------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    return cta.load_ctas(CTA_DIR), load_contact(CONTACT)


def test_real_ctas_load_and_name_real_teams(real):
    ctas, contact = real
    cta.check_teams(ctas, set(contact.teams))
    assert set(ctas) == {"abuse", "sexual-abuse", "personal-injury", "clinical-negligence",
                         "professional-negligence", "general"}
    assert [c.key for c in ctas.values() if c.default] == ["general"]


def test_real_abuse_cta_is_the_firms_own_words(real):
    ctas, _ = real
    assert ctas["abuse"].body_markdown == ABUSE_BODY
    assert ctas["abuse"].categories == ("Child Abuse Claims",)


def test_real_ctas_cover_every_practice_area(real):
    ctas, _ = real
    areas = ["Child Abuse Claims", "Sexual Abuse Claims", "Personal Injury",
             "Clinical Negligence", "Professional Negligence"]
    chosen = [cta.choose_cta(None, area, [], ctas, "a.md") for area in areas]
    assert chosen == ["abuse", "sexual-abuse", "personal-injury", "clinical-negligence",
                      "professional-negligence"]


def test_real_cta_bodies_give_their_teams_number_as_a_link(real):
    ctas, contact = real
    for item in ctas.values():
        team = contact.teams[item.team]
        html = autolink.link_phones(cta.render_markdown(item.body_markdown))
        assert f'<a href="{team.phone.href}" class="tel">{team.phone.display}</a>' in html, \
            item.source


# --- choosing --------------------------------------------------------------------

@pytest.mark.parametrize("article_cta, category, tags, expected", [
    ("pi", "Child Abuse Claims", ["rape"], "pi"),           # front matter wins
    (" PI ", None, [], "pi"),                                # trimmed, any case
    ("none", "Personal Injury", ["whiplash"], None),         # opt out
    ("None", "Personal Injury", [], None),
    ("", "Child Abuse Claims", [], "abuse"),                 # empty = not set
    (None, "Personal Injury", ["RAPE"], "sexual-abuse"),     # tag beats category
    (None, "Sexual Abuse Claims", ["rape", "Child Sexual Abuse"], "abuse"),  # priority
    (None, None, ["whiplash"], "clin"),                      # priority tie: key order
    (None, "Personal Injury", [], "clin"),                   # category tie: key order
    (None, "sexual abuse claims", ["compensation"], "sexual-abuse"),  # category any case
    (None, "Family Law", ["compensation"], "general"),       # default
    (None, None, None, "general"),
])
def test_choose_cta(article_cta, category, tags, expected):
    assert cta.choose_cta(article_cta, category, tags, CTAS, "content/articles/a.md") == expected


def test_choose_cta_unknown_key_names_article_and_lists_keys():
    with pytest.raises(NewsdeskError) as err:
        cta.choose_cta("injury", "Personal Injury", [], CTAS, "content/articles/a.md")
    message = str(err.value)
    assert message.startswith("content/articles/a.md: cta 'injury' is not a CTA")
    assert "abuse, clin, general, pi, sexual-abuse, none" in message


def test_choose_cta_without_ctas_is_none():
    assert cta.choose_cta(None, "Personal Injury", [], {}, "a.md") is None


# --- inline insertion ------------------------------------------------------------

BOX = '<aside class="cta">X</aside>'


@pytest.mark.parametrize("html, n, expected", [
    ("<p>a</p>\n<p>b</p>\n<p>c</p>", 2, f"<p>a</p>\n<p>b</p>\n{BOX}\n<p>c</p>"),
    ("<p>a</p>\n<p>b</p>", 1, f"<p>a</p>\n{BOX}\n<p>b</p>"),
    ("<p>a</p><P>b</P><p>c</p>", 1, f"<p>a</p>{BOX}\n<P>b</P><p>c</p>"),  # one line, any case
    # the element after the n-th paragraph need not be a paragraph
    ("<p>a</p>\n<h2>t</h2>\n<p>b</p>", 1, f"<p>a</p>\n{BOX}\n<h2>t</h2>\n<p>b</p>"),
    # only top-level paragraphs count
    ("<blockquote><p>q</p><p>r</p></blockquote>\n<p>a</p>\n<p>b</p>", 1,
     f"<blockquote><p>q</p><p>r</p></blockquote>\n<p>a</p>\n{BOX}\n<p>b</p>"),
    # markup on other lines is kept byte for byte
    ("<p>&ldquo;a&rdquo;&nbsp;x</p>\n<p class='k'>b&#8217;s</p>\n<p>c</p>", 2,
     f"<p>&ldquo;a&rdquo;&nbsp;x</p>\n<p class='k'>b&#8217;s</p>\n{BOX}\n<p>c</p>"),
])
def test_insert_after_paragraph(html, n, expected):
    assert cta.insert_after_paragraph(html, n, BOX) == expected


@pytest.mark.parametrize("html, n", [
    ("<p>a</p>\n<p>b</p>", 2),                       # not MORE than n paragraphs
    ("<p>a</p>", 1),
    ("", 3),
    ("<div><p>a</p><p>b</p><p>c</p></div>", 1),      # none at top level
    ("<pre>x</pre><p>a</p>", 1),
])
def test_insert_after_paragraph_leaves_short_articles_alone(html, n):
    assert cta.insert_after_paragraph(html, n, BOX) is html


def test_insert_after_paragraph_rejects_zero():
    with pytest.raises(ValueError):
        cta.insert_after_paragraph("<p>a</p><p>b</p>", 0, BOX)


def test_render_markdown():
    assert cta.render_markdown("Call *us* on 0800 9555 094.") == \
        "<p>Call <em>us</em> on 0800 9555 094.</p>"

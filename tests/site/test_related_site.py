"""Related articles through real Pelican builds: the model article's list and editor control."""

from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup

from tools.build import BuildError

MODEL = "ons-online-child-sexual-abuse-offences"
MODEL_FILE = os.path.join("articles", "child-abuse-claims", f"{MODEL}.md")
ABUSE_AREAS = {"child-abuse-claims", "sexual-abuse-claims"}


def page(folder, slug):
    with open(os.path.join(folder, slug, "index.html"), encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def related_slugs(soup) -> list[str]:
    block = soup.find(attrs={"data-related-articles": True})
    return [] if block is None else [a["href"].strip("/") for a in block.select("h3 a")]


def edit_header(content, rel, **fields):
    """Add or replace `Key: value` lines in an article's Pelican header."""
    path = content / rel
    head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    for key, value in fields.items():
        head = re.sub(rf"^{key}:.*\n?", "", head, flags=re.M | re.I).rstrip("\n")
        head += f"\n{key}: {value}"
    path.write_text(head + "\n\n" + body, encoding="utf-8")


def category_of(site, slug) -> str:
    crumbs = page(site, slug).find("nav", attrs={"aria-label": "Breadcrumb"}).find_all("a")
    return crumbs[1]["href"].strip("/").split("/")[-1]


def test_model_article_lists_four_abuse_articles_best_first(site):
    soup = page(site, MODEL)
    block = soup.find(attrs={"data-related-articles": True})
    assert block.has_attr("data-pagefind-ignore")
    assert block.find("h2").get_text(strip=True) == "Related Blog Articles"
    slugs = related_slugs(soup)
    assert len(slugs) == 4 and MODEL not in slugs
    # Checked by hand: the grooming article shares three tags, the category and the
    # subject (online grooming, NSPCC figures), so it must lead.
    assert slugs[0] == "online-grooming-signs-and-the-law"
    assert {category_of(site, s) for s in slugs} <= ABUSE_AREAS
    for card in block.select("li"):
        assert card.find("a").get_text(strip=True)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", card.find("time")["datetime"])
        assert len(card.find_all("p")[-1].get_text(strip=True)) > 20


def test_related_list_comes_after_the_cta_and_contact_block(site):
    html = str(page(site, MODEL))
    body = html.index("It is time social networks")
    assert body < html.index("data-cta=") < html.index("data-contact=") < html.index(
        "data-related-articles")


def test_same_content_gives_byte_identical_lists(site, tiny_site):
    tiny_site()
    again = page(str(tiny_site.output), MODEL).find(attrs={"data-related-articles": True})
    assert str(again) == str(page(site, MODEL).find(attrs={"data-related-articles": True}))


def test_pins_come_first_in_order_and_exclusions_never_appear(tiny_site):
    edit_header(tiny_site.content, MODEL_FILE,
                Related="surveyor-negligence-claims, no-win-no-fee-explained",
                Related_exclude="online-grooming-signs-and-the-law")
    tiny_site()
    slugs = related_slugs(page(str(tiny_site.output), MODEL))
    assert slugs[:2] == ["surveyor-negligence-claims", "no-win-no-fee-explained"]
    assert len(slugs) == 4
    assert "online-grooming-signs-and-the-law" not in slugs


def test_related_none_hides_the_list(tiny_site):
    edit_header(tiny_site.content, MODEL_FILE, Related="none")
    tiny_site()
    soup = page(str(tiny_site.output), MODEL)
    assert soup.find(attrs={"data-related-articles": True}) is None
    assert soup.find(string=re.compile("Related Blog Articles")) is None


@pytest.mark.parametrize("key", ["Related", "Related_exclude"])
def test_unknown_slug_fails_the_build_naming_file_and_slug(tiny_site, key):
    edit_header(tiny_site.content, MODEL_FILE, **{key: "no-such-article"})
    with pytest.raises(BuildError, match=rf"{MODEL}\.md.*no-such-article"):
        tiny_site()


@pytest.mark.parametrize("extra", ["Status: draft", "Status: hidden", "Date: 2099-01-01 09:00"])
def test_drafts_hidden_and_scheduled_articles_are_never_candidates(tiny_site, extra):
    # A near-copy of the model article would be its best match, were it a candidate.
    source = (tiny_site.content / MODEL_FILE).read_text(encoding="utf-8")
    copy = re.sub(r"^Slug: .*$", "Slug: twin-article", source, flags=re.M)
    key, value = extra.split(": ", 1)
    (tiny_site.content / "articles" / "child-abuse-claims" / "twin.md").write_text(
        copy, encoding="utf-8")
    edit_header(tiny_site.content, os.path.join("articles", "child-abuse-claims", "twin.md"),
                **{key: value})
    tiny_site()
    assert "twin-article" not in related_slugs(page(str(tiny_site.output), MODEL))


def test_a_published_near_copy_ranks_first(tiny_site):
    source = (tiny_site.content / MODEL_FILE).read_text(encoding="utf-8")
    copy = re.sub(r"^Slug: .*$", "Slug: twin-article", source, flags=re.M)
    copy = re.sub(r"^Category: .*$", "Category: Personal Injury", copy, flags=re.M)
    (tiny_site.content / "articles" / "personal-injury" / "twin.md").write_text(copy)
    tiny_site()
    assert related_slugs(page(str(tiny_site.output), MODEL))[0] == "twin-article"


def _invoke(*args):
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=root,
                          capture_output=True, text=True, timeout=300)


def test_invoke_related_explains_each_score_part():
    proc = _invoke("related", MODEL)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].split()[1:6] == ["score", "text", "tags", "categ", "date"]
    first = lines[2].split()
    assert first[-1] == "online-grooming-signs-and-the-law"
    # The total is the sum of its parts, as printed.
    assert abs(float(first[1]) - sum(float(x) for x in first[2:6])) < 0.002
    assert any("shared tags:" in line and "grooming" in line for line in lines)
    assert any("shared terms:" in line for line in lines)


def test_invoke_related_all_writes_every_list_as_json(tmp_path, site):
    import json

    target = tmp_path / "related.json"
    proc = _invoke("related", "--all", "--json", str(target))
    assert proc.returncode == 0, proc.stderr
    lists = json.loads(target.read_text())
    assert set(lists) >= {f"{MODEL}/", "online-grooming-signs-and-the-law/"}
    rows = lists[f"{MODEL}/"]
    assert [r["slug"] for r in rows] == related_slugs(page(site, MODEL))
    assert {"score", "text", "tags", "category", "date", "pinned"} <= set(rows[0])


def test_invoke_related_unknown_slug_is_a_clear_error():
    proc = _invoke("related", "no-such-article")
    assert proc.returncode == 1
    assert "no-such-article" in proc.stderr + proc.stdout


def test_translations_get_lists_in_their_own_language(tiny_site):
    folder = tiny_site.content / "articles" / "child-abuse-claims"
    header = ("Title: {title}\nDate: 2020-0{n}-01 09:00\nCategory: Child Abuse Claims\n"
              "Tags: online abuse, grooming\nSlug: {slug}\nLang: fr\nSummary: Un résumé.\n\n")
    body = ("La police a enregistré plus de 9 000 infractions sexuelles en ligne contre des "
            "enfants. Le NSPCC demande un régulateur indépendant des réseaux sociaux.\n")
    (folder / "ons-fr.md").write_text(header.format(
        title="Les chiffres de l'ONS", n=1, slug="ons-online-child-sexual-abuse-offences") + body)
    (folder / "autre-fr.md").write_text(header.format(
        title="Le grooming en ligne", n=2, slug="grooming-en-ligne") + body)
    tiny_site()
    out = str(tiny_site.output)
    with open(os.path.join(out, f"{MODEL}-fr.html"), encoding="utf-8") as handle:
        french = BeautifulSoup(handle.read(), "html.parser")
    links = [a["href"] for a in french.select("[data-related-articles] h3 a")]
    assert links == ["/grooming-en-ligne-fr.html"]
    assert "grooming-en-ligne-fr.html" not in str(page(out, MODEL))
    assert len(related_slugs(page(out, MODEL))) == 4


def test_a_translation_pins_by_slug_within_its_own_language(tiny_site):
    """Translations share their original's slug; a pin names the article in its own language."""
    folder = tiny_site.content / "articles" / "child-abuse-claims"
    header = ("Title: {title}\nDate: 2020-0{n}-01 09:00\nCategory: Child Abuse Claims\n"
              "Slug: {slug}\nLang: fr\n{extra}\n")
    body = "La police a enregistré des infractions en ligne contre des enfants.\n"
    (folder / "ons-fr.md").write_text(header.format(
        title="Les chiffres", n=1, slug="ons-online-child-sexual-abuse-offences", extra="") + body)
    (folder / "autre-fr.md").write_text(header.format(
        title="Autre", n=2, slug="autre-article",
        extra="related: ons-online-child-sexual-abuse-offences\n") + body)
    tiny_site()
    with open(os.path.join(str(tiny_site.output), "autre-article-fr.html"),
              encoding="utf-8") as handle:
        french = BeautifulSoup(handle.read(), "html.parser")
    links = [a["href"] for a in french.select("[data-related-articles] h3 a")]
    assert links[0] == f"/{MODEL}-fr.html"


def test_invoke_related_shows_no_list_for_related_none(tmp_path):
    from tests.site.project import copy_project, invoke

    project = copy_project(tmp_path / "project")
    path = os.path.join(project, "content", "articles", "child-abuse-claims",
                        "online-grooming-signs-and-the-law.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("\n\n", "\nrelated: none\n\n", 1))
    proc = invoke(project, "related", "online-grooming-signs-and-the-law")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == "Related to online-grooming-signs-and-the-law:"
    assert lines[2:] == ["    (no related articles: `related: none`, or none scores min_score)"]

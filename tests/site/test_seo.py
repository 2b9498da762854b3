"""Discoverability of the production build: canonical, description, Open Graph, sitemap, robots."""

from __future__ import annotations

import glob
import os
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

SITEURL = "https://news.jordanssolicitors.co.uk"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def html_pages(folder: str) -> list[str]:
    """Every built HTML page, relative to the output folder."""
    return sorted(os.path.relpath(p, folder) for p in
                  glob.glob(os.path.join(folder, "**", "*.html"), recursive=True))


def soup(folder: str, rel: str) -> BeautifulSoup:
    with open(os.path.join(folder, rel), encoding="utf-8") as handle:
        return BeautifulSoup(handle.read(), "html.parser")


def own_url(rel: str) -> str:
    """The public URL of a built file, from its path alone (clean URLs end in /)."""
    path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    return f"{SITEURL}/{path}"


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def squash(text: str) -> str:
    """Letters and digits only: ignores typogrify's curly quotes and non-breaking spaces."""
    return re.sub(r"\W+", "", text).lower()


def source_summaries() -> dict[str, str]:
    found = {}
    for path in glob.glob(os.path.join(ROOT, "content", "articles", "**", "*.md"), recursive=True):
        head = open(path, encoding="utf-8").read().split("\n\n", 1)[0]
        slug = re.search(r"^Slug:\s*(\S+)", head, re.M).group(1)
        found[slug] = re.search(r"^Summary:\s*(.+)$", head, re.M).group(1)
    return found


def test_every_page_has_canonical_description_and_social_tags(published):
    pages = html_pages(published)
    assert len(pages) > 40
    problems = []
    for rel in pages:
        page = soup(published, rel)
        canonical = page.find("link", rel="canonical")
        desc = meta(page, "description") or ""
        if rel != "404.html" and (not canonical or canonical["href"] != own_url(rel)):
            problems.append(f"{rel}: canonical {canonical and canonical['href']}")
        if not desc or len(desc) > 160 or "<" in desc or "&lt;" in desc:
            problems.append(f"{rel}: description {desc!r}")
        for key in ("og:title", "og:description", "og:url", "og:type", "og:site_name",
                    "twitter:card", "twitter:title", "twitter:description"):
            if not meta(page, key):
                problems.append(f"{rel}: no {key}")
        if rel != "404.html" and meta(page, "og:url") != own_url(rel):
            problems.append(f"{rel}: og:url {meta(page, 'og:url')}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("slug, summary", sorted(source_summaries().items()))
def test_article_description_is_its_summary(published, slug, summary):
    page = soup(published, f"{slug}/index.html")
    desc = meta(page, "description")
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:description") == desc == meta(page, "twitter:description")
    if len(summary) <= 160:
        assert squash(desc) == squash(summary)
    else:
        assert desc.endswith("…") and squash(summary).startswith(squash(desc[:-1]))


def test_not_found_page_exists_and_is_not_indexed(published):
    page = soup(published, "404.html")
    assert page.h1.get_text() == "Page not found"
    assert meta(page, "robots") == "noindex"
    assert page.find("link", rel="canonical") is None


LONG = ("This summary runs on well past the length that a search engine will show, because an "
        "editor wrote a whole paragraph here instead of one plain sentence, and we must cut it "
        "cleanly between two words rather than in the middle of one.")


def _write(folder, name, header: str) -> None:
    (folder / name).write_text(header + "\n\nA body paragraph about the matter.\n", encoding="utf-8")


@pytest.fixture
def variants(tiny_site):
    """The real content plus a long-summary article, a draft and a hidden article."""
    folder = tiny_site.content / "articles" / "personal-injury"
    base = "Date: 2024-02-01 10:00\nCategory: Personal Injury\nAuthors: Jordans\n"
    _write(folder, "long.md", f"Title: Long summary\nSlug: long-summary\n{base}Summary: {LONG}")
    _write(folder, "draft.md", f"Title: A draft\nSlug: a-draft\nStatus: draft\n{base}Summary: D.")
    _write(folder, "hidden.md", f"Title: Hidden\nSlug: a-hidden-one\nStatus: hidden\n{base}Summary: H.")
    tiny_site(SITEURL=SITEURL, RELATIVE_URLS=False, FEED_DOMAIN=SITEURL)
    return str(tiny_site.output)


def test_long_summary_is_cut_on_a_word_boundary(variants):
    desc = meta(soup(variants, "long-summary/index.html"), "description")
    assert len(LONG) > 160 and len(desc) <= 160
    assert desc.endswith("…")
    kept = desc[:-1].rstrip()
    assert LONG.startswith(kept) and LONG[len(kept)] == " "
    assert len(kept) > 120  # cut near the limit, not at the first space


def sitemap_locs(folder: str) -> list[str]:
    root = ET.parse(os.path.join(folder, "sitemap.xml")).getroot()
    return [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]


def test_sitemap_leaves_out_drafts_hidden_404_and_search(variants):
    locs = sitemap_locs(variants)
    assert f"{SITEURL}/long-summary/" in locs
    for left_out in ("a-draft", "drafts/a-draft", "a-hidden-one", "404.html", "search"):
        assert f"{SITEURL}/{left_out}/" not in locs and f"{SITEURL}/{left_out}" not in locs
    assert not [u for u in locs if "draft" in u or "hidden" in u]


def test_sitemap_lists_every_published_page_once(published):
    locs = sitemap_locs(published)
    assert len(locs) == len(set(locs))
    expected = {f"{SITEURL}/{s}/" for s in source_summaries()}
    expected |= {f"{SITEURL}/{os.path.splitext(p)[0]}/" for p in
                 os.listdir(os.path.join(ROOT, "content", "pages"))}
    expected |= {f"{SITEURL}/category/{d}/" for d in
                 os.listdir(os.path.join(ROOT, "content", "articles"))}
    expected |= {f"{SITEURL}/{p}" for p in ("", "archives/", "categories/", "tags/", "authors/",
                                            "tag/nspcc/", "author/jordans-abuse-team/")}
    assert expected <= set(locs), sorted(expected - set(locs))
    for loc in locs:
        assert loc.startswith(SITEURL + "/")
        rel = loc[len(SITEURL) + 1:]
        assert os.path.isfile(os.path.join(published, rel, "index.html")), loc


def test_robots_txt_names_the_sitemap(published):
    lines = open(os.path.join(published, "robots.txt"), encoding="utf-8").read().splitlines()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert "User-agent: *" in lines


# The one policy, written out: pages carry it in <meta>; hosts add frame-ancestors.
META_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'")


def meta_csp(page: BeautifulSoup) -> str:
    return page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_every_page_carries_the_one_csp_and_hosts_get_the_same(published):
    assert {meta_csp(soup(published, rel)) for rel in html_pages(published)} == {META_CSP}
    lines = open(os.path.join(published, "_headers"), encoding="utf-8").read().splitlines()
    assert lines[0] == "/*"
    assert f"  Content-Security-Policy: {META_CSP}; frame-ancestors 'none'" in lines
    nginx = open(os.path.join(published, "nginx-headers.conf"), encoding="utf-8").read()
    assert f'add_header Content-Security-Policy "{META_CSP}; frame-ancestors \'none\'" always;' in nginx
    assert "error_page 404 /404.html;" in nginx.splitlines()


def test_an_outside_callback_form_is_allowed_by_form_action(tiny_site):
    tiny_site(CALLBACK_FORM_ACTION="https://forms.example.org/jordans/callback")
    out = str(tiny_site.output)
    csp = meta_csp(soup(out, "contact/index.html"))
    assert csp.endswith("form-action 'self' https://forms.example.org")
    assert "https://forms.example.org; frame-ancestors" in open(os.path.join(out, "_headers")).read()

"""CTA, contact block, click-to-call and JSON-LD through real Pelican builds."""

from __future__ import annotations

import json
import os
import re

import extruct
import pytest
from bs4 import BeautifulSoup

from tests.site.test_related_site import MODEL, MODEL_FILE, edit_header, page
from tools.build import BuildError
from tests.firm_text import ABUSE_CTA


def text(node) -> str:
    # typogrify curls quotes; compare with straight ones and single spaces.
    flat = re.sub(r"\s+", " ", node.get_text(" ", strip=True).replace("\xa0", " "))
    return flat.replace("’", "'").replace(" ,", ",").replace(" .", ".")


def test_model_article_carries_the_firms_abuse_cta_verbatim(site):
    cta = page(site, MODEL).find(attrs={"data-cta": True})
    assert cta["data-cta"] == "abuse"
    assert ABUSE_CTA in text(cta)
    assert cta.find("a", href="tel:+448009555094")


def test_contact_block_calls_the_ctas_team_free_with_hours_and_call_back(site):
    block = page(site, MODEL).find(attrs={"data-contact": True})
    assert block["data-contact"] == "abuse"
    call = block.find("a", href="tel:+448009555094")
    assert call.get_text(strip=True) == "0800 9555 094"
    assert "free" in text(block).lower()
    assert "Monday to Friday, 9am to 5.30pm" in text(block)
    assert block.find("a", href="/contact/#call-back", string=re.compile("Request a call back"))


def test_order_is_body_cta_contact_related(site):
    html = str(page(site, MODEL))
    positions = [html.index(mark) for mark in
                 ("sign our petition", "data-cta=", "data-contact=", "data-related-articles")]
    assert positions == sorted(positions)


@pytest.mark.parametrize("slug, key, tel", [
    ("whiplash-reforms-official-injury-claim", "personal-injury", "tel:+448081570101"),
    ("duty-of-candour-nhs", "clinical-negligence", "tel:+448081570202"),
    ("surveyor-negligence-claims", "professional-negligence", "tel:+441134960303"),
])
def test_each_practice_area_gets_its_own_cta_and_team(site, slug, key, tel):
    soup = page(site, slug)
    assert soup.find(attrs={"data-cta": True})["data-cta"] == key
    assert soup.find(attrs={"data-contact": True}).find("a", href=tel)


def test_footer_shows_main_contact_and_sra_number_on_every_page(site):
    for rel in ("index.html", f"{MODEL}/index.html", "about/index.html", "404.html"):
        with open(os.path.join(site, rel), encoding="utf-8") as handle:
            footer = BeautifulSoup(handle.read(), "html.parser").find("footer")
        assert footer.find("a", href="tel:+448009555094"), rel
        assert "SRA number 000000" in text(footer), rel


def test_cta_none_shows_no_cta(tiny_site):
    edit_header(tiny_site.content, MODEL_FILE, Cta="none")
    tiny_site()
    assert page(str(tiny_site.output), MODEL).find(attrs={"data-cta": True}) is None


def test_front_matter_cta_wins(tiny_site):
    edit_header(tiny_site.content, MODEL_FILE, Cta="professional-negligence")
    tiny_site()
    assert page(str(tiny_site.output), MODEL).find(attrs={"data-cta": True})["data-cta"] == \
        "professional-negligence"


def test_unknown_cta_key_fails_naming_file_and_valid_keys(tiny_site):
    edit_header(tiny_site.content, MODEL_FILE, Cta="abuse-team")
    with pytest.raises(BuildError, match=rf"{MODEL}\.md.*abuse-team.*abuse, clinical-negligence"):
        tiny_site()


def test_inline_cta_after_paragraph_n_when_switched_on(tiny_site):
    tiny_site(CTA={"inline_after_paragraph": 2})
    body = page(str(tiny_site.output), MODEL).find(attrs={"data-pagefind-body": True})
    inline = body.find(attrs={"data-cta-inline": True})
    assert inline["data-cta-inline"] == "abuse"
    assert len(inline.find_previous_siblings("p")) == 2


def test_inline_cta_is_off_by_default(site):
    assert page(site, MODEL).find(attrs={"data-cta-inline": True}) is None


def test_phone_numbers_in_bodies_become_links_except_in_code(tiny_site):
    path = tiny_site.content / MODEL_FILE
    path.write_text(path.read_text(encoding="utf-8") +
                    "\nCall the helpline on 0808 800 5000 today.\n\n    0113 496 0303\n",
                    encoding="utf-8")
    tiny_site()
    body = page(str(tiny_site.output), MODEL).find(attrs={"data-pagefind-body": True})
    assert body.find("a", href="tel:+448088005000").get_text() == "0808 800 5000"
    assert body.find("pre").find("a") is None


def test_bad_phone_number_in_contact_data_names_file_and_field(tiny_site):
    data = tiny_site.content / "data" / "contact.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("0808 157 0202", "0808 157"),
                    encoding="utf-8")
    with pytest.raises(BuildError, match=r"contact\.yml.*teams\.clinical-negligence\.phone"):
        tiny_site()


def test_json_ld_legal_service_and_blog_posting(published):
    with open(os.path.join(published, MODEL, "index.html"), encoding="utf-8") as handle:
        html = handle.read()
    data = extruct.extract(html, base_url="https://news.jordanssolicitors.co.uk/",
                           syntaxes=["json-ld"])["json-ld"]
    by_type = {item["@type"]: item for item in data}
    firm, post = by_type["LegalService"], by_type["BlogPosting"]
    assert firm["telephone"] == "+448009555094"
    assert len(firm["contactPoint"]) == 4
    assert firm["openingHoursSpecification"]
    assert post["headline"] == ("ONS reveals over 9,000 online child sexual abuse offences "
                                "recorded by police")
    assert post["datePublished"].startswith("2019-01-31T10:00:00")
    assert post["mainEntityOfPage"]["@id"] == \
        f"https://news.jordanssolicitors.co.uk/{MODEL}/"
    assert post["publisher"]["@id"] == firm["@id"]
    # Every JSON-LD block parses as JSON on its own, too.
    for block in BeautifulSoup(html, "html.parser").find_all("script",
                                                             type="application/ld+json"):
        json.loads(block.string)


@pytest.mark.parametrize("rel", ["index.html", "about/index.html", "category/personal-injury/index.html"])
def test_every_page_carries_legal_service(site, rel):
    with open(os.path.join(site, rel), encoding="utf-8") as handle:
        data = extruct.extract(handle.read(), syntaxes=["json-ld"])["json-ld"]
    assert any(item["@type"] == "LegalService" for item in data)


def test_no_form_without_an_endpoint_but_phone_and_email(site):
    soup = page(site, "contact")
    section = soup.find(id="call-back")
    assert section.find("form") is None
    assert section.find("a", href=re.compile(r"^tel:\+44")) and section.find(
        "a", href=re.compile("^mailto:"))


def test_form_posts_to_the_configured_endpoint(tiny_site):
    tiny_site(CALLBACK_FORM_ACTION="https://forms.example.org/jordans")
    soup = page(str(tiny_site.output), "contact")
    form = soup.find(id="call-back").find("form")
    assert form["action"] == "https://forms.example.org/jordans" and form["method"] == "post"
    required = {f["name"] for f in form.find_all(["input", "textarea"]) if f.has_attr("required")}
    assert required == {"name", "phone", "safe_time", "consent"}
    assert {i["value"] for i in form.find_all("input", attrs={"name": "safe_time"})} == \
        {"morning", "afternoon", "evening", "any"}
    assert form.find("input", attrs={"name": "website"}).has_attr("tabindex")  # honeypot
    assert form.find("textarea", attrs={"name": "message"})
    assert not form.find("script") and not soup.find("script", src=re.compile("^https?://"))


def test_plain_http_endpoint_is_refused(tiny_site):
    with pytest.raises(BuildError, match="CALLBACK_FORM_ACTION"):
        tiny_site(CALLBACK_FORM_ACTION="http://forms.example.org/jordans")


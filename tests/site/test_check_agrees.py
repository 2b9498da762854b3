"""`invoke check` fails exactly when the build fails, and says what the build says.

Each case adds one file (or breaks one thing) in a copy of the site's content, then runs the
check (tools/check.run) and a real Pelican build of the same folder. Both must pass, or both
must fail with every line of the build's error among the check's findings.
"""

from __future__ import annotations

import os

import pytest
from pelican.settings import read_settings

from tools import check
from tools.build import ROOT, BuildError

NEW = "articles/personal-injury/agreement-case.md"


def _header(extra: str = "", title: str = "Agreement case", date: str = "2024-03-01 09:00") -> str:
    return (f"Title: {title}\nDate: {date}\nCategory: Personal Injury\nTags: testing\n"
            "Slug: agreement-case\nAuthors: Jordans Personal Injury Team\n"
            f"Summary: A short summary.\n{extra}")


def _article(body: str = "Body text.", extra: str = "", **header) -> bytes:
    return f"{_header(extra, **header)}\n{body}\n".encode("utf-8")


CASES = {
    # name: (bytes of the new file, or None to add nothing; should the build pass?)
    "the site as it is": (None, True),
    "a plain new article": (_article(), True),
    "a byte-order mark": (b"\xef\xbb\xbf" + _article(), True),
    "Windows line endings": (_article().replace(b"\n", b"\r\n"), True),
    "a key Pelican does not know": (_article(extra="Colour: blue\n"), True),
    "Latin-1, not UTF-8": (_article(body="Caf\u00e9 society.").replace(b"\xc3\xa9", b"\xe9"),
                           False),
    "an empty file": (b"", False),
    "only whitespace": (b"\n\n  \n", False),
    "no title": (_article().replace(b"Title: Agreement case\n", b""), False),
    "a date that is not a date": (_article(date="the first of March"), False),
    "a date with no day": (_article(date="2024-13-45"), False),
    "a category that is not a practice area": (
        _article().replace(b"Category: Personal Injury", b"Category: Conveyancing"), False),
    "an unknown author": (
        _article().replace(b"Jordans Personal Injury Team", b"Nobody We Know"), False),
    "a related slug that is no article": (_article(extra="Related: no-such-article\n"), False),
    "an image that exists": (
        _article(body="![Steps rising](/images/no-win-no-fee-steps.jpg)"), True),
    "a {static} image that exists": (
        _article(body="![Steps rising]({static}/images/no-win-no-fee-steps.jpg)"), True),
    "an image that does not exist": (_article(body="![A chart]({static}/images/gone.png)"),
                                     False),
    "an image with no alt text": (_article(body="![]({static}/images/no-win-no-fee-steps.jpg)"),
                                  False),
    "a featured image that does not exist": (
        _article(extra="Image: images/gone.jpg\nImage_alt: Nothing\n"), False),
    "a link to an article that exists": (
        _article(body="See [the guide]({filename}/articles/personal-injury/"
                      "no-win-no-fee-explained.md)."), True),
    "a link to an article that does not exist": (
        _article(body="See [the guide]({filename}/articles/personal-injury/gone.md)."), False),
    "a site link that does not exist": (_article(body="See [our team](/no-such-page/)."), False),
    "YAML front matter": (
        b"---\ntitle: Agreement case\ndate: 2024-03-01\ncategory: Personal Injury\n"
        b"slug: agreement-case\nauthor: Jordans Personal Injury Team\nsummary: Short.\n---\n"
        b"Body text.\n", True),
    "broken YAML front matter": (
        b"---\ntitle: [Agreement case\ndate: 2024-03-01\n---\nBody text.\n", False),
    "a status Pelican does not know": (_article(extra="Status: bogus\n"), False),
    "a template that does not exist": (_article(extra="Template: no-such-template\n"), False),
    "written outside the output folder": (_article(extra="Save_as: ../../escape.html\n"), False),
    "a date in the future (scheduled)": (_article(date="2099-01-01 09:00"), True),
    "a draft": (_article(extra="Status: draft\n"), True),
    "a translation sharing its original's slug": (
        _article(extra="Lang: fr\n").replace(b"Slug: agreement-case",
                                             b"Slug: no-win-no-fee-explained"), True),
    "a slug another article has": (
        _article().replace(b"Slug: agreement-case", b"Slug: no-win-no-fee-explained"), False),
}


def _check(content) -> list[str]:
    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"),
                             override={"PATH": str(content)})
    return [f.format() for f in check.run(settings).findings if f.level == "error"]


@pytest.mark.parametrize("name", list(CASES))
def test_check_and_build_agree(tiny_site, name):
    data, should_build = CASES[name]
    if data is not None:
        path = tiny_site.content / NEW
        path.write_bytes(data)
    errors = _check(tiny_site.content)
    try:
        tiny_site()
        built, said = True, []
    except BuildError as exc:
        built = False
        said = [line for line in str(exc).splitlines() if line and not line.startswith("Fix ")]
    assert built is should_build, (name, said, errors)
    assert (errors == []) is built, (name, errors)
    # The build's message, line by line, is among the check's findings (same file and line).
    shown = "\n".join(errors)
    for line in said:
        assert line in shown, (line, errors)
    if not built:
        assert any(os.path.basename(NEW) in e or "content" in e for e in errors), errors

"""The authors file: people and team bylines, errors with file and line, the shared byline check."""

from __future__ import annotations

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.legal.authors import byline_problems, parse_authors

GOOD = """\
people:
  - name: Ann Example
    role: Partner
    qualification: Solicitor, admitted 2009
    sra_id: "123456"
    bio: Writes about abuse claims.
    areas: [Child Abuse Claims]
  - name: Ben Example
    role: Paralegal
    qualification: LLB
    bio: Helps.
teams:
  - Example Team
"""
AREAS = ("Child Abuse Claims", "Personal Injury")


def directory():
    return parse_authors(GOOD, "content/data/authors.yml", practice_areas=AREAS)


def test_people_and_teams_are_read():
    d = directory()
    ann = d.person("Ann Example")
    assert (ann.role, ann.qualification, ann.sra_id, ann.areas, ann.line) == \
        ("Partner", "Solicitor, admitted 2009", "123456", ("Child Abuse Claims",), 2)
    assert ann.is_solicitor and not d.person("Ben Example").is_solicitor
    assert d.teams == {"Example Team"} and d.person("Example Team") is None


@pytest.mark.parametrize("text, message", [
    (GOOD.replace("    role: Paralegal\n", ""), r"authors.yml:8: 'role' is missing"),
    (GOOD.replace("bio: Helps.", "bio: Helps.\n    twitter: x"), r"authors.yml:8: unknown key"),
    (GOOD.replace("[Child Abuse Claims]", "[Conveyancing]"),
     r"authors.yml:2: area\(s\) Conveyancing are not practice areas"),
    (GOOD.replace("Ben Example", "Ann Example"),
     r"authors.yml:8: 'Ann Example' is listed twice \(first on line 2\)"),
    (GOOD.replace("  - name: Ben", "  - name: [Ben"), r"authors.yml:\d+: not valid YAML"),
    (GOOD.replace("    bio: Helps.", "    bio: Helps.\n    portrait: images/none.jpg"),
     r"authors.yml:8: portrait 'images/none.jpg' does not exist"),
    ("teams: [A]\n", r"authors.yml: expected a 'people:' list"),
    (GOOD.replace("Example Team", "Ann Example"), r"Ann Example is both a person and a team"),
])
def test_bad_files_name_the_file_and_line(text, message, tmp_path):
    with pytest.raises(NewsdeskError, match=message):
        parse_authors(text, "content/data/authors.yml", str(tmp_path), AREAS)


def test_a_portrait_that_exists_is_kept(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "ben.jpg").write_bytes(b"x")
    text = GOOD.replace("    bio: Helps.", "    bio: Helps.\n    portrait: images/ben.jpg")
    assert parse_authors(text, "a.yml", str(tmp_path)).person("Ben Example").portrait == \
        "images/ben.jpg"


@pytest.mark.parametrize("names, reviewer, reviewed, expected", [
    (["Ann Example"], "Ann Example", "2025-01-01", []),
    (["Example Team"], "", "", []),
    (["Jordans"], "", "", []),  # the site's AUTHOR
    (["Ben Example", "Ann Example"], "Ann Example", "2025-01-01", []),
    (["Anne Example"], "", "", [("authors", "author 'Anne Example' is not in a.yml")]),
    (["Ann Example"], "Ben Example", "2025-01-01",
     [("reviewed_by", "reviewed_by 'Ben Example' is not a solicitor")]),
    (["Ann Example"], "Zed", "2025-01-01", [("reviewed_by", "reviewed_by 'Zed' is not a person")]),
    (["Ann Example"], "Ann Example", "", [("reviewed_by", "reviewed_by needs a 'Reviewed:")]),
    (["Ann Example"], "", "2025-01-01", [("reviewed", "Reviewed: needs 'Reviewed_by:'")]),
])
def test_byline_problems(names, reviewer, reviewed, expected):
    d = parse_authors(GOOD, "a.yml")
    found = byline_problems(names, reviewer, reviewed, d, also_allowed=["Jordans"])
    assert [(key, msg[:len(want)]) for (key, msg), (_k, want) in zip(found, expected)] == expected
    assert len(found) == len(expected)


def test_unknown_bylines_can_be_allowed_for_other_sites_posts():
    d = parse_authors(GOOD, "a.yml")
    assert byline_problems(["Someone Else"], "", "", d, allow_unknown=True) == []
    # A reviewer must still be one of the firm's solicitors.
    assert byline_problems(["Someone Else"], "Ben Example", "2025-01-01", d,
                           allow_unknown=True)[0][0] == "reviewed_by"

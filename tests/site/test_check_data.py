"""`invoke check` finds every settings and data mistake that fails the build, naming the file."""

from __future__ import annotations

import os
import re

import pytest
from pelican.settings import read_settings

from tools import check
from tools.build import BuildError, ROOT


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _team_unknown(content):
    _edit(content / "ctas" / "general.md", "team: abuse", "team: nosuchteam")
    return {}


def _hours_unquoted(content):
    _edit(content / "data" / "contact.yml", 'opens: "09:00"', "opens: 9:00")
    return {}


def _setting_typo(_content):
    return {"CTA": {"pth": "ctas"}}


def _inline_negative(_content):
    return {"CTA": {"inline_after_paragraph": -1}}


@pytest.mark.parametrize("breaker, where, words", [
    (_team_unknown, "ctas/general.md", "team 'nosuchteam' is not a team"),
    (_hours_unquoted, "data/contact.yml", "teams.abuse.opening_hours[0].opens: 540 is not a time"),
    (_setting_typo, "pelicanconf.py", "setting CTA: unknown key(s) pth"),
    (_inline_negative, "pelicanconf.py", "inline_after_paragraph']: -1 must be a whole number"),
])
def test_check_reports_what_the_build_refuses(tiny_site, breaker, where, words):
    overrides = breaker(tiny_site.content)
    settings = read_settings(os.path.join(ROOT, "pelicanconf.py"),
                             override={"PATH": str(tiny_site.content), **overrides})
    errors = [f for f in check.run(settings).findings if f.level == "error"]
    assert len(errors) == 1, errors
    assert errors[0].path.endswith(where) and words in errors[0].message
    with pytest.raises(BuildError, match=re.escape(words)):
        tiny_site(**overrides)

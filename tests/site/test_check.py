"""`invoke check` and `invoke publish` on a scratch copy of the project, broken on purpose."""

from __future__ import annotations

import os
import re

import pytest

from tests.site.project import copy_project, invoke, tree_hash

ARTICLE = "content/articles/personal-injury/no-win-no-fee-explained.md"


@pytest.fixture(scope="module")
def published_project(tmp_path_factory):
    """A project copy with a good output/ from a real `invoke publish`."""
    project = copy_project(tmp_path_factory.mktemp("check-project"))
    proc = invoke(project, "publish")
    assert proc.returncode == 0, proc.stderr
    return project


def test_real_content_checks_clean(published_project):
    proc = invoke(published_project, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ": error:" not in proc.stdout
    assert re.search(r"^Newsdesk check: 0 errors, \d+ warnings", proc.stdout, re.M)


def _bad_date(text):
    return re.sub(r"^Date: .*$", "Date: 2024-02-30 09:00", text, count=1, flags=re.M)


def _unknown_pin(text):
    return text.replace("\n\n", "\nrelated: no-such-article\n\n", 1)


def _no_title(text):
    return re.sub(r"^Title: .*\n", "", text, count=1, flags=re.M)


@pytest.mark.parametrize("breaker, marker, words", [
    (_bad_date, "Date: 2024-02-30", "2024-02-30"),
    (_unknown_pin, "related: no-such-article", "no-such-article"),
    (_no_title, None, "title"),
])
def test_broken_article_fails_check_and_publish_leaving_output_untouched(
        published_project, breaker, marker, words):
    path = os.path.join(published_project, ARTICLE)
    with open(path, encoding="utf-8") as handle:
        good = handle.read()
    broken = breaker(good)
    assert broken != good
    # The line the editor must fix: where the marker is, or line 1 for a missing key.
    line = broken.split("\n").index(next(r for r in broken.split("\n") if r.startswith(marker))) + 1 \
        if marker else 1
    output = os.path.join(published_project, "output")
    before = tree_hash(output)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(broken)
    try:
        check = invoke(published_project, "check")
        assert check.returncode == 1
        errors = [r for r in check.stdout.splitlines() if ": error: " in r]
        assert len(errors) == 1 and errors[0].startswith(f"{ARTICLE}:{line}: error: ")
        assert words in errors[0].lower()
        publish = invoke(published_project, "publish")
        assert publish.returncode == 1
        assert "no-win-no-fee-explained.md" in publish.stderr
        assert tree_hash(output) == before
        leftovers = [n for n in os.listdir(published_project) if n.startswith("output.")]
        assert leftovers == []
    finally:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(good)


def test_invoke_new_then_check_flags_only_the_empty_summary(tmp_path):
    project = copy_project(tmp_path / "p")
    made = invoke(project, "new", "Cycle lanes and the law", "--category", "personal injury",
                  "--tags", "cycling, road traffic accidents")
    assert made.returncode == 0, made.stderr
    rel = "content/articles/personal-injury/cycle-lanes-and-the-law.md"
    assert made.stdout.strip() == rel
    check = invoke(project, "check")
    assert check.returncode == 0, check.stdout
    assert f"{rel}:7: warning: no summary" in check.stdout
    again = invoke(project, "new", "Cycle lanes and the law", "--category", "Personal Injury")
    assert again.returncode == 1 and "already exists" in again.stderr
    unknown = invoke(project, "new", "Anything", "--category", "Family Law")
    assert unknown.returncode == 1 and "Personal Injury" in unknown.stderr
    build = invoke(project, "build")
    assert build.returncode == 0, build.stderr
    assert os.path.isfile(os.path.join(project, "output", "cycle-lanes-and-the-law", "index.html"))

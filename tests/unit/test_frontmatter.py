"""Unit tests for plugins/newsdesk/frontmatter.py (small inline cases)."""

import importlib
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name):
    # Import the pure module without running the Pelican-facing package __init__.
    if "newsdesk_pure" not in sys.modules:
        pkg = types.ModuleType("newsdesk_pure")
        pkg.__path__ = [str(ROOT / "plugins" / "newsdesk")]
        sys.modules["newsdesk_pure"] = pkg
    return importlib.import_module(f"newsdesk_pure.{name}")


F = _load("frontmatter")


@pytest.mark.parametrize("text,expected", [
    ("---\ntitle: x\n---\nbody", True),
    ("\ufeff---\ntitle: x\n---\n", True),
    ("---\ntitle: x\n...\nbody", True),
    ("Title: x\nDate: 2020-01-01\n\nbody", False),
    ("---\ntitle: never closed\n", False),
    ("text\n---\nfoo: bar\n---\n", False),
])
def test_has_yaml_front_matter(text, expected):
    assert F.has_yaml_front_matter(text) is expected


def test_full_mapping():
    text = ("---\ntitle: \"Hello: world\"\ndate: 2014-03-12T10:11:00-04:00\ntags:\n- open source\n- agile\n"
            "categories: [news, other]\nexcerpt: Short.\ndescription: Longer.\nauthors: [ann, bob]\n"
            "draft: true\nimage:\n---\nBody line\n")
    p = F.parse(text, "posts/post.md")
    assert p.meta["title"] == "Hello: world"
    assert p.meta["date"] == "2014-03-12T10:11:00-04:00"
    assert p.meta["tags"] == "open source, agile"
    assert p.meta["category"] == "news"
    assert p.meta["summary"] == "Short."
    assert p.meta["authors"] == "ann, bob"
    assert p.meta["status"] == "draft"
    assert "image" not in p.meta and "categories" not in p.meta
    assert p.body == "Body line\n"
    assert p.body_line == 14  # line 13 is the closing ---
    assert p.warnings == []


@pytest.mark.parametrize("fm,key,value", [
    ("tags: a, b", "tags", "a, b"),
    ("category: Law", "category", "Law"),
    ("categories: Law, Tax", "category", "Law"),
    ("description: Desc", "summary", "Desc"),
    ("summary: S\nexcerpt: E", "summary", "S"),
    ("published: false", "status", "draft"),
    ("date: 2016-05-19", "date", "2016-05-19"),
    ("slug: custom", "slug", "custom"),
    ("featured: true", "featured", "true"),
    ("weight: 3", "weight", "3"),
])
def test_single_keys(fm, key, value):
    assert F.parse(f"---\n{fm}\n---\nx", "a.md").meta[key] == value


@pytest.mark.parametrize("filename,date,slug", [
    ("2014-03-19-hello-world.md", "2014-03-19", "hello-world"),
    ("content/2024-12-5-project-defaults.md", "2024-12-05", "project-defaults"),
    ("about.md", None, None),
])
def test_date_and_slug_from_filename(filename, date, slug):
    meta = F.parse("---\ntitle: t\n---\nbody", filename).meta
    assert meta.get("date") == date and meta.get("slug") == slug


def test_front_matter_date_wins_over_filename():
    meta = F.parse("---\ndate: 2015-01-02\n---\n", "2014-03-19-x.md").meta
    assert meta["date"] == "2015-01-02" and meta["slug"] == "x"


@pytest.mark.parametrize("body,expected", [
    ('[Hello]({{ "/2014/03/19/hello/" | url }})', "[Hello](/2014/03/19/hello/)"),
    ("[Hi]({{ '/a/' | url }}) and <a href=\"{{ '/b/' | url }}\">b</a>", "[Hi](/a/) and <a href=\"/b/\">b</a>"),
    ('Before {% image "/img/x.png" "alt" %} after', "Before  after"),
    ("[home]({{ site.baseurl }}/2015/01/01/x/)", "[home](/2015/01/01/x/)"),
    ("{% raw %}{{ literal }}{% endraw %}", "{{ literal }}"),
    ("a{% comment %}hidden{% endcomment %}b", "ab"),
])
def test_template_tags(body, expected):
    assert F.parse(body, "f.md").body == expected


def test_template_warning_names_file_and_count():
    p = F.parse('---\ntitle: t\n---\n{% image "a" %} {{ x }} {% image "b" %}\n', "posts/p.md")
    assert len(p.warnings) == 1
    assert "posts/p.md" in p.warnings[0] and "3 template tag" in p.warnings[0]


def test_url_links_alone_do_not_warn():
    assert F.parse('[a]({{ "/x/" | url }})', "f.md").warnings == []


@pytest.mark.parametrize("text,line", [
    ("---\ntitle: ok\ntags: [a\nfoo: bar\n---\nbody", 4),
    ("---\ntitle: ok\n  bad: indent\n---\n", 3),
])
def test_bad_yaml_raises_with_line(text, line):
    with pytest.raises(F.FrontMatterError) as err:
        F.parse(text, "bad.md")
    assert err.value.filename == "bad.md" and err.value.line == line
    assert "bad.md:%d" % line in str(err.value) and "quote" in str(err.value)


def test_non_mapping_raises():
    with pytest.raises(F.FrontMatterError):
        F.parse("---\n- just\n- a list\n---\n", "l.md")


def test_trailing_tab_is_repaired_with_warning():
    p = F.parse("---\nauthors:\n- melody\t\t\ntags:\n- x\n---\nb", "t.md")
    assert p.meta["authors"] == "melody" and p.meta["tags"] == "x"
    assert any("t.md" in w and "tab" in w for w in p.warnings)


def test_no_front_matter_passes_body_through():
    p = F.parse("Title: Pelican style\n\nBody", "p.md")
    assert p.meta == {} and p.body == "Title: Pelican style\n\nBody" and p.body_line == 1

"""Redirects: the data file (with line numbers), resolving targets, and what the build writes."""

from __future__ import annotations

import pytest

from newsdesk.redirects import RedirectsError, data, plan, render

PATH = "content/data/redirects.yml"


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("# only a comment\n", []),
    ('/2021/05/a/: "{filename}/articles/pi/a.md"\n',
     [("/2021/05/a/", "{filename}/articles/pi/a.md", 1)]),
    ('# c\n"/old/": /new/\n/x.html: "https://other.example/y"\n',
     [("/old/", "/new/", 2), ("/x.html", "https://other.example/y", 3)]),
    ('/c/: "{category}Personal Injury"\n/t/: "{tag}care homes"\n/h/: "{index}"\n',
     [("/c/", "{category}Personal Injury", 1), ("/t/", "{tag}care homes", 2),
      ("/h/", "{index}", 3)]),
])
def test_parse(text, expected):
    assert [(r.source, r.target, r.line) for r in data.parse(text, PATH)] == expected


@pytest.mark.parametrize("text, message", [
    ("/a/: b: c\n", r"redirects.yml:1: not valid YAML"),
    ("- /a/\n", r"redirects.yml:1: must be a mapping"),
    ('/a/: /b/\n\nold/: /b/\n', r"redirects.yml:3: 'old/' must be a path"),
    ('/a/: /b/\n"https://x.example/a/": /b/\n', r":2: 'https://x.example/a/' must be a path"),
    ('"/a b/": /b/\n', r":1: '/a b/' must be a plain path"),
    ('"/a/?p=1": /b/\n', r":1: '/a/\?p=1' must be a plain path"),
    ('/a/: /b/\n/a: /c/\n', r":2: '/a' is already redirected on line 1"),
    ('/a/: 12\n', r":1: the target of '/a/' must be a quoted"),
    ('/a/: "{nonsense}x"\n', r":1: the target of '/a/' must be a quoted"),
    ('/a/: "ftp://x.example/"\n', r":1: the target of '/a/' must be a quoted"),
])
def test_parse_errors_name_file_and_line(text, message):
    with pytest.raises(RedirectsError, match=message):
        data.parse(text, PATH)


@pytest.mark.parametrize("text, entries, expected, added", [
    ("", [("/a/", "/b/")], data.HEADER + '"/a/": "/b/"\n', 1),
    ('"/a/": "/edited/"\n', [("/a/", "/b/"), ("/c/", "{tag}x")],
     '"/a/": "/edited/"\n"/c/": "{tag}x"\n', 1),
    ('"/a/": "/b/"', [("/a", "/b/")], '"/a/": "/b/"', 0),
    ("# mine\n", [("/é/", "/e/")], '# mine\n"/é/": "/e/"\n', 1),
])
def test_merge_appends_only_new_old_paths(text, entries, expected, added):
    merged, count = data.merge(text, PATH, entries)
    assert (merged, count) == (expected, added)
    assert data.merge(merged, PATH, entries) == (merged, 0)  # idempotent


def _site():
    return plan.Site(published={"articles/pi/a.md": ("a/", "A & B")},
                     sources={"articles/pi/a.md", "articles/pi/draft.md"},
                     static={"images/x.jpg"},
                     categories={"personal injury": "category/personal-injury/",
                                 "personal-injury": "category/personal-injury/"},
                     tags={"care homes": "tag/care-homes/", "care-homes": "tag/care-homes/"})


@pytest.mark.parametrize("target, expected", [
    ("{filename}/articles/pi/a.md", ("a/", "A & B")),
    ("{filename}articles/pi/a.md", ("a/", "A & B")),
    ("{static}/images/x.jpg", ("images/x.jpg", "")),
    ("{category}Personal Injury", ("category/personal-injury/", "")),
    ("{category}personal-injury", ("category/personal-injury/", "")),
    ("{tag}care homes", ("tag/care-homes/", "")),
    ("{index}", ("", "")),
    ("/contact/", ("contact/", "")),
    ("https://other.example/x", ("https://other.example/x", "")),
])
def test_plan_resolves_targets(target, expected):
    rules, skipped = plan.plan([data.Redirect("/old/", target, 1)], _site(), PATH,
                               lambda s: False)
    assert [(r.source, r.url, r.title) for r in rules] == [("/old/", *expected)]
    assert skipped == []


@pytest.mark.parametrize("source, target, exists, why", [
    ("/old/", "{filename}/articles/pi/draft.md", False, "not published"),
    ("/old/", "{category}Clinical Negligence", False, "not published"),
    ("/old/", "{tag}nothing", False, "not published"),
    ("/a/", "{filename}/articles/pi/a.md", False, "the old one"),
    ("/old/", "/contact/", True, "a page of this site"),
])
def test_plan_skips(source, target, exists, why):
    rules, skipped = plan.plan([data.Redirect(source, target, 3)], _site(), PATH,
                               lambda s: exists)
    assert rules == [] and len(skipped) == 1 and why in skipped[0][1]


@pytest.mark.parametrize("target", ["{filename}/articles/gone.md", "{static}/images/gone.jpg"])
def test_plan_missing_file_is_an_error_with_the_line(target):
    with pytest.raises(RedirectsError, match=rf"{PATH}:7: the target '\{{"):
        plan.plan([data.Redirect("/old/", target, 7)], _site(), PATH, lambda s: False)


RULES = [plan.Rule("/2021/05/a/", "a/", "A & B"), plan.Rule("/old.html", "contact/", ""),
         plan.Rule("/ext/", "https://other.example/$x", "")]


@pytest.mark.parametrize("siteurl, force, expected", [
    ("", False, ["/2021/05/a/ /a/ 301", "/old.html /contact/ 301",
                 "/ext/ https://other.example/%24x 301"]),
    ("https://example.com/blog", True, ["/2021/05/a/ /blog/a/ 301!",
                                        "/old.html /blog/contact/ 301!",
                                        "/ext/ https://other.example/%24x 301!"]),
])
def test_netlify(siteurl, force, expected):
    assert render.netlify(RULES, siteurl, force).splitlines()[1:] == expected


def test_nginx_map_matches_with_and_without_the_slash():
    lines = render.nginx_map(RULES[:2], "").splitlines()
    assert lines[2:] == ['map $uri $newsdesk_redirect {', '    default "";',
                         '    "/2021/05/a/" "/a/";', '    "/2021/05/a" "/a/";',
                         '    "/old.html" "/contact/";', '    "/old.html/" "/contact/";', "}"]
    assert render.nginx_server() .splitlines()[1:] == [
        "if ($newsdesk_redirect) {", "    return 301 $newsdesk_redirect;", "}"]


@pytest.mark.parametrize("source, expected", [
    ("/2021/05/a/", "2021/05/a/index.html"), ("/2021/05/a", "2021/05/a/index.html"),
    ("/old.html", "old.html"), ("/", "index.html"),
])
def test_page_path(source, expected):
    assert render.page_path(source) == expected


@pytest.mark.parametrize("siteurl, url", [
    ("", "/a/"), ("https://example.com", "https://example.com/a/"),
    ("https://example.com/blog/", "https://example.com/blog/a/"),
])
def test_html_page(siteurl, url):
    page = render.html_page(RULES[0], siteurl, "en-GB")
    assert f'<meta http-equiv="refresh" content="0; url={url}">' in page
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<a href="{url}">A &amp; B</a>' in page
    assert "<title>Moved: A &amp; B</title>" in page and '<html lang="en-GB">' in page
    assert "<script" not in page and "http://" not in page.replace(url, "")


@pytest.mark.parametrize("given, message", [
    ({"netlify_file": "../_redirects"}, r"REDIRECTS\['netlify_file'\]: '../_redirects' must be"),
    ({"nginx_map_file": "conf/map.conf"}, r"REDIRECTS\['nginx_map_file'\]"),
    ({"html_pages": "yes"}, r"REDIRECTS\['html_pages'\]: expected bool"),
    ({"forced": True}, r"setting REDIRECTS: unknown key"),
])
def test_bad_redirects_settings_name_the_setting(given, message):
    from newsdesk.errors import NewsdeskError
    from newsdesk.settings import resolve

    with pytest.raises(NewsdeskError, match=message):
        resolve({"REDIRECTS": given})


def test_default_redirects_settings():
    from newsdesk.settings import resolve

    assert resolve({})["REDIRECTS"] == {
        "path": "data/redirects.yml", "netlify_file": "_redirects",
        "nginx_map_file": "nginx-redirects-map.conf", "nginx_server_file": "nginx-redirects.conf",
        "html_pages": True, "force": False}

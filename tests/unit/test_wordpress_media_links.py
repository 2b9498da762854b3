"""Images come home and old URLs are rewritten: the importer's media and links modules."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from newsdesk.wordpress import links, media, wxr

HOST = "oldfirm.example"


@pytest.mark.parametrize("url, expected", [
    ("https://oldfirm.example/wp-content/uploads/2021/05/a.jpg", "2021/05/a.jpg"),
    ("https://www.oldfirm.example/wp-content/uploads/2021/05/a%20b.jpg", "2021/05/a b.jpg"),
    ("/wp-content/uploads/2021/05/a.jpg", "2021/05/a.jpg"),
    ("https://cdn.other.example/wp-content/uploads/2021/05/a.jpg", None),
    ("https://oldfirm.example/about/", None),
    ("https://oldfirm.example/wp-content/uploads/../../etc/passwd", None),
])
def test_uploads_path(url, expected):
    assert media.uploads_path(url, HOST) == expected


@pytest.mark.parametrize("rel, expected", [
    ("2021/05/a.jpg", ["2021/05/a.jpg"]),
    ("2021/05/a-300x200.jpg", ["2021/05/a.jpg", "2021/05/a-300x200.jpg"]),
    ("2021/05/a-scaled.jpg", ["2021/05/a.jpg", "2021/05/a-scaled.jpg"]),
    ("2021/05/a-scaled-1024x683.jpg",
     ["2021/05/a.jpg", "2021/05/a-scaled.jpg", "2021/05/a-scaled-1024x683.jpg"]),
    ("2021/05/1920x1080.png", ["2021/05/1920x1080.png"]),  # a name, not a size suffix
])
def test_candidates_prefer_the_original(rel, expected):
    assert media.candidates(rel) == expected


def _uploads(tmp_path, names):
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(name.encode())
    return media.Media(str(tmp_path), HOST)


@pytest.mark.parametrize("tag, present, expected", [
    ('<img src="/wp-content/uploads/2021/05/a-300x200.jpg">',
     ["2021/05/a.jpg", "2021/05/a-300x200.jpg"], "images/wordpress/2021/05/a.jpg"),
    ('<img src="/wp-content/uploads/2021/05/a-300x200.jpg">',
     ["2021/05/a-300x200.jpg"], "images/wordpress/2021/05/a-300x200.jpg"),
    ('<img src="https://cdn.other.example/x.jpg" srcset="/wp-content/uploads/2021/05/b-300x1.jpg '
     '300w, /wp-content/uploads/2021/05/b-1024x2.jpg 1024w">',
     ["2021/05/b-300x1.jpg", "2021/05/b-1024x2.jpg"], "images/wordpress/2021/05/b-1024x2.jpg"),
    ('<img src="/wp-content/uploads/2021/05/gone.jpg">', ["2021/05/a.jpg"], None),
])
def test_place_img(tmp_path, tag, present, expected):
    found = _uploads(tmp_path, present)
    img = BeautifulSoup(tag, "html.parser").img
    assert found.place_img(img) == expected
    assert list(found.copies) == ([expected] if expected else [])


def test_no_media_folder_copies_nothing():
    assert media.Media(None, HOST).place("/wp-content/uploads/2021/05/a.jpg") is None


def _attachment(title="", alt=""):
    return wxr.Item(post_id="12", post_type="attachment", title=title, link="", creator="",
                    content="", excerpt="", status="inherit", slug="", date_gmt="",
                    date_local="", modified_gmt="", parent="", attachment_url="",
                    meta={"_wp_attachment_image_alt": alt} if alt else {})


@pytest.mark.parametrize("tag, attachment, expected", [
    ('<img alt="Own words" data-caption="Cap">', _attachment("A title", "Meta alt"), "Own words"),
    ('<img alt="" data-caption="Cap">', _attachment("A title", "Meta alt"), "Meta alt"),
    ('<img alt="" data-caption="Cap">', _attachment("A title"), "Cap"),
    ('<img alt="">', _attachment("Leeds office at night"), "Leeds office at night"),
    ('<img alt="">', _attachment("office-photo"), ""),  # WordPress's default: the file name
    ('<img alt="">', _attachment("IMG 0042"), "IMG 0042"),
    ('<img alt="">', _attachment("2021 05"), ""),
    ('<img>', None, ""),
])
def test_alt_text_fallbacks(tag, attachment, expected):
    assert media.alt_text(BeautifulSoup(tag, "html.parser").img, attachment) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://oldfirm.example/2021/05/post/", "/2021/05/post"),
    ("https://www.oldfirm.example/2021/05/post", "/2021/05/post"),
    ("/2021/05/post/#part", "/2021/05/post"),
    ("https://oldfirm.example/?p=12", "id:12"),
    ("https://oldfirm.example/?page_id=7&preview=true", "id:7"),
    ("https://oldfirm.example/?attachment_id=3", "id:3"),
    ("https://oldfirm.example/", "/"),
    ("https://other.example/2021/05/post/", None),
    ("mailto:a@oldfirm.example", None),
    ("relative/page/", None),
])
def test_link_key(url, expected):
    assert links.key(url, HOST) == expected


@pytest.mark.parametrize("href, expected, unresolved", [
    ("https://oldfirm.example/2021/05/post/", "{filename}/articles/pi/post.md", []),
    ("/2021/05/post#costs", "{filename}/articles/pi/post.md#costs", []),
    ("https://oldfirm.example/?p=10", "{filename}/articles/pi/post.md", []),
    ("https://oldfirm.example/", "{index}", []),
    ("https://oldfirm.example/2021/05/post/photo/", "{static}/images/wordpress/2021/05/a.jpg",
     []),
    ("https://oldfirm.example/wp-content/uploads/2021/05/a-300x200.jpg",
     "{static}/images/wordpress/2021/05/a.jpg", []),
    ("/2018/01/deleted/", "https://oldfirm.example/2018/01/deleted/", ["/2018/01/deleted/"]),
    ("https://oldfirm.example/?p=99", "https://oldfirm.example/?p=99",
     ["https://oldfirm.example/?p=99"]),
    ("https://other.example/x/", "https://other.example/x/", []),
    ("#top", "#top", []),
])
def test_rewrite_links(tmp_path, href, expected, unresolved):
    found = _uploads(tmp_path, ["2021/05/a.jpg"])
    table = links.Links("https://oldfirm.example", HOST)
    table.add("https://oldfirm.example/2021/05/post/", "{filename}/articles/pi/post.md")
    table.add("id:10", "{filename}/articles/pi/post.md")
    table.add("https://oldfirm.example/2021/05/post/photo/",
              links.UPLOAD + "https://oldfirm.example/wp-content/uploads/2021/05/a.jpg")
    soup = BeautifulSoup(f'<p><a href="{href}">x</a></p>', "html.parser")
    done, left = table.rewrite(soup, found)
    assert soup.a["href"] == expected
    assert (done, left) == (int(expected.startswith("{")), unresolved)


@pytest.mark.parametrize("url, expected", [
    ("https://oldfirm.example/2021/05/post/", "/2021/05/post/"),
    ("https://oldfirm.example/about", "/about"),
    ("https://oldfirm.example/?p=12", None),
    ("https://oldfirm.example/", None),
])
def test_old_path(url, expected):
    assert links.old_path(url) == expected

"""The build summary's numbers, and Pelican's content cache with the plugin (a user may turn it on in pelicanconf.py)."""

from __future__ import annotations

import glob
import os
import re
import time

from tests.site.project import article, copy_project, invoke, tree_hash, write
from tools import build as site_build

PHONE_BODY = "Call our team on 0808 157 0101 or 0808 157 0101 again.\n\nMore text here."


def test_summary_counts_match_the_content_files(tmp_path):
    project = copy_project(tmp_path / "p")
    published = len(glob.glob(os.path.join(project, "content", "articles", "**", "*.md"),
                              recursive=True))
    pages = len(glob.glob(os.path.join(project, "content", "pages", "*.md")))
    base = "content/articles/personal-injury/"
    write(project, base + "d1.md", article("d-one", "2024-01-01", extra="Status: draft"))
    write(project, base + "d2.md", article("d-two", "2024-01-02", extra="Status: draft"))
    write(project, base + "s1.md", article("s-one", "2999-01-01"))
    write(project, base + "h1.md", article("h-one", "2024-01-03", extra="Status: hidden"))
    proc = invoke(project, "build", env={"COLUMNS": "300"})
    assert proc.returncode == 0, proc.stderr
    text = re.sub(r"\s+", " ", proc.stdout + proc.stderr)
    match = re.search(r"Newsdesk build: (\d+) articles, (\d+) pages, (\d+) drafts, "
                      r"(\d+) scheduled, (\d+) hidden, (\d+) skipped; output [\d.]+ [KMG]?B; "
                      r"[\d.]+ s", text)
    assert match, text
    assert tuple(int(n) for n in match.groups()) == (published, pages, 2, 1, 1, 0)


def _html(folder: str) -> dict:
    found = {}
    for path in glob.glob(os.path.join(folder, "**", "*.html"), recursive=True):
        with open(path, encoding="utf-8") as handle:
            found[os.path.relpath(path, folder)] = handle.read()
    return found


def test_a_warm_cache_build_is_the_same_site(tmp_path):
    project = copy_project(tmp_path / "p")
    content = os.path.join(project, "content")
    phone = write(project, "content/articles/personal-injury/phone-article.md",
                  article("phone-article", "2024-02-02", body=PHONE_BODY))
    cache = tmp_path / "cache"
    overrides = {"PATH": content, "LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True,
                 "CACHE_PATH": str(cache)}
    cold_out, warm_out = tmp_path / "cold", tmp_path / "warm"
    site_build.build("pelicanconf.py", str(cold_out), overrides=overrides, search=False)
    assert os.listdir(cache)  # the cache was written, outside the output folder
    assert not os.path.exists(os.path.join(cold_out, "cache"))
    later = time.time() + 5
    os.utime(phone, (later, later))  # an edit: this one article is read again
    site_build.build("pelicanconf.py", str(warm_out), overrides=overrides, search=False)
    site_build.build("pelicanconf.py", str(tmp_path / "warm2"), overrides=overrides,
                     search=False)
    cold, warm = _html(str(cold_out)), _html(str(warm_out))
    assert cold.keys() == warm.keys() and cold == warm
    assert tree_hash(str(warm_out)) == tree_hash(str(tmp_path / "warm2"))
    page = warm["phone-article/index.html"]
    assert 'class="tel"><a' not in page and "</a></a>" not in page
    # Each number is linked once: a second pass over cached content would nest the links.
    body = page.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert body.count('href="tel:+448081570101"') == 2 and body.count("<a ") == 2
    # Plugin attributes survive a cached read: the related list and the CTA are there.
    assert "Related Blog Articles" in page and 'class="cta' in page

"""The long-lived preview gives the same site as a fresh full build, after every kind of edit.

A script of edits (tools/preview_script.py) runs through the preview engine in this process
(tools/preview.py's session, as `make serve` drives it); after each step the preview's
output folder is compared file by file, byte for byte, with a fresh `invoke build`-style
build of the same content, theme and settings into an empty folder. No difference is
allowed: the live-reload script is added by the preview's server when it serves a page,
never written into the files.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tools import build as site_build
from tools import preview, preview_script, synth

from .project import ROOT

ARTICLES = 50
SETTINGS = os.path.join(ROOT, "pelicanconf.py")
# The script's steps that edit a published article in place (preview_quick.py).
QUICK = ("body", "title", "tags", "template-body")


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory):
    """50 synthetic articles, a copy of the theme, and a preview session over them."""
    tmp = tmp_path_factory.mktemp("preview")
    content, theme = str(tmp / "content"), str(tmp / "theme")
    synth.generate(content, ARTICLES, seed=1313)
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    overrides = {"THEME": theme}
    session = preview.open_session(SETTINGS, str(tmp / "preview"), content=content,
                                   overrides=overrides)
    return {"tmp": tmp, "content": content, "theme": theme, "overrides": overrides,
            "session": session, "names": sorted(os.listdir(content))}


@pytest.mark.parametrize("step", preview_script.STEPS)
def test_preview_matches_a_fresh_build(preview_site, step):
    """Each step's edit, made through the preview, leaves the same tree as a full build."""
    site = preview_site
    session = site["session"]
    changed, theme = preview_script.apply(step, site["content"], site["theme"], site["names"])
    if theme:
        session.theme_changed()
    update = session.update(changed)
    # An edit that leaves the page where it was gets the quick page; the full pass that
    # follows must not have rewritten it (its bytes were already a full build's).
    assert update.complete and update.rewritten == []
    assert update.quick == (step in QUICK), update
    session.settle()
    preview.index_search(session)
    fresh = str(site["tmp"] / f"fresh-{step}")
    site_build.build(SETTINGS, fresh, overrides=site["overrides"], content=site["content"])
    assert preview_script.differences(session.pelican.output_path, fresh) == []
    edited = [data for data in preview_script.files(fresh).values()
              if preview_script.TEMPLATE_MARK.encode() in data]
    # The template edit shows on every published article's page from then on.
    after = preview_script.STEPS.index(step) >= preview_script.STEPS.index("template")
    assert len(edited) >= ARTICLES - 3 if after else not edited


def test_edited_page_is_written_first(preview_site):
    """An edit's own page comes out of the first pass, before any dependant."""
    site = preview_site
    path = os.path.join(site["content"], site["names"][11])
    preview_script.set_header(path, "Title", "Written before the lists")
    seen = {}
    update = site["session"].update([path], on_first=lambda r: seen.update(first=list(r.first)))
    assert len(seen["first"]) == 1 and seen["first"][0].endswith("/index.html")
    with open(seen["first"][0], encoding="utf-8") as handle:
        assert "Written before the lists" in handle.read()
    # The lists that show the title were rewritten afterwards, in the second pass.
    assert len(update.changed) > 1 and update.changed[0] == seen["first"][0]


def test_a_broken_file_keeps_the_last_site_until_it_is_fixed(preview_site):
    """An update that fails names the file; once the file is gone the site is right again."""
    site = preview_site
    session, out = site["session"], site["session"].pelican.output_path
    before = preview_script.files(out)
    broken = os.path.join(site["content"], "broken.md")
    with open(broken, "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: [unclosed\n---\nBody.\n")
    with pytest.raises(site_build.BuildError, match="broken.md"):
        preview.run_update(session, [broken])
    assert session.settle() == [] and preview_script.files(out) == before
    os.unlink(broken)
    assert session.update([broken]).complete
    session.settle()
    preview.index_search(session)
    fresh = str(site["tmp"] / "fresh-fixed")
    site_build.build(SETTINGS, fresh, overrides=site["overrides"], content=site["content"])
    assert preview_script.differences(out, fresh) == []


def test_search_index_is_rebuilt_in_the_background(preview_site):
    """Pagefind runs beside the preview; when done its fresh index replaces the old one."""
    from tools.preview_search import Indexer

    out = preview_site["session"].pelican.output_path
    assert preview_site["session"].update().complete  # a site to index, run alone or not
    stale = os.path.join(out, "pagefind", "fragment", "stale.pf_fragment")
    os.makedirs(os.path.dirname(stale), exist_ok=True)
    with open(stale, "wb") as handle:
        handle.write(b"left by an older index")
    indexer = Indexer(out)
    indexer.start()
    deadline = time.monotonic() + 120
    while not indexer.poll():
        assert time.monotonic() < deadline, "Pagefind did not finish within 120 s"
        time.sleep(0.1)
    assert not os.path.exists(stale)
    assert os.path.isfile(os.path.join(out, "pagefind", "pagefind.js"))


@pytest.mark.parametrize("rel, action", [
    ("content/data/contact.yml", "restart"), ("content/data/authors.yml", "restart"),
    ("content/ctas/general.md", "restart"), ("pelicanconf.py", "restart"),
    ("plugins/newsdesk/related.py", "restart"), ("theme/templates/base.html", None),
])
def test_site_data_and_code_changes_restart_the_preview(preview_site, rel, action):
    """Data read once at start (contact, CTAs, authors) restarts the preview, as code does."""
    from newsdesk.preview.changes import classify

    roots = preview._roots(preview_site["session"], SETTINGS)
    assert classify(os.path.join(ROOT, rel), roots) == action
    article = os.path.join(preview_site["content"], preview_site["names"][0])
    assert classify(article, roots) == "content"


def test_an_edit_the_build_refuses_writes_no_quick_page(preview_site):
    """A quick page is only ever the page a full build would make: an edit that fails the
    build (here a review date that is not a date) writes nothing, and names the file."""
    site = preview_site
    session, out = site["session"], site["session"].pelican.output_path
    assert session.update().complete  # a site to keep, run alone or not
    path = os.path.join(site["content"], site["names"][12])
    with open(path, encoding="utf-8") as handle:
        good = handle.read()
    before = preview_script.files(out)
    preview_script.set_header(path, "Reviewed", "next Tuesday")
    seen = []
    with pytest.raises(site_build.BuildError, match=site["names"][12]):
        preview.run_update(session, [path], on_first=lambda r: seen.append(r.first))
    assert seen == [] and preview_script.files(out) == before
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(good)
    update = session.update([path])
    assert update.complete and update.quick is False  # the last update failed: no context
    assert preview_script.files(out) == before

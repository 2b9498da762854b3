"""The preview's pure parts: what a change means, quiet time, polling, atomic writes, reloads."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from newsdesk.adapter.preview_writer import write_atomic
from newsdesk.preview.changes import CONTENT, RESTART, THEME, Quiet, Roots, classify, plan, stale
from newsdesk.preview.watch import changed, snapshot
from tools.preview_server import Reloads, url_paths

ROOTS = Roots(content="/site/content", theme="/site/theme",
              restart=("/site/pelicanconf.py", "/site/publishconf.py", "/site/plugins"),
              output="/site/output")


@pytest.mark.parametrize("path, action", [
    ("/site/content/articles/a.md", CONTENT),
    ("/site/content/images/photo.jpg", CONTENT),
    ("/site/theme/templates/article.html", THEME),
    ("/site/theme/static/css/site.css", THEME),
    ("/site/pelicanconf.py", RESTART),
    ("/site/publishconf.py", RESTART),
    ("/site/plugins/newsdesk/related.py", RESTART),
    ("/site/plugins/newsdesk/__pycache__/related.cpython-311.pyc", None),
    ("/site/content/articles/.a.md.swp", None),
    ("/site/content/articles/a.md~", None),
    ("/site/content/articles/.#a.md", None),
    ("/site/output/index.html", None),
    ("/site/contentious/a.md", None),  # a sibling whose name starts like a root
    ("/elsewhere/a.md", None),
])
def test_classify(path, action):
    assert classify(path, ROOTS) == action


@pytest.mark.parametrize("paths, action, content", [
    (["/site/content/a.md", "/site/content/b.md"], CONTENT,
     {"/site/content/a.md", "/site/content/b.md"}),
    (["/site/content/a.md", "/site/theme/base.html"], THEME, {"/site/content/a.md"}),
    (["/site/theme/base.html", "/site/pelicanconf.py", "/site/content/a.md"], RESTART,
     {"/site/content/a.md"}),
    (["/site/content/.a.md.swp"], None, set()),
    ([], None, set()),
])
def test_plan_takes_the_heaviest_action(paths, action, content):
    found = plan(paths, ROOTS)
    assert (found.action, found.content) == (action, content)


@pytest.mark.parametrize("previous, written, gone", [
    ({"a", "b", "c"}, {"a", "c", "d"}, {"b"}),
    (set(), {"a"}, set()),
    ({"a"}, set(), {"a"}),
])
def test_stale(previous, written, gone):
    assert stale(previous, written) == gone


@pytest.mark.parametrize("edits, checks, due", [
    ([], [5.0], [False]),
    ([0.0], [0.5, 1.0, 1.1], [False, True, False]),   # once, then not again
    ([0.0, 0.8], [1.0, 1.7, 1.8], [False, False, True]),  # a later edit restarts the wait
])
def test_quiet_is_due_once_after_the_last_edit(edits, checks, due):
    quiet = Quiet(1.0)
    for at in edits:
        quiet.touch(at)
    assert [quiet.due(at) for at in checks] == due


@pytest.mark.parametrize("action", ["add", "modify", "remove", "swapfile"])
def test_snapshot_sees_changes(tmp_path, action):
    (tmp_path / "sub").mkdir()
    kept = tmp_path / "sub" / "a.md"
    kept.write_text("one")
    before = snapshot([str(tmp_path)])
    target = tmp_path / "sub" / ("b.md" if action == "add" else "a.md")
    if action == "add":
        target.write_text("new")
    elif action == "modify":
        target.write_text("one, and more")
    elif action == "remove":
        target.unlink()
    else:
        (tmp_path / "sub" / ".a.md.swp").write_text("editor state")
    expected = set() if action == "swapfile" else {str(target)}
    assert changed(before, snapshot([str(tmp_path)])) == expected


@pytest.mark.parametrize("files, paths", [
    (["/out/index.html"], ["/index.html", "/"]),
    (["/out/a-post/index.html"], ["/a-post/index.html", "/a-post/"]),
    (["/out/feeds/all.atom.xml"], ["/feeds/all.atom.xml"]),
    (["/out/404.html"], ["/404.html"]),
])
def test_url_paths(files, paths):
    assert url_paths("/out", files) == paths


@pytest.mark.parametrize("existing", [None, b"old bytes", b"same"])
def test_write_atomic(tmp_path, existing):
    path = tmp_path / "deep" / "page.html"
    if existing is not None:
        path.parent.mkdir()
        path.write_bytes(existing)
        os.utime(path, ns=(1, 1))
    wrote = write_atomic(str(path), b"same")
    assert path.read_bytes() == b"same"
    assert wrote == (existing != b"same")
    if existing == b"same":
        assert path.stat().st_mtime_ns == 1  # an unchanged file is not touched
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert os.listdir(path.parent) == ["page.html"]  # no temporary file left behind


@pytest.mark.parametrize("send", [True, False])
def test_reloads_wake_listeners(send):
    reloads, got = Reloads(), []
    listener = threading.Thread(target=lambda: got.append(reloads.wait(0, 5 if send else 0.1)))
    listener.start()
    if send:
        reloads.send(["/a-post/"])
    listener.join(10)
    assert got == ([(1, ["/a-post/"])] if send else [(0, None)])

"""`make serve`: the long-lived preview process (engine in plugins/newsdesk/adapter/preview.py).

Keeps the site in memory, watches content/, theme/, plugins/ and the settings files, writes
the edited page first and reloads the browser, then the pages that depend on it, then the
site files and the search index once edits go quiet. Settings or plugin code changes restart
the process (re-exec), so no old module or setting survives.
"""

from __future__ import annotations

import os
import sys
import time

from tools import build as site_build
from tools.build import ROOT

# How often the watcher looks for changed files, and how long edits must pause before the
# sitemap, images and search index are brought up to date.
POLL_SECONDS = 0.05
QUIET_SECONDS = 1.5


def open_session(settings_file: str, output: str, content: str | None = None,
                 overrides: dict | None = None):
    """A preview Session on `settings_file` (as `invoke build` reads it) writing to `output`."""
    from newsdesk.adapter.preview import Session

    # The preview keeps reads in memory itself; Pelican's on-disk content cache is not used.
    over = {**(overrides or {}), "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}
    settings = site_build.build_settings(settings_file, output, over, content)
    return Session(site_build.load_plugins(settings))


def run_update(session, changed=(), **kwargs):
    """session.update, with a failure raised as BuildError naming what Pelican logged."""
    with site_build.pelican_errors():
        return session.update(changed, **kwargs)


def index_search(session) -> None:
    """Index the preview's output with Pagefind now, as the quiet-time work does."""
    from tools.preview_search import Indexer

    indexer = Indexer(session.pelican.output_path)
    indexer.start()
    indexer.wait()


class _Watcher:
    """Polls the watched paths; remembers changes seen mid-render for the next update."""

    def __init__(self, paths) -> None:
        from newsdesk.preview.watch import snapshot

        self.paths, self._snapshot = paths, snapshot
        self.stamps = snapshot(paths)
        self.pending: set[str] = set()
        self._checked = 0.0

    def poll(self) -> set[str]:
        """Every path changed since the last poll (and any found mid-render)."""
        from newsdesk.preview.watch import changed

        new = self._snapshot(self.paths)
        found, self.stamps = changed(self.stamps, new) | self.pending, new
        self.pending = set()
        return found

    def newer_edit(self) -> bool:
        """True when a file changed since the last poll; looks at most every POLL_SECONDS."""
        now = time.monotonic()
        if not self.pending and now - self._checked >= POLL_SECONDS:
            self._checked = now
            self.pending = self.poll()
        return bool(self.pending)


def _roots(session, settings_file: str):
    """What the watcher reacts to, and how: content, theme, or a restart."""
    from newsdesk.preview.changes import Roots
    from newsdesk.settings import content_file, data_path

    conf = session.settings
    settings = {os.path.abspath(settings_file), os.path.join(ROOT, "pelicanconf.py"),
                os.path.join(ROOT, "publishconf.py")}
    plugins = {os.path.abspath(os.path.join(ROOT, p)) for p in conf.get("PLUGIN_PATHS") or []}
    # Site data (contact, CTAs, authors, the notice, and the rest of their folder) is read
    # once, when the plugin starts: a change to it restarts the process.
    legal = conf["LEGAL_REVIEW"]
    data = {data_path(conf, "CONTACT"), data_path(conf, "CTA"),
            content_file(conf, legal["authors_path"]), content_file(conf, legal["notice_path"])}
    data |= {os.path.dirname(data_path(conf, "CONTACT"))}
    data |= {os.path.join(conf["PATH"], name) for name in conf.get("ARTICLE_EXCLUDES") or []
             if name not in (conf.get("PAGE_PATHS") or [])}
    return Roots(content=os.path.abspath(conf["PATH"]), theme=os.path.abspath(conf["THEME"]),
                 restart=tuple(sorted(settings | plugins | {os.path.abspath(d) for d in data})),
                 output=session.pelican.output_path)


def _say(text: str) -> None:
    print(f"[preview {time.strftime('%H:%M:%S')}] {text}", flush=True)


def _update(session, reloads, watcher, content, theme: bool):
    from tools.preview_server import url_paths

    out = session.pelican.output_path
    if theme:
        session.theme_changed()

    def first(result):
        if result.first:
            reloads.send(url_paths(out, result.first))
            _say(f"wrote the edited page in {result.first_s:.2f} s")

    result = run_update(session, sorted(content), on_first=first, stop=watcher.newer_edit)
    if not result.complete:
        _say("a newer edit arrived; starting again")
        return
    rest = [p for p in result.changed if p not in result.first]
    if theme:
        reloads.send(["*"])
    elif rest or result.removed:
        reloads.send(url_paths(out, rest + result.removed))
    _say(f"{len(result.changed)} file(s) written, {len(result.removed)} removed, "
         f"all done in {result.all_s:.2f} s")


def _say_check(session) -> None:
    """Print the check's errors: the preview still shows the pages, a build would refuse."""
    from tools.reading import rule_errors

    errors = rule_errors(session.pelican.settings)
    for finding in errors:
        _say(finding.format())
    if errors:
        _say(f"{len(errors)} error(s) above: `invoke build` and `invoke publish` refuse the "
             "site until they are fixed")


def _settle(session, indexer) -> None:
    session.settle()
    indexer.start()  # in the background: the next edit is not kept waiting for it
    _say("site files up to date; search index under way")
    _say_check(session)


def _stop(indexer, reloads, server) -> None:
    """Stop the background indexer, close the reload channel and the server."""
    indexer.stop()
    reloads.close()
    server.shutdown()
    server.server_close()


def serve(settings_file: str, output: str, host: str, port: int,
          content: str | None = None) -> None:
    """Build once, serve on host:port, and keep the preview up to date until interrupted."""
    from newsdesk.preview.changes import RESTART, THEME, Quiet, plan
    from tools.preview_search import Indexer
    from tools.preview_server import Reloads, start

    try:
        session = open_session(settings_file, output, content=content)
        first = run_update(session)
    except site_build.BuildError:
        raise
    except Exception as exc:  # Pelican's fatal logger raises RuntimeError after logging
        raise site_build.BuildError(str(exc)) from exc
    roots = _roots(session, settings_file)
    watcher = _Watcher([roots.content, roots.theme, *roots.restart])
    session.settle()
    index_search(session)
    indexer, reloads = Indexer(session.pelican.output_path), Reloads()
    server = start(session.pelican.output_path, host, port, reloads)
    _say(f"{len(first.changed)} files in {first.all_s:.1f} s; serving "
         f"{session.pelican.output_path} at http://{host}:{port}/ (Ctrl-C to stop)")
    _say_check(session)
    quiet = Quiet(QUIET_SECONDS)
    try:
        while True:
            found = plan(watcher.poll(), roots)
            try:
                if found.action == RESTART:
                    _say("settings or plugin code changed: restarting")
                    _stop(indexer, reloads, server)
                    os.execv(sys.executable, sys.orig_argv)
                if found.action:
                    quiet.touch(time.monotonic())
                    _update(session, reloads, watcher, found.content, found.action == THEME)
                elif quiet.due(time.monotonic()):
                    _settle(session, indexer)
                elif indexer.poll():
                    reloads.send(["/search/"])
                    _say("search index up to date")
            except Exception as exc:  # noqa: BLE001 - the editor fixes the file; we keep serving
                _say(f"not updated: {exc}")
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        _stop(indexer, reloads, server)

"""`make serve`: the long-lived preview process (engine in plugins/newsdesk/adapter/preview.py).

Keeps the site in memory, watches content/, theme/, plugins/ and the settings files, writes
the edited page first and reloads the browser, then the pages that depend on it, then the
site files and the search index once edits go quiet. Settings or plugin code changes restart
the process (re-exec), so no old module or setting survives.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time

from tools import build as site_build
from tools.build import ROOT

# How often the watcher looks for changed files, and how long edits must pause before the
# sitemap, images and search index are brought up to date.
POLL_SECONDS = 0.05
QUIET_SECONDS = 1.5


class _Raise(logging.Handler):
    """Turns a logged error into an exception, so a bad file stops the update, not the server."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        raise site_build.BuildError(record.getMessage())


def open_session(settings_file: str, output: str, content: str | None = None,
                 overrides: dict | None = None):
    """A preview Session on `settings_file` (as `invoke build` reads it) writing to `output`."""
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    from newsdesk.adapter.preview import Session

    init_logging(level=logging.WARNING, fatal="errors")
    over = dict(overrides or {})
    if content:
        over = {**site_build._content_overrides(settings_file, content), **over}
    # The preview keeps reads in memory itself; Pelican's on-disk content cache is not used.
    over.update(OUTPUT_PATH=os.path.abspath(output), LOAD_CONTENT_CACHE=False,
                CACHE_CONTENT=False)
    settings = read_settings(settings_file, override=over)
    wanted = list(settings.get("PLUGINS") or [])
    pelican = Pelican(settings)
    missing = [name for name in wanted if name not in pelican.settings["PLUGINS"]]
    if missing:
        raise site_build.BuildError(f"plugin(s) {', '.join(missing)} failed to load")
    return Session(pelican)


def index_search(session) -> None:
    """Index the preview's output with Pagefind into a new folder, then swap it in.

    Pagefind adds files beside the old index and never removes a fragment; a fresh folder
    gives the same index a full build makes, and the swap keeps the old one usable meanwhile."""
    out = session.pelican.output_path
    fresh, old, live = out + ".pagefind-new", out + ".pagefind-old", os.path.join(out, "pagefind")
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", out, "--output-path",
                           fresh, "--silent"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise site_build.BuildError(f"Pagefind failed on {out}: {proc.stderr.strip()}")
    if os.path.isdir(live):
        os.replace(live, old)
    os.replace(fresh, live)
    shutil.rmtree(old, ignore_errors=True)

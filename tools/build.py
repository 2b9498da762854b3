"""Run a Pelican build the Newsdesk way: fatal on any error, every plugin loaded, search indexed."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Import the plugin under the same name Pelican gives it (PLUGIN_PATHS = ["plugins"]).
sys.path.insert(0, os.path.join(ROOT, "plugins"))


class BuildError(Exception):
    """The build failed; the message says why and names the file."""


@dataclass
class BuildResult:
    output: str


def _content_overrides(settings_file: str, content: str) -> dict:
    """Settings that build an arbitrary folder of Markdown posts with the site's data files."""
    from pelican.settings import read_settings

    from newsdesk.settings import DEFAULTS, content_file, data_path

    LEGAL_DEFAULTS = DEFAULTS["LEGAL_REVIEW"]  # noqa: N806 - the setting's declared defaults

    base = read_settings(settings_file)
    overrides = {"PATH": os.path.abspath(content), "ARTICLE_PATHS": [""], "PAGE_PATHS": [],
                 "ARTICLE_EXCLUDES": [], "STATIC_PATHS": [],
                 # Dated URLs, as Jekyll and Hugo blogs use: their slugs repeat across years.
                 "ARTICLE_URL": "{date:%Y}/{date:%m}/{date:%d}/{slug}/",
                 "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html",
                 "CHECK": {**(base.get("CHECK") or {}), "site_rules": False}}
    # CTA copy and contact data still come from the site's own content folder.
    for name in ("CONTACT", "CTA"):
        overrides[name] = {**(base.get(name) or {}), "path": data_path(base, name)}
    # So do the authors file and the not-advice notice; other sites' bylines are not the
    # firm's people, so they are shown as plain text rather than failing the build.
    legal = {**LEGAL_DEFAULTS, **(base.get("LEGAL_REVIEW") or {})}
    overrides["LEGAL_REVIEW"] = {**legal, "unknown_authors": "allow",
                                 "authors_path": content_file(base, legal["authors_path"]),
                                 "notice_path": content_file(base, legal["notice_path"])}
    return overrides


def _refuse(errors: list | None) -> None:
    if errors:
        raise BuildError("\n".join(f.format() for f in errors)
                         + "\nFix these (`invoke check` lists them too); nothing was built.")


def _rule_errors_or_none(settings: dict | None) -> list | None:
    from tools.reading import rule_errors

    if settings is None:
        return None
    try:
        return rule_errors(settings)
    except Exception:  # the rules could not run either: the original error says more
        return None


def build_settings(settings_file: str, output: str, overrides: dict | None = None,
                   content: str | None = None) -> dict:
    """Pelican's settings as a build reads them: `--content` overrides, then `overrides`."""
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    init_logging(level=logging.WARNING, fatal="errors")
    over = dict(overrides or {})
    if content:
        over = {**_content_overrides(settings_file, content), **over}
    over["OUTPUT_PATH"] = os.path.abspath(output)
    return read_settings(settings_file, override=over)


def load_plugins(settings: dict):
    """A Pelican with every plugin of PLUGINS loaded; BuildError if one failed to."""
    from pelican import Pelican

    wanted = list(settings.get("PLUGINS") or [])
    pelican = Pelican(settings)
    missing = [name for name in wanted if name not in pelican.settings["PLUGINS"]]
    if missing:
        raise BuildError(f"plugin(s) {', '.join(missing)} failed to load or register; "
                         "see the error above. The site was not built.")
    return pelican


@contextmanager
def pelican_errors(first=None):
    """Turn what Pelican logs or raises inside into one BuildError saying what failed.

    `first()`, when given, may raise a better BuildError first (the check's own words)."""
    from tools.reading import ErrorCollector

    collector = ErrorCollector()
    logging.getLogger().addHandler(collector)
    try:
        yield collector
    except BuildError:
        raise
    except Exception as exc:  # Pelican's fatal logger raises RuntimeError after logging
        if first is not None:
            first()
        detail = "; ".join(collector.messages) or f"{type(exc).__name__}: {exc}"
        raise BuildError(detail) from exc
    finally:
        logging.getLogger().removeHandler(collector)


def run_pelican(settings_file: str, output: str, overrides: dict | None = None,
                content: str | None = None) -> BuildResult:
    """Build with Pelican into `output`; raise BuildError on any logged error or missing plugin."""
    from tools.reading import rule_errors

    settings = None
    # A bad data file or setting stops the plugin loading: say it as the check does.
    with pelican_errors(lambda: _refuse(_rule_errors_or_none(settings))):
        settings = build_settings(settings_file, output, overrides, content)
        pelican = load_plugins(settings)
    # The check's rules first, so the build fails exactly when `invoke check` does; once
    # they have passed, a failure inside Pelican is reported as it is (not checked again).
    with pelican_errors():
        _refuse(rule_errors(settings))
        pelican.run()
    return BuildResult(output=os.path.abspath(output))


class Search:
    """Pagefind indexing a built site in its own process, started at once; `wait()` for it,
    or ask `done()` without waiting. `into` writes the bundle there instead of the site.

    A publish starts it as soon as the pages are written and compresses them meanwhile; the
    preview runs it in the background."""

    def __init__(self, output: str, into: str | None = None) -> None:
        self.output = output
        self._log = tempfile.TemporaryFile()  # not a pipe: a full pipe would stall Pagefind
        self.started = time.perf_counter()
        where = ["--output-path", into] if into else []
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", output, *where, "--silent"],
            stdout=self._log, stderr=subprocess.STDOUT)
        self._found: dict | None = None
        self._said = ""

    def _reap(self, flags: int) -> bool:
        # wait4, not Popen.wait: Pagefind's own peak memory, apart from the build's.
        pid, status, usage = os.wait4(self._proc.pid, flags)
        if pid == 0:
            return False  # still running (WNOHANG)
        self._proc.returncode = os.waitstatus_to_exitcode(status)
        self._found = {"seconds": time.perf_counter() - self.started,
                       "peak_rss_mb": usage.ru_maxrss / 1024}
        return True

    def done(self) -> bool:
        """True once Pagefind has finished (then `wait()` returns at once)."""
        return self._found is not None or self._reap(os.WNOHANG)

    def wait(self) -> dict:
        """Wait for Pagefind; its seconds and peak RSS (MB). BuildError when it failed."""
        if self._found is None:
            self._reap(0)
        if not self._log.closed:  # its output is read once, on the first wait
            self._log.seek(0)
            self._said = self._log.read().decode("utf-8", "replace").strip()
            self._log.close()
        if self._proc.returncode != 0:
            raise BuildError(f"Pagefind failed on {self.output}: {self._said}")
        return self._found

    def kill(self) -> None:
        """Stop a run that is still going, and reap it."""
        if not self.done():
            self._proc.kill()
            self._reap(0)
        self._log.close()


def index_search(output: str) -> dict:
    """Index the built site with Pagefind (the binary ships in the pagefind[bin] wheel)."""
    return Search(output).wait()


def build(settings_file: str = "pelicanconf.py", output: str = "output",
          overrides: dict | None = None, content: str | None = None,
          search: bool = True) -> BuildResult:
    """Build the site and index it for search."""
    result = run_pelican(os.path.join(ROOT, settings_file) if not os.path.isabs(settings_file)
                         else settings_file, output, overrides, content)
    if search:
        index_search(result.output)
    return result

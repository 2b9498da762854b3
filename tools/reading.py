"""The build's reading phase, shared by `invoke check` and the build so the two never disagree.

Two halves, each run by both:
- `rule_errors`: the content rules of plugins/newsdesk/check.py (links, images, categories,
  bylines...). The build runs them before Pelican starts and fails on any error; the check
  prints them.
- `pelican_findings`: Pelican's own readers and generators with our plugin, up to
  `all_generators_finalized` (nothing is written). The check runs this; the build runs the
  same code as the first part of `Pelican.run()`. An error logged there (a file Pelican could
  not read, a plugin error naming a file) becomes a finding with the same message.
"""

from __future__ import annotations

import logging
import os
import sys



class ErrorCollector(logging.Handler):
    """Keeps the errors Pelican logs, each with the reason, so a failure can say what failed.

    The plugin's build workers have the same handler (newsdesk.build.LoggedMessages); this
    one is its own because the build attaches it before Pelican loads the plugin, and
    importing the plugin here first would hide a plugin that fails to load."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[tuple[logging.LogRecord, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Pelican logs "Could not process" from inside its `except` without exc_info (unless
        # DEBUG): the exception is still the one being handled, so take its text from there.
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        text = record.getMessage().strip()
        if exc is not None and str(exc) and str(exc) not in text:
            text = f"{text}: {type(exc).__name__}: {exc}"
        self.records.append((record, text))

    @property
    def messages(self) -> list[str]:
        """Each error's message with its reason."""
        return [text for _record, text in self.records]


def _file_arg(record: logging.LogRecord, settings: dict) -> str | None:
    """The content file a Pelican log record names among its arguments, if any."""
    args = record.args if isinstance(record.args, tuple) else ()
    for arg in args:
        path = getattr(arg, "source_path", None) or (arg if isinstance(arg, str) else None)
        if path:
            full = path if os.path.isabs(path) else os.path.join(settings["PATH"], path)
            if os.path.isfile(full):
                return full
    return None


def error_finding(record: logging.LogRecord | None, text: str, settings: dict):
    """One logged error (or a raised exception's text) as a finding naming its file."""
    # Imported here: the build imports this module before Pelican loads the plugin.
    from newsdesk.check import data_finding

    # Pelican's messages ("Could not process X", "Skipping X: ...") name the file among
    # their arguments; Newsdesk's name it at the start ("path:line: ...").
    path = _file_arg(record, settings) if record is not None else None
    return data_finding(text, path or str(settings.get("PATH") or "content"))


def read_site(pelican) -> list:
    """Run the generators' reading (and our plugin) up to `all_generators_finalized`."""
    from newsdesk.adapter.run import make_generators, read_generators

    return read_generators(make_generators(pelican))


def pelican_findings(settings: dict) -> list:
    """Every error the build's reading phase logs or raises, as findings; nothing is written."""
    from pelican import Pelican
    from pelican.log import FatalLogger

    collector = ErrorCollector()
    root = logging.getLogger()
    # The build makes the first error fatal; the check reads on to list every one.
    fatal, FatalLogger.fatal_lvl = FatalLogger.fatal_lvl, logging.CRITICAL + 1
    level = root.level
    root.addHandler(collector)
    root.setLevel(logging.ERROR)
    raised = None
    try:
        read_site(Pelican(dict(settings)))
    except Exception as exc:  # a plugin error names its file in its message
        raised = str(exc)
    finally:
        FatalLogger.fatal_lvl = fatal
        root.removeHandler(collector)
        root.setLevel(level)
    found = [error_finding(record, text, settings) for record, text in collector.records]
    if raised and raised not in collector.messages:
        found.append(error_finding(None, raised, settings))
    return found


def rule_errors(settings: dict) -> list:
    """The content rules' errors (the same run as `invoke check`), for the build to refuse."""
    from tools import check

    return [f for f in check.rule_report(settings).findings if f.level == "error"]

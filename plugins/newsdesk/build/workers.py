"""Run one piece of work in several processes at once, each on its own share of the outputs.

The processes are forked (Linux), so each starts from the same in-memory site and nothing is
pickled on the way in; only a small report comes back, through a file. Where fork is missing
(or not safe, as on macOS), the caller runs one process.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
import zlib
from collections.abc import Callable
from typing import Any


class ShareError(Exception):
    """One share of the work failed; the message names the output it was writing."""


def worker_count(setting: int | str) -> int:
    """How many processes a build uses: the setting's number, or with "auto" the usable CPUs."""
    if setting != "auto":
        return int(setting)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where a forked child can safely go on running this interpreter's objects."""
    # macOS has fork, but its system libraries are not fork-safe once threads exist.
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def owner(name: str, count: int) -> int:
    """Which of `count` shares writes the output `name` (a path inside the output folder).

    By path rather than by call order, so every write to one path (Pelican's override_output)
    happens in one process, in the order a single-process build does them."""
    return zlib.crc32(os.path.normpath(name).encode("utf-8")) % count


class LoggedMessages(logging.Handler):
    """Keeps the messages logged at `level` or above while it is attached, each with the
    reason (a build's errors, a child's, or anything a file logged while it was read)."""

    def __init__(self, level: int = logging.ERROR) -> None:
        super().__init__(level=level)
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
        """Each message with its reason."""
        return [text for _record, text in self.records]


def _child(share: int, work: Callable[[int], Any], path: str) -> None:
    """Run one share in a forked child, save ("ok", result) or ("error", ...), and exit."""
    # What the child inherits stays alive in the parent anyway: leave it out of the child's
    # collections. A full collection walks (and so copies) every inherited object; at 1,000
    # articles that was a quarter of the related scoring child's time.
    gc.freeze()
    errors = LoggedMessages()
    logging.getLogger().addHandler(errors)
    code = 0
    try:
        report = ("ok", work(share))
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the parent
        code = 1
        said = "; ".join(errors.messages)
        detail = f"{type(exc).__name__}: {exc}"
        report = ("error", f"{detail}{' (' + said + ')' if said else ''}",
                  traceback.format_exc(limit=-8))
    try:
        # A file, not a pipe: the child never blocks on a parent that stopped reading.
        with open(path, "wb") as handle:
            pickle.dump(report, handle, protocol=pickle.HIGHEST_PROTOCOL)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        # Never return into the parent's code (the build tool, pytest, invoke...).
        os._exit(code)


def _status_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


class Shares:
    """Children started on shares 1.. of some work; collect() their results, or stop() them."""

    def __init__(self, count: int, work: Callable[[int], Any]) -> None:
        sys.stdout.flush()
        sys.stderr.flush()  # or the children would write out the parent's buffered text again
        self.folder = tempfile.mkdtemp(prefix="newsdesk-shares-")
        self.children: list[tuple[int, int]] = []  # (pid, share)
        for share in range(1, count):
            pid = os.fork()
            if pid == 0:
                _child(share, work, self._path(share))
            self.children.append((pid, share))
        _PENDING.add(self)

    def _path(self, share: int) -> str:
        return os.path.join(self.folder, f"share-{share}.pickle")

    def collect(self) -> list[Any]:
        """Wait for every child; return their results in share order, or raise ShareError."""
        results, failure = [], None
        for pid, share in self.children:
            _pid, status = os.waitpid(pid, 0)
            try:
                with open(self._path(share), "rb") as handle:
                    report = pickle.load(handle)
            except (OSError, EOFError, pickle.UnpicklingError):
                report = ("error", f"build worker {share} died without a report "
                          f"({_status_text(status)}); nothing it made can be trusted.", "")
            if report[0] == "error":
                trace = f"; its traceback:)\n{report[2]}" if report[2] else ")"
                failure = failure or ShareError(f"{report[1]}\n(in build worker {share}{trace}")
            else:
                results.append(report[1])
        self._forget()
        if failure:
            raise failure
        return results

    def stop(self) -> None:
        """Kill and reap the children (this process's own share failed)."""
        for pid, _share in self.children:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self._forget()

    def _forget(self) -> None:
        self.children = []
        shutil.rmtree(self.folder, ignore_errors=True)
        _PENDING.discard(self)


# Shares never collected (the build failed elsewhere) are stopped when the process exits.
_PENDING: set[Shares] = set()
atexit.register(lambda: [shares.stop() for shares in list(_PENDING)])


def run_shares(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(0) here and work(1) .. work(count - 1) in forked children; return the results.

    A failing share raises ShareError (the first, in share order) after every child has
    ended; if this process's own share fails, the children are stopped before it raises."""
    shares = Shares(count, work)
    try:
        mine = work(0)
    except BaseException:
        shares.stop()
        raise
    return [mine, *shares.collect()]

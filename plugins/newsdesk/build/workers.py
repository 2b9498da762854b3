"""Run one piece of work in several processes at once, each on its own share of the outputs.

The processes are forked (Linux), so each starts from the same in-memory site and nothing is
pickled on the way in; only a small report comes back through a pipe. Where fork is missing
(or not safe, as on macOS), the caller runs one process.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
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


class _Errors(logging.Handler):
    """Keeps the error messages logged in a child, to send them to the parent."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _child(share: int, work: Callable[[int], Any], out: int) -> None:
    """Run one share in a forked child, send ("ok", result) or ("error", message), and exit."""
    errors = _Errors()
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
        with os.fdopen(out, "wb") as pipe:
            pickle.dump(report, pipe)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        # Never return into the parent's code (the build tool, pytest, invoke...).
        os._exit(code)


def _read(pid: int, fd: int, share: int) -> Any:
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if not data:
        raise ShareError(f"build worker {share} died without a report "
                         f"({_status_text(status)}); nothing it wrote can be trusted.")
    report = pickle.loads(data)
    if report[0] == "error":
        raise ShareError(f"{report[1]}\n(in build worker {share}; its traceback:)\n{report[2]}")
    return report[1]


def _status_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _stop(children: list[tuple[int, int, int]]) -> None:
    for pid, fd, _share in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(fd)
        os.waitpid(pid, 0)


def run_shares(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(0) here and work(1) .. work(count - 1) in forked children; return the results.

    A failing share raises ShareError (the first, in share order) after every child has
    ended; if this process's own share fails, the children are stopped before it raises."""
    sys.stdout.flush()
    sys.stderr.flush()  # or the children would write out the parent's buffered text again
    children = []
    for share in range(1, count):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(share, work, write_fd)
        os.close(write_fd)
        children.append((pid, read_fd, share))
    try:
        mine = work(0)
    except BaseException:
        _stop(children)
        raise
    results, failure = [mine], None
    for pid, fd, share in children:
        try:
            results.append(_read(pid, fd, share))
        except ShareError as exc:
            failure = failure or exc
    if failure:
        raise failure
    return results

"""Classify changed files and find what to delete: plain paths in, plain decisions out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# What a change asks of the preview, from cheapest to dearest.
CONTENT, THEME, RESTART = "content", "theme", "restart"
_ORDER = {CONTENT: 0, THEME: 1, RESTART: 2}
# Editors' swap, backup and lock files, and compiled Python: never an edit to the site.
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".pyc", ".tmp")
_IGNORED_PREFIXES = (".#", ".~")


@dataclass(frozen=True)
class Roots:
    """The absolute paths whose changes the preview reacts to."""

    content: str
    theme: str
    restart: tuple[str, ...]  # settings files and plugin folders: a change restarts the process
    output: str = ""


@dataclass
class Plan:
    """What one batch of changes needs: the heaviest action and the content files touched."""

    action: str | None = None
    content: set[str] = field(default_factory=set)


def ignored(path: str) -> bool:
    """True for files no editor means as a change (swap files, bytecode, __pycache__)."""
    name = os.path.basename(path)
    return ("__pycache__" in path.split(os.sep) or name.endswith(_IGNORED_SUFFIXES)
            or name.startswith(_IGNORED_PREFIXES))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def classify(path: str, roots: Roots) -> str | None:
    """CONTENT, THEME or RESTART for one changed path; None when the preview ignores it."""
    if ignored(path) or (roots.output and _inside(path, roots.output)):
        return None
    if any(_inside(path, r) for r in roots.restart):
        return RESTART
    if _inside(path, roots.theme):
        return THEME
    if _inside(path, roots.content):
        return CONTENT
    return None


def plan(paths, roots: Roots) -> Plan:
    """The plan for a batch: RESTART beats THEME beats CONTENT; content paths are kept."""
    result = Plan()
    for path in paths:
        action = classify(path, roots)
        if action is None:
            continue
        if action == CONTENT:
            result.content.add(path)
        if result.action is None or _ORDER[action] > _ORDER[result.action]:
            result.action = action
    return result


def stale(previous: set[str], written: set[str]) -> set[str]:
    """Outputs the last complete render wrote that this complete render no longer writes."""
    return previous - written


class Quiet:
    """Tells when edits have gone quiet: `due(now)` once, `wait` seconds after the last edit."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self.last: float | None = None

    def touch(self, now: float) -> None:
        """An edit happened at `now`."""
        self.last = now

    def due(self, now: float) -> bool:
        """True the first time `now` is `wait` seconds past the last edit, then not again."""
        if self.last is None or now - self.last < self.wait:
            return False
        self.last = None
        return True

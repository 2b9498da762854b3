"""The preview's search index: Pagefind in the background, into a new folder, then swapped in.

Pagefind adds files beside an old index and never removes a fragment, so each run writes a
fresh folder (the same index a full build makes) and the swap keeps the old one usable
meanwhile. The preview never waits for it: `Indexer.poll()` finishes a run that is done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


class SearchError(Exception):
    """Pagefind failed; the message has its output."""


class Indexer:
    """At most one Pagefind run over `output` at a time; a newer request replaces it."""

    def __init__(self, output: str) -> None:
        self.output = output
        self.fresh = output + ".pagefind-new"
        self.proc: subprocess.Popen | None = None

    def stop(self) -> None:
        """Stop a run that is still going (its input is outdated, or the preview is ending)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def start(self) -> None:
        """Start indexing now, stopping a run that is still going."""
        self.stop()
        shutil.rmtree(self.fresh, ignore_errors=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", self.output, "--output-path",
             self.fresh, "--silent"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def poll(self) -> bool:
        """True when a run has just finished and its index is now live; raise if it failed."""
        if self.proc is None or self.proc.poll() is None:
            return False
        proc, self.proc = self.proc, None
        text = proc.stdout.read() if proc.stdout else ""
        if proc.returncode != 0:
            raise SearchError(f"Pagefind failed on {self.output}: {text.strip()}")
        live, old = os.path.join(self.output, "pagefind"), self.output + ".pagefind-old"
        shutil.rmtree(old, ignore_errors=True)
        if os.path.isdir(live):
            os.replace(live, old)
        os.replace(self.fresh, live)
        shutil.rmtree(old, ignore_errors=True)
        return True

    def wait(self) -> None:
        """Finish the current run (for a caller that wants the index now)."""
        if self.proc is not None:
            self.proc.wait()
            self.poll()

"""The preview's search index: Pagefind in the background, into a new folder, then swapped in.

Pagefind adds files beside an old index and never removes a fragment, so each run writes a
fresh folder (the same index a full build makes) and the swap keeps the old one usable
meanwhile. The preview never waits for it: `Indexer.poll()` finishes a run that is done.
The run itself is the build's (tools/build.py Search).
"""

from __future__ import annotations

import os
import shutil

from tools.build import Search


class Indexer:
    """At most one Pagefind run over `output` at a time; a newer request replaces it."""

    def __init__(self, output: str) -> None:
        self.output = output
        self.fresh = output + ".pagefind-new"
        self.run: Search | None = None

    def stop(self) -> None:
        """Stop a run that is still going (its input is outdated, or the preview is ending)."""
        if self.run is not None:
            self.run.kill()
        self.run = None

    def start(self) -> None:
        """Start indexing now, stopping a run that is still going."""
        self.stop()
        shutil.rmtree(self.fresh, ignore_errors=True)
        self.run = Search(self.output, into=self.fresh)

    def poll(self) -> bool:
        """True when a run has just finished and its index is now live; BuildError if it
        failed."""
        if self.run is None or not self.run.done():
            return False
        run, self.run = self.run, None
        run.wait()
        live, old = os.path.join(self.output, "pagefind"), self.output + ".pagefind-old"
        shutil.rmtree(old, ignore_errors=True)
        if os.path.isdir(live):
            os.replace(live, old)
        os.replace(self.fresh, live)
        shutil.rmtree(old, ignore_errors=True)
        return True

    def wait(self) -> None:
        """Finish the current run (for a caller that wants the index now)."""
        if self.run is not None:
            self.run.wait()
            self.poll()

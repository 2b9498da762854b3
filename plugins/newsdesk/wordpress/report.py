"""What an import did: counts for the summary line, and every listed item for the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """What the import did, for the summary line and the Markdown report."""

    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    removals: list = field(default_factory=list)  # (file, kind, text)
    left: list = field(default_factory=list)  # (file, shortcode)
    missing: list = field(default_factory=list)  # (file, image URL)
    decorative: list = field(default_factory=list)  # (file, image): no alt text anywhere
    featured_left: list = field(default_factory=list)  # (file, image, why)
    unresolved: list = field(default_factory=list)  # (file, href)
    kept: list = field(default_factory=list)  # files edited since the import

    def summary(self) -> str:
        """One paragraph of counts."""
        c = self.counts
        skipped = ", ".join(f"{n} {t}" for t, n in sorted(self.skipped.items())) or "none"
        return (f"WordPress import: {c['posts']} posts, {c['pages']} pages, {c['drafts']} drafts, "
                f"{c['scheduled']} scheduled; skipped: {skipped}; CTAs stripped: {c['cta']}, "
                f"related blocks stripped: {c['related']}; shortcodes converted: "
                f"{c['shortcodes_converted']}, left: {len(self.left)}; images copied: "
                f"{c['images']}, missing: {len(self.missing)}, marked decorative: "
                f"{len(self.decorative)}; links rewritten: {c['links']}, unresolved: "
                f"{len(self.unresolved)}; redirects: {c['redirects']} ({c['redirects_added']} "
                f"new); files written: {c['written']}, unchanged: {c['unchanged']}, kept "
                f"(edited since import): {len(self.kept)}")

    def markdown(self) -> str:
        """The full report."""
        out = ["# WordPress import report", "", self.summary(), ""]
        for title, rows in (
                ("Removed (old CTAs and related blocks)", self.removals),
                ("Shortcodes removed without a clear meaning", self.left),
                ("Images left out (not in the media folder, or no --media)", self.missing),
                ("Images with no alt text anywhere, marked decorative: describe them",
                 self.decorative),
                ("Featured images left out", self.featured_left),
                ("Links to the old site left unresolved (made absolute on the old site)",
                 self.unresolved),
                ("Files edited since the last import (not overwritten)",
                 [(k,) for k in self.kept])):
            out += [f"## {title}", ""] + [f"- {' | '.join(map(str, r))}" for r in rows] + [""]
        return "\n".join(out)

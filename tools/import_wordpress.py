"""`invoke import-wordpress`: a WordPress export (WXR) into Newsdesk content, with a report."""

from __future__ import annotations

import os

from tools.check import load_settings

from newsdesk.cta import load_ctas
from newsdesk.settings import data_path, resolve
from newsdesk.wordpress import WordPressError, importer, mapping, wxr


def run(export_path: str, map_path: str | None, content: str, dry_run: bool,
        report_path: str, media: str | None = None) -> importer.Report:
    """Import `export_path` into `content`; write the report; return it."""
    settings = load_settings("pelicanconf.py")
    areas = list(settings["PRACTICE_AREAS"])
    the_map = mapping.load(map_path, areas)
    export = wxr.parse(export_path)
    ctas = [c.body_markdown for c in load_ctas(data_path({**settings, "PATH": content}, "CTA")
                                                if os.path.isdir(os.path.join(content, "ctas"))
                                                else data_path(settings, "CTA")).values()]
    if media and not os.path.isdir(media):
        raise WordPressError(f"{media}: --media must be a folder (a copy of wp-content/uploads)")
    redirects = data_path({**settings, **resolve(settings), "PATH": content}, "REDIRECTS")
    imp = importer.Importer(export, the_map, content, ctas, media, redirects)
    imp.run()
    importer.write(imp, dry_run)
    with open(report_path, "w", encoding="utf-8") as handle:
        handle.write(imp.report.markdown())
    return imp.report

"""The old blog's authors: listed in the authors file so that imported bylines build."""

from __future__ import annotations

import json
import os
import re

import yaml

from . import WordPressError

AUTHORS = os.path.join("data", "authors.yml")


def add_bylines(content: str, bylines: set, report, dry_run: bool) -> None:
    """List the old blog's authors under `teams:` in the authors file, so bylines build.

    They become plain bylines; an editor moves a solicitor to `people:` (role,
    qualification, SRA ID) by hand. Names already listed are left alone, so a re-import
    changes nothing."""
    path = os.path.join(content, AUTHORS)
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    data = yaml.safe_load(text) or {}
    known = {str(p.get("name")) for p in data.get("people") or [] if isinstance(p, dict)}
    known |= {str(t) for t in data.get("teams") or []}
    missing = sorted(n for n in bylines if n and n not in known)
    report.counts["bylines added"] = len(missing)
    if not missing or dry_run:
        return
    keys = re.findall(r"^([A-Za-z_]\w*)\s*:", text, re.M)
    if keys and keys[-1] != "teams" and "teams" in keys:
        raise WordPressError(f"{path}: add these bylines under teams: by hand, then import "
                             f"again: {', '.join(missing)}")
    lines = "".join(f"  - {json.dumps(name)}\n" for name in missing)
    head = "" if text.endswith("\n") else "\n"
    head += "" if "teams" in keys else "teams:\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{head}  # Imported from WordPress: move solicitors to people:\n{lines}")

"""Every built page passes the Nu Html Checker (vnu-jar on the system Java) with no errors."""

from __future__ import annotations

import glob
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VNU = os.path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")


def vnu(target: str) -> list[dict]:
    proc = subprocess.run(["java", "-jar", VNU, "--skip-non-html", "--errors-only",
                           "--format", "json", target], capture_output=True, text=True)
    # vnu prints its JSON report on stderr; exit status 1 means errors were found.
    report = json.loads(proc.stderr or proc.stdout)
    return report["messages"]


def describe(messages: list[dict]) -> str:
    return "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
                     for m in messages)


def test_every_built_page_is_valid_html(site):
    pages = glob.glob(os.path.join(site, "**", "*.html"), recursive=True)
    assert len(pages) > 40  # articles, pages, lists, pagination, 404, search
    messages = vnu(site)
    print(f"vnu checked {len(pages)} pages: {len(messages)} errors")
    print(describe(messages))
    assert messages == [], describe(messages)


def test_the_checker_catches_an_error(tmp_path):
    # Proves the recipe really reports errors (a test that cannot fail checks nothing).
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div></span></p>",
                   encoding="utf-8")
    assert any(m["type"] == "error" for m in vnu(str(tmp_path)))

"""Lighthouse report: the production build served on loopback, audited on mobile in Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import tempfile
import threading

from tools import build as site_build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIGHTHOUSE = os.path.join(ROOT, "node_modules", ".bin", "lighthouse")
VERSION = "13.5.0"
CHROMIUM = "/usr/bin/chromium"
# Headless Debian Chromium as root, kept offline (see TESTING.md).
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"home": "/", "model-article": "/ons-online-child-sexual-abuse-offences/"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (chosen before building: links must name it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(folder: str, port: int) -> http.server.ThreadingHTTPServer:
    """Serve `folder` on 127.0.0.1:port in a background thread."""
    handler = functools.partial(_Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def ensure_lighthouse() -> str:
    """Install Lighthouse into node_modules when missing (not a CI dependency: a report tool)."""
    if not os.path.exists(LIGHTHOUSE):
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund",
                        f"lighthouse@{VERSION}"], cwd=ROOT, check=True)
    return LIGHTHOUSE


def run_lighthouse(url: str, report: str) -> dict[str, int]:
    """Audit `url` on mobile (Lighthouse's default), write the JSON report, return the scores."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run([ensure_lighthouse(), url, "--output=json", f"--output-path={report}",
                    "--quiet", f"--chrome-flags={CHROME_FLAGS}",
                    f"--only-categories={','.join(CATEGORIES)}"], env=env, check=True)
    with open(report, encoding="utf-8") as handle:
        categories = json.load(handle)["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def failing_audits(report: str) -> list[str]:
    """The audits that cost points, so a score below 100 says what to fix."""
    with open(report, encoding="utf-8") as handle:
        data = json.load(handle)
    audits = data["audits"]
    ids = {ref["id"] for cat in data["categories"].values() for ref in cat["auditRefs"]
           if ref.get("weight")}
    return sorted(f"{a}: {audits[a]['title']}" for a in ids
                  if audits[a].get("score") is not None and audits[a]["score"] < 1)


def audit(reports: str) -> dict[str, dict[str, int]]:
    """Build with publishconf for a loopback SITEURL, serve it and audit each page."""
    os.makedirs(reports, exist_ok=True)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="newsdesk-audit-") as out:
        site_build.build("publishconf.py", out, overrides={"SITEURL": origin, "FEED_DOMAIN": origin})
        server = serve(out, port)
        try:
            results = {}
            for name, path in PAGES.items():
                report = os.path.join(reports, f"{name}.json")
                results[name] = run_lighthouse(origin + path, report)
                print(format_row(name, results[name]))
                for line in failing_audits(report):
                    print(f"    - {line}")
            return results
        finally:
            server.shutdown()


def format_row(name: str, scores: dict[str, int]) -> str:
    """One line of scores, in Lighthouse's category order."""
    return f"{name:<15} " + "  ".join(f"{c} {scores[c]:>3}" for c in CATEGORIES)

"""`invoke deploy --target rsync|gh-pages [--dry-run]`: copy output/ to where the site is served.

Settings: DEPLOY in publishconf.py, one dict per target, checked here with errors that
name the setting:

    DEPLOY = {"rsync": {"target": "user@host:/path", "port": 22, "ssh_options": []},
              "gh_pages": {"remote": "origin", "branch": "gh-pages"}}
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

DEFAULTS = {
    "rsync": {"target": "", "port": 22, "ssh_options": []},
    "gh_pages": {"remote": "origin", "branch": "gh-pages",
                 "message": "Publish the site"},
}
TARGETS = {"rsync": "rsync", "gh-pages": "gh_pages"}
# user@host:/path or host:path; no spaces, no rsync daemon (host::module) syntax.
_REMOTE = re.compile(r"^(?:[^@\s:/]+@)?[^@\s:/]+:[^:\s]\S*$")


class DeployError(Exception):
    """Deploying failed or is misconfigured; the message names the setting or command."""


def _typed(section: str, key: str, value, default):
    ok = (isinstance(value, int) and not isinstance(value, bool) if isinstance(default, int)
          else isinstance(value, list) and all(isinstance(v, str) for v in value)
          if isinstance(default, list) else isinstance(value, str))
    if not ok:
        kind = {int: "a whole number", list: "a list of strings"}.get(type(default), "a string")
        raise DeployError(f"setting DEPLOY['{section}']['{key}'] must be {kind}, not {value!r}. "
                          "Fix it in publishconf.py.")
    return value


def resolve(setting) -> dict:
    """DEPLOY merged over the defaults; unknown keys and wrong types raise naming the setting."""
    setting = setting or {}
    if not isinstance(setting, dict):
        raise DeployError("setting DEPLOY must be a dict with 'rsync' and/or 'gh_pages' keys.")
    unknown = sorted(set(setting) - set(DEFAULTS))
    if unknown:
        raise DeployError(f"setting DEPLOY: unknown key(s) {', '.join(unknown)}; "
                          f"use {', '.join(DEFAULTS)}.")
    resolved = {}
    for section, defaults in DEFAULTS.items():
        given = setting.get(section) or {}
        bad = sorted(set(given) - set(defaults))
        if bad:
            raise DeployError(f"setting DEPLOY['{section}']: unknown key(s) {', '.join(bad)}; "
                              f"use {', '.join(defaults)}.")
        resolved[section] = {k: _typed(section, k, given.get(k, d), d) for k, d in defaults.items()}
    return resolved


def rsync_command(output: str, conf: dict, dry_run: bool = False) -> list[str]:
    """The rsync command line: mirror output/ to the target over SSH, deleting stale files."""
    target = conf["target"]
    if not _REMOTE.match(target):
        raise DeployError(f"setting DEPLOY['rsync']['target'] is {target!r}; set it to "
                          "'user@host:/path/to/site' in publishconf.py.")
    if not 0 < conf["port"] < 65536:
        raise DeployError(f"setting DEPLOY['rsync']['port'] is {conf['port']}; use 1-65535.")
    ssh = shlex.join(["ssh", "-p", str(conf["port"]), *conf["ssh_options"]])
    # -c: compare checksums, as every publish rewrites every file's mtime.
    args = ["rsync", "-rlpcz", "--delete", "--itemize-changes", "-e", ssh]
    return args + (["--dry-run"] if dry_run else []) + [output.rstrip("/") + "/", target]


def deploy_rsync(output: str, conf: dict, dry_run: bool = False) -> str:
    """Run rsync; return its list of changes. Raise DeployError with rsync's message on failure."""
    proc = subprocess.run(rsync_command(output, conf, dry_run), capture_output=True, text=True)
    if proc.returncode != 0:
        raise DeployError(f"rsync to {conf['target']} failed (exit {proc.returncode}): "
                          f"{proc.stderr.strip()}")
    return proc.stdout


def _git(repo: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


def deploy_gh_pages(output: str, conf: dict, repo: str, dry_run: bool = False) -> str:
    """Commit output/ to the branch with ghp-import and push it to the remote."""
    remote, branch = conf["remote"], conf["branch"]
    if _git(repo, "remote", "get-url", remote).returncode != 0:
        raise DeployError(f"setting DEPLOY['gh_pages']['remote']: {repo} has no git remote "
                          f"named {remote!r}; add it with `git remote add {remote} URL`.")
    if dry_run:
        return f"would commit {output} to branch {branch} and push it to {remote}"
    # ghp-import works on the repository in its current folder, so run its CLI there.
    # --no-history: the branch holds only the latest site, so the repository stays small.
    proc = subprocess.run([sys.executable, "-m", "ghp_import", os.path.abspath(output),
                           "--message", conf["message"], "--remote", remote, "--branch", branch,
                           "--push", "--no-history", "--no-jekyll"],
                          cwd=repo, capture_output=True, text=True)
    if proc.returncode != 0:
        raise DeployError(f"ghp-import to {remote} {branch} failed (exit {proc.returncode}): "
                          f"{(proc.stderr or proc.stdout).strip()}")
    return f"pushed {output} to {remote} {branch}"


def deploy(target: str, output: str, setting, repo: str, dry_run: bool = False) -> str:
    """Deploy `output` to `target` ("rsync" or "gh-pages") as DEPLOY configures it."""
    if target not in TARGETS:
        raise DeployError(f"unknown target {target!r}; use one of: {', '.join(TARGETS)}")
    if not os.path.isfile(os.path.join(output, "index.html")):
        raise DeployError(f"{output} holds no site (no index.html); run `invoke publish` first.")
    conf = resolve(setting)[TARGETS[target]]
    if target == "rsync":
        return deploy_rsync(output, conf, dry_run)
    return deploy_gh_pages(output, conf, repo, dry_run)

"""`invoke deploy` for real on loopback: a bare git repository, and rsync through our own sshd."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from tests.site.project import copy_project, invoke, tree_hash, write
from tools import deploy


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project copy with a small built site in output/ (a stand-in: deploy copies any site)."""
    project = copy_project(tmp_path_factory.mktemp("deploy-project"))
    write(project, "output/index.html", "<!doctype html><title>Home</title>\n")
    write(project, "output/about/index.html", "<p>About</p>\n")
    return project


def _set_deploy(project: str, setting: str) -> None:
    with open(os.path.join(project, "publishconf.py"), "a", encoding="utf-8") as handle:
        handle.write(f"\nDEPLOY = {setting}\n")


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_gh_pages_pushes_the_site_to_the_configured_branch(project, tmp_path):
    remote = tmp_path / "site.git"
    _git(tmp_path, "init", "--bare", "-q", str(remote))
    _git(project, "init", "-q")
    _git(project, "config", "user.name", "Newsdesk Test")
    _git(project, "config", "user.email", "test@example.invalid")
    _git(project, "remote", "add", "publish", str(remote))
    _set_deploy(project, '{"gh_pages": {"remote": "publish", "branch": "site"}}')
    dry = invoke(project, "deploy", "--target", "gh-pages", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert subprocess.run(["git", "rev-parse", "--verify", "site"], cwd=remote,
                          capture_output=True).returncode != 0
    proc = invoke(project, "deploy", "--target", "gh-pages")
    assert proc.returncode == 0, proc.stderr
    shown = subprocess.run(["git", "show", "site:index.html"], cwd=remote, capture_output=True,
                           text=True, check=True)
    assert shown.stdout == "<!doctype html><title>Home</title>\n"
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", "site"], cwd=remote,
                           capture_output=True, text=True, check=True).stdout.split()
    assert sorted(files) == [".nojekyll", "about/index.html", "index.html"]


def test_gh_pages_names_a_missing_remote(project):
    _set_deploy(project, '{"gh_pages": {"remote": "nowhere"}}')
    proc = invoke(project, "deploy", "--target", "gh-pages")
    assert proc.returncode == 1 and "DEPLOY['gh_pages']['remote']" in proc.stderr


@pytest.mark.parametrize("setting, named", [
    ({"rsync": {"port": "22"}}, "DEPLOY['rsync']['port']"),
    ({"rsync": {"host": "x"}}, "DEPLOY['rsync']"),
    ({"ftp": {}}, "DEPLOY"),
    ({"gh_pages": {"branch": 3}}, "DEPLOY['gh_pages']['branch']"),
])
def test_bad_settings_name_the_setting(setting, named):
    with pytest.raises(deploy.DeployError) as err:
        deploy.resolve(setting)
    assert named in str(err.value)


def test_rsync_target_must_be_host_and_path():
    conf = deploy.resolve({"rsync": {"target": "/just/a/folder"}})["rsync"]
    with pytest.raises(deploy.DeployError, match=r"DEPLOY\['rsync'\]\['target'\]"):
        deploy.rsync_command("output", conf)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sshd(tmp_path):
    """An sshd on 127.0.0.1 that accepts one generated key; yields (port, key file)."""
    keys = tmp_path / "keys"
    keys.mkdir()
    for name in ("host", "user"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)],
                       check=True)
    shutil.copy(keys / "user.pub", keys / "authorized_keys")
    port = _free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {tmp_path / 'sshd.pid'}\n"
        "StrictModes no\nUsePAM no\nPasswordAuthentication no\nPermitRootLogin yes\n")
    os.makedirs("/run/sshd", exist_ok=True)  # sshd's privilege separation folder
    proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)],
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    yield port, keys / "user"
    proc.terminate()
    proc.wait(timeout=10)


def test_rsync_mirrors_output_over_ssh_with_delete_and_dry_run(project, tmp_path, sshd):
    port, key = sshd
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "stale.html").write_text("old page")
    options = ["-i", str(key), "-o", "StrictHostKeyChecking=no",
               "-o", f"UserKnownHostsFile={tmp_path / 'known_hosts'}", "-o", "BatchMode=yes"]
    _set_deploy(project, repr({"rsync": {"target": f"root@127.0.0.1:{dest}/", "port": port,
                                         "ssh_options": options}}))
    before = tree_hash(str(dest))
    dry = invoke(project, "deploy", "--target", "rsync", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "*deleting" in dry.stdout and "index.html" in dry.stdout
    assert tree_hash(str(dest)) == before
    proc = invoke(project, "deploy", "--target", "rsync")
    assert proc.returncode == 0, proc.stderr
    assert tree_hash(str(dest)) == tree_hash(os.path.join(project, "output"))
    assert not (dest / "stale.html").exists()

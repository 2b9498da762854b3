"""Install what the test suite needs outside Python: Debian packages and the npm checkers."""

from __future__ import annotations

import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# command on PATH -> the Debian package that provides it
DEBIAN_PACKAGES = {
    "chromium": "chromium",
    "node": "nodejs",
    "npm": "npm",
    "java": "default-jre-headless",
    "nginx": "nginx",
    # invoke deploy and its loopback tests: rsync over SSH, ghp-import's git
    "sshd": "openssh-server",
    "rsync": "rsync",
    "ssh": "openssh-client",
    "git": "git",
}
# file the build needs -> the Debian package that provides it (the share cards' font)
DEBIAN_FILES = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf": "fonts-dejavu-core",
}


class SetupError(Exception):
    """A tool the tests need is missing and cannot be installed from here."""


def missing_packages() -> list[str]:
    """The Debian packages whose commands are not on PATH."""
    return sorted({pkg for cmd, pkg in DEBIAN_PACKAGES.items() if shutil.which(cmd) is None}
                  | {pkg for path, pkg in DEBIAN_FILES.items() if not os.path.exists(path)})


def ensure_debian_packages() -> None:
    """apt-get install the missing packages when root; otherwise say exactly what to install."""
    missing = missing_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        raise SetupError("The tests need these Debian packages: " + " ".join(missing) +
                         ". Install them with: sudo apt-get install -y " + " ".join(missing))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


def ensure_npm_packages() -> None:
    """Install the pinned npm checkers (axe-core, vnu-jar) from package-lock.json."""
    marker = os.path.join(ROOT, "node_modules", ".package-lock.json")
    lock = os.path.join(ROOT, "package-lock.json")
    if os.path.exists(marker) and os.path.getmtime(marker) >= os.path.getmtime(lock):
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def ensure_all() -> None:
    """Everything the browser and validator tests need."""
    ensure_debian_packages()
    ensure_npm_packages()

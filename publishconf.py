"""Production settings: pelicanconf plus the overrides a live site needs, nothing else."""

import os
import sys

# pelicanconf.py sits beside this file, wherever the build is run from.
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

# The live address; set NEWSDESK_SITEURL to build for another host (no trailing slash).
SITEURL = os.environ.get("NEWSDESK_SITEURL", "https://news.jordanssolicitors.co.uk")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
# The public site holds only what is published: no draft, scheduled or hidden article or page.
UNPUBLISHED = {"write": False}

# Where `invoke deploy --target rsync|gh-pages` sends output/ (see tools/deploy.py).
# rsync: over SSH with --delete; set the real host and folder before deploying.
DEPLOY = {
    "rsync": {"target": os.environ.get("NEWSDESK_RSYNC_TARGET", ""), "port": 22,
              "ssh_options": []},
    "gh_pages": {"remote": "origin", "branch": "gh-pages"},
}

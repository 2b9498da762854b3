"""Redirects: old URLs to new ones, from a data file editors can extend by hand. Pure.

data (read and check content/data/redirects.yml, with file:line errors; merge new entries
in), plan (resolve targets against what the build publishes), render (_redirects, the nginx
map and the HTML redirect pages).
"""

from ..errors import NewsdeskError


class RedirectsError(NewsdeskError):
    """A bad redirects data file: the message names the file and line and says what to do."""

"""Import a WordPress export (WXR) as Newsdesk content: pure modules, no Pelican objects.

wxr (read the export), mapping (the map file), shortcodes and body (HTML to clean Markdown),
strip (old CTAs and related lists), media (images from --media), links (old URLs: links
rewritten, category and tag redirects), manifest (re-import safety, the redirects file
merge; the file itself is newsdesk.redirects), authors, report, importer (puts them
together; tools/import_wordpress.py is the command).
"""

from ..errors import NewsdeskError


class WordPressError(NewsdeskError):
    """Bad export or map file: the message names the file (and line) and says what to do."""

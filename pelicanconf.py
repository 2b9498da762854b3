"""Site settings for the Jordans news and blog site (development build)."""

AUTHOR = "Jordans"
SITENAME = "Jordans News & Blog"
SITESUBTITLE = "News and guidance from Jordans solicitors"
SITEURL = ""
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# CTA copy and site data are read by the newsdesk plugin, never by Pelican's readers.
ARTICLE_EXCLUDES = ["ctas", "data", "pages"]
STATIC_PATHS = ["images"]

TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
LOCALE = ("en_GB.UTF-8", "C.UTF-8", "")
DEFAULT_DATE_FORMAT = "%-d %B %Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Explicit, so Pelican never auto-loads whatever pelican.plugins.* happens to be installed.
PLUGINS = ["newsdesk"]

# Every {{ value }} in the theme is escaped unless it is meant to be markup (article bodies,
# rendered CTA text, JSON-LD, and titles the plugin has sanitised): metadata renders as text.
# auto_reload off: a build compiles each template once, and Jinja would otherwise stat every
# included template file at every page (45,000 stats at 1,000 articles). The preview makes
# a new environment when the theme changes instead.
JINJA_ENVIRONMENT = {"autoescape": True, "auto_reload": False}

TYPOGRIFY = True
# widont glues the last two words with &nbsp;, which then leaks into <title>, meta tags and
# feeds as a non-breaking space; the other filters (caps, quotes, dashes) stay on.
TYPOGRIFY_OMIT_FILTERS = ["widont"]
SUMMARY_MAX_LENGTH = 40

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Clean, stable URLs that work on any static host.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
INDEX_SAVE_AS = "index.html"
INDEX_URL = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "search"]
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
TEMPLATE_PAGES = {}

# Feeds need absolute links; in development they point at the local preview server.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None

# Stable output: no build timestamps, caches used by serve/livereload.
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
# Future-dated articles are scheduled: Pelican treats them as drafts until their date.
WITH_FUTURE_DATES = False

# The practice areas shown in the navigation, in order (category names as editors write them).
PRACTICE_AREAS = [
    "Child Abuse Claims",
    "Sexual Abuse Claims",
    "Personal Injury",
    "Clinical Negligence",
    "Professional Negligence",
]

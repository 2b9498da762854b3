"""Newsdesk's settings: every default declared once, one namespaced dict per feature, checked early."""

from __future__ import annotations

import copy
import os

from .errors import NewsdeskError
from .legal.review import check_setting as _check_legal_review
from .related import DEFAULTS as RELATED_DEFAULTS

# Each feature has one setting. Keys not listed here are a mistake (a typo, most likely),
# so they are errors rather than silently ignored.
DEFAULTS: dict[str, dict] = {
    "RELATED_ARTICLES": {
        # The heading over the list, as on the firm's existing blog page.
        "heading": "Related Blog Articles",
        # Scoring weights, count and minimum score: see related.DEFAULTS.
        **RELATED_DEFAULTS,
    },
    "CONTACT": {
        # The firm's contact data file (YAML); relative paths are relative to PATH.
        "path": "data/contact.yml",
    },
    "CTA": {
        # Folder of CTA Markdown files; relative paths are relative to PATH.
        "path": "ctas",
        # Also place the article's CTA after this paragraph of long articles (0 = off).
        "inline_after_paragraph": 0,
    },
    "EXIT_THIS_PAGE": {
        "enabled": True,
        # Where the button sends the reader: a neutral, busy site.
        "url": "https://www.bbc.co.uk/weather",
        # Practice areas (category names) whose pages all show the button.
        "categories": ["Child Abuse Claims", "Sexual Abuse Claims"],
    },
    "UNPUBLISHED": {
        # Write drafts, scheduled and hidden articles and pages (marked, for preview).
        # publishconf.py sets False: the public site never holds them.
        "write": True,
    },
    "IMAGES": {
        # Widths made of article and page images and of featured images (never upscaled).
        # The article column is at most 42rem (672 px): 800 serves phones at 2x, 1600 desktops.
        "widths": [400, 800, 1200, 1600],
        # List cards show a 7rem (phones) or 12rem thumbnail: 1x to 2.5x of those.
        "card_widths": [160, 320, 480],
        # The theme's layout: the column is 100% of the viewport less 2rem, up to 42rem.
        "sizes": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
        "card_sizes": "(min-width: 40rem) 12rem, 7rem",
        # Served first, in this order, with the source's own format as the fallback.
        "formats": ["avif", "webp"],
        "jpeg_quality": 80,
        "webp_quality": 76,
        "avif_quality": 55,
        # Where resized files go in the output, and the cache ("" = CACHE_PATH/images).
        "output_path": "images/sized",
        "cache_path": "",
        # A generated 1200x630 PNG for articles with no featured image.
        "share_cards": True,
        "share_card_font": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        # `invoke check` warns about a featured image over this many bytes or under this width.
        "featured_max_bytes": 5_000_000,
        "featured_min_width": 1200,
    },
    "CHECK": {
        # The rules that hold for the firm's own site: every article in a practice area,
        # every internal link, image and slug resolving to one thing. `invoke build --content`
        # of another blog's posts turns them into warnings (its categories and links are that
        # site's); the build and `invoke check` apply the same rules either way.
        "site_rules": True,
    },
    "LEGAL_REVIEW": {
        # Months after its last review (or publication) that an article is due for review.
        "interval_months": 12,
        # Per practice area (category name): months, overriding interval_months.
        "by_category": {},
        # The authors file (people and team bylines); relative paths are relative to PATH.
        "authors_path": "data/authors.yml",
        # The "not legal advice" notice shown on every article (Markdown, editors' text).
        "notice_path": "data/not-advice.md",
        # "error": a byline naming no one in the authors file fails the build and the check;
        # "allow": it is shown as plain text (`invoke build --content` of other sites' posts).
        "unknown_authors": "error",
    },
    "BUILD": {
        # Processes that read articles and render and write pages (and compress, in
        # `invoke publish`): "auto" (the CPUs this build may use) or a whole number
        # (1 = one process). Needs Linux fork; elsewhere the build uses one.
        "workers": "auto",
    },
    "PUBLISH": {
        # `invoke publish` writes .gz and .br copies of text files. Brotli 5 is about 50x
        # faster than its slowest level 11, for pages about 15% larger (0.6 KB on an
        # article): a first publish of 1,000 articles takes seconds, not a minute.
        "brotli_quality": 5,
        # The .gz copy is the fallback for the few clients without brotli (every current
        # browser takes .br): gzip 4 takes 45% less time than 6 for 3% more bytes.
        "gzip_level": 4,
    },
    "REDIRECTS": {
        # The data file (YAML, old path: target); relative paths are relative to PATH.
        "path": "data/redirects.yml",
        # Files the build writes into the output folder ("" = do not write it).
        "netlify_file": "_redirects",
        "nginx_map_file": "nginx-redirects-map.conf",
        "nginx_server_file": "nginx-redirects.conf",
        # A small HTML page at each old path, for hosts without redirect rules (GitHub Pages).
        "html_pages": True,
        # Netlify serves an existing file (the HTML page) before a rule; 301! forces the rule.
        # Cloudflare Pages always applies the rule first, so it needs no force.
        "force": False,
    },
}

# Settings that are a single value rather than a dict.
SCALAR_DEFAULTS: dict[str, object] = {
    # Where the call-back form posts (a form service or the firm's handler). Empty: no form.
    "CALLBACK_FORM_ACTION": "",
}


def _check_type(name: str, key: str, value: object, default: object) -> None:
    if (name, key) == ("BUILD", "workers"):
        return  # "auto" or a number: checked by _check_workers
    # bool is an int subclass: treat it separately so "count: True" is caught.
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float))
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, (list, tuple))
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise NewsdeskError(
            f"setting {name}['{key}']: expected {type(default).__name__}, got "
            f"{type(value).__name__} ({value!r}). Fix it in pelicanconf.py.")


def merge(name: str, given: object, defaults: dict) -> dict:
    """Return `defaults` updated with the user's dict `given`, rejecting unknown keys and bad types."""
    if given is None:
        return copy.deepcopy(defaults)
    if not isinstance(given, dict):
        raise NewsdeskError(f"setting {name}: expected a dict of {', '.join(sorted(defaults))}, "
                            f"got {type(given).__name__}. Fix it in pelicanconf.py.")
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise NewsdeskError(f"setting {name}: unknown key(s) {', '.join(unknown)}; valid keys are "
                            f"{', '.join(sorted(defaults))}. Fix it in pelicanconf.py.")
    merged = copy.deepcopy(defaults)
    for key, value in given.items():
        _check_type(name, key, value, defaults[key])
        merged[key] = value
    return merged


def _check_callback_action(value: object) -> str:
    if not isinstance(value, str):
        raise NewsdeskError("setting CALLBACK_FORM_ACTION: expected a URL string (or '' for no form).")
    if value and not (value.startswith("https://") or value.startswith("/")):
        raise NewsdeskError(f"setting CALLBACK_FORM_ACTION: {value!r} must be an https:// URL or a "
                            "path on this site starting with '/', so call-back details are never "
                            "sent unencrypted.")
    return value


def _check_inline_after(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise NewsdeskError(f"setting CTA['inline_after_paragraph']: {value!r} must be a whole "
                            "number of paragraphs, 0 or more (0 = no inline CTA). Fix it in "
                            "pelicanconf.py.")


def data_path(settings: dict, name: str) -> str:
    """Where the data of setting `name` (CONTACT, CTA or REDIRECTS) lives: absolute, or under PATH."""
    return content_file(settings, (settings.get(name) or {}).get("path", DEFAULTS[name]["path"]))


def content_file(settings: dict, path: str) -> str:
    """`path` from a setting: absolute, or under PATH."""
    return path if os.path.isabs(path) else os.path.join(settings["PATH"], path)


def _check_images(conf: dict) -> None:
    for key in ("widths", "card_widths"):
        widths = conf[key]
        if not widths or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 8000
                                 for w in widths):
            raise NewsdeskError(f"setting IMAGES['{key}']: {widths!r} must be a non-empty list of "
                                "whole pixel widths from 16 to 8000. Fix it in pelicanconf.py.")
    unknown = [f for f in conf["formats"] if f not in ("avif", "webp")]
    if unknown:
        raise NewsdeskError(f"setting IMAGES['formats']: {unknown!r} unknown; use 'avif' and/or "
                            "'webp' (the source's own format is always served too).")
    for key in ("jpeg_quality", "webp_quality", "avif_quality"):
        if not 1 <= conf[key] <= 100:
            raise NewsdeskError(f"setting IMAGES['{key}']: {conf[key]!r} must be 1 to 100.")


def _check_redirects(conf: dict) -> None:
    for key in ("netlify_file", "nginx_map_file", "nginx_server_file"):
        name = conf[key]
        if name and (name != os.path.basename(name) or name in (".", "..")):
            raise NewsdeskError(f"setting REDIRECTS['{key}']: {name!r} must be a plain file "
                                "name (written at the top of the output folder), or '' for "
                                "none. Fix it in pelicanconf.py.")


def images_cache_path(settings: dict) -> str:
    """The image cache folder: IMAGES['cache_path'], or `images` inside Pelican's CACHE_PATH."""
    given = settings["IMAGES"]["cache_path"]
    base = os.path.dirname(os.path.abspath(settings.get("PATH", ".")))
    if not given:
        return os.path.join(settings.get("CACHE_PATH") or os.path.join(base, "cache"), "images")
    return given if os.path.isabs(given) else os.path.join(base, given)
def _check_unknown_authors(value: str) -> None:
    if value not in ("error", "allow"):
        raise NewsdeskError(f"setting LEGAL_REVIEW['unknown_authors']: {value!r} must be "
                            "'error' or 'allow'. Fix it in pelicanconf.py.")


def _check_workers(value: object) -> None:
    number = isinstance(value, int) and not isinstance(value, bool)
    if value != "auto" and not (number and 1 <= value <= 64):
        raise NewsdeskError(f"setting BUILD['workers']: {value!r} must be \"auto\" or a whole "
                            "number of processes from 1 to 64. Fix it in pelicanconf.py.")


def site_rules(settings: dict) -> bool:
    """CHECK["site_rules"]: False for another blog's posts (`--content`), else True."""
    return (settings.get("CHECK") or {}).get("site_rules", DEFAULTS["CHECK"]["site_rules"])


def _check_publish(conf: dict) -> None:
    for key, low, high in (("brotli_quality", 0, 11), ("gzip_level", 1, 9)):
        value = conf[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise NewsdeskError(f"setting PUBLISH['{key}']: {value!r} must be a whole number "
                                f"from {low} to {high}. Fix it in publishconf.py.")


def resolve(settings: dict) -> dict:
    """Check all Newsdesk settings in `settings` and return them merged with their defaults."""
    resolved = {name: merge(name, settings.get(name), d) for name, d in DEFAULTS.items()}
    _check_inline_after(resolved["CTA"]["inline_after_paragraph"])
    _check_images(resolved["IMAGES"])
    _check_redirects(resolved["REDIRECTS"])
    _check_publish(resolved["PUBLISH"])
    _check_legal_review(resolved["LEGAL_REVIEW"])
    _check_unknown_authors(resolved["LEGAL_REVIEW"]["unknown_authors"])
    _check_workers(resolved["BUILD"]["workers"])
    resolved["CALLBACK_FORM_ACTION"] = _check_callback_action(
        settings.get("CALLBACK_FORM_ACTION", SCALAR_DEFAULTS["CALLBACK_FORM_ACTION"]))
    return resolved

"""`invoke check`: read the content and data files and print the check's findings.

The rules live in plugins/newsdesk/check.py (pure); this runner only reads settings and files.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from tools import reading
from tools.build import ROOT, _content_overrides

from newsdesk import check as rules
from newsdesk.contact import load_contact
from newsdesk.cta import check_teams, load_ctas
from newsdesk.check_legal import Legal
from newsdesk.errors import NewsdeskError
from newsdesk.legal.authors import load_authors
from newsdesk.redirects import data as redirects_data, plan as redirects_plan
from newsdesk.settings import content_file, data_path, resolve

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


@dataclass
class Report:
    findings: list

    @property
    def errors(self) -> int:
        """How many findings are errors (any error fails the check)."""
        return sum(1 for f in self.findings if f.level == rules.ERROR)


def load_settings(settings_file: str = "publishconf.py", content: str | None = None) -> dict:
    """Pelican settings as a build would read them (production by default, for SITEURL)."""
    from pelican.settings import read_settings

    path = settings_file if os.path.isabs(settings_file) else os.path.join(ROOT, settings_file)
    overrides = _content_overrides(path, content) if content else {}
    return read_settings(path, override=overrides)


def _walk(base: str, folders: list, excludes: list) -> list[str]:
    """Markdown files under `folders` of `base`, relative to base, skipping excluded folders."""
    found = []
    for folder in folders:
        top = os.path.join(base, folder)
        for root, dirs, files in os.walk(top):
            rel_root = os.path.relpath(root, base)
            dirs[:] = sorted(d for d in dirs if d not in excludes
                             and os.path.normpath(os.path.join(rel_root, d)) not in excludes)
            found += [os.path.relpath(os.path.join(root, n), base).replace(os.sep, "/")
                      for n in sorted(files) if n.endswith(MARKDOWN)]
    return found


def _read(base: str, rel: str, kind: str, found: list) -> rules.Source:
    with open(os.path.join(base, rel), "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Pelican reads UTF-8 only and would skip the file; say where the first bad byte is.
        line = raw.count(b"\n", 0, exc.start) + 1
        found.append(rules.Finding(rel, line, rules.ERROR,
                                   f"not UTF-8 text (byte 0x{raw[exc.start]:02X} on this line); "
                                   "save the file as UTF-8 in your editor"))
        text = raw.decode("utf-8", errors="replace")
    return rules.Source(rel, text, kind)


def collect(settings: dict, found: list | None = None) -> list[rules.Source]:
    """Every article and page the build would read, as (path, text, kind).

    A file that is not UTF-8 adds a finding to `found` (when given) and is read with
    replacement characters, so its other mistakes are still reported."""
    found = [] if found is None else found
    base = settings["PATH"]
    pages = set(_walk(base, settings["PAGE_PATHS"], settings.get("PAGE_EXCLUDES", [])))
    articles = [p for p in _walk(base, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])
                if p not in pages]
    return ([_read(base, p, "article", found) for p in articles]
            + [_read(base, p, "page", found) for p in sorted(pages)])


def _static(settings: dict) -> set:
    base, found = settings["PATH"], set()
    for folder in settings.get("STATIC_PATHS") or []:
        for root, _dirs, files in os.walk(os.path.join(base, folder)):
            found |= {os.path.relpath(os.path.join(root, n), base).replace(os.sep, "/")
                      for n in files}
    return found


def _templates(settings: dict) -> frozenset:
    """Names (without .html) a `Template:` line may give: the theme's page templates."""
    folders = [os.path.join(settings["THEME"], "templates"),
               *(settings.get("THEME_TEMPLATES_OVERRIDES") or [])]
    return frozenset(name[:-5] for folder in folders if os.path.isdir(folder)
                     for name in os.listdir(folder) if name.endswith(".html"))


def _data(settings: dict) -> tuple[set, set, list]:
    """CTA keys, the contact data's phone numbers (E.164) and findings for bad settings or data.

    The same checks the build makes when it starts (adapter/site.py), each data file on its own
    so that both are reported."""
    try:
        settings = {**settings, **resolve(settings)}
    except NewsdeskError as exc:
        return set(), set(), [rules.data_finding(exc, "pelicanconf.py")]
    found, ctas, contact = [], {}, None
    cta_path, contact_path = data_path(settings, "CTA"), data_path(settings, "CONTACT")
    try:
        ctas = load_ctas(cta_path)
    except NewsdeskError as exc:
        found.append(rules.data_finding(exc, cta_path))
    try:
        contact = load_contact(contact_path)
    except NewsdeskError as exc:
        found.append(rules.data_finding(exc, contact_path))
    if ctas and contact:
        try:
            check_teams(ctas, set(contact.teams))
        except NewsdeskError as exc:
            found.append(rules.data_finding(exc, cta_path))
    phones = {t.phone.e164 for t in contact.teams.values()} if contact else set()
    return set(ctas), phones, found


def legal_context(settings: dict, now=None) -> Legal:
    """The authors file (read as the build reads it), LEGAL_REVIEW and today, for the check."""
    settings = {**settings, **resolve(settings)}
    legal = settings["LEGAL_REVIEW"]
    directory = load_authors(content_file(settings, legal["authors_path"]), settings["PATH"],
                             settings.get("PRACTICE_AREAS") or ())
    now = now or dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    return Legal(directory=directory, conf=legal, site_author=str(settings.get("AUTHOR") or ""),
                 today=now.date())


def _legal(settings: dict, now) -> tuple[Legal | None, list]:
    try:
        return legal_context(settings, now), []
    except NewsdeskError as exc:
        # Bad settings are reported once, by _data.
        if str(exc).startswith("setting "):
            return None, []
        return None, [rules.data_finding(exc, settings["LEGAL_REVIEW"]["authors_path"]
                                         if "LEGAL_REVIEW" in settings else "authors.yml")]


def _redirects(settings: dict, sources: list, static: set) -> list:
    """The redirects data file's errors, as the build reports them (file:line)."""
    try:
        path = data_path({**settings, **resolve(settings)}, "REDIRECTS")
        entries = redirects_data.load(path)
    except NewsdeskError as exc:
        # Bad settings are reported once, by _data.
        return [] if str(exc).startswith("setting ") else [rules.data_finding(exc, "redirects")]
    site = redirects_plan.Site(sources={s.path for s in sources}, static=static)
    return [rules.data_finding(NewsdeskError(message), path)
            for message in redirects_plan.missing(entries, site, path)]


def rule_report(settings: dict, now=None) -> Report:
    """The content rules over every content and data file (the build refuses their errors)."""
    ctas, phones, data_found = _data(settings)
    legal, legal_found = _legal(settings, now)
    encoding: list = []
    sources, static = collect(settings, encoding), _static(settings)
    data_found += legal_found + _redirects(settings, sources, static)
    found = encoding + rules.check_site(sources, settings, ctas, phones, static, now, legal,
                                        _templates(settings))
    prefix = os.path.relpath(settings["PATH"], ROOT)
    # Show paths an editor can open from the project folder (content/articles/...).
    shown = [f if os.path.isabs(f.path) or f.path.startswith(prefix + "/")
             else replace(f, path=os.path.join(prefix, f.path).replace(os.sep, "/"))
             for f in found]
    return Report([_shown(f) for f in data_found] + shown)


def _shown(finding: rules.Finding) -> rules.Finding:
    """The finding with an absolute path shown relative to the project folder."""
    if not os.path.isabs(finding.path):
        return finding
    return replace(finding, path=os.path.relpath(finding.path, ROOT))


def run(settings: dict, now=None) -> Report:
    """The content rules, then the build's own reading of every file (Pelican and the plugin).

    A reading error in a file the rules already fault is left out: the rules say more (the
    line, and what to do), and the build stops on them before reading anything."""
    report = rule_report(settings, now)
    errors = [f for f in report.findings if f.level == rules.ERROR]
    faulted = {f.path for f in errors}

    def said(found: rules.Finding) -> bool:
        # The same error met again by the reading (a bad setting stops the plugin loading).
        return found.path in faulted or any(e.message in found.message for e in errors)

    read = [f for f in map(_shown, reading.pelican_findings(settings)) if not said(f)]
    return Report(report.findings + list(dict.fromkeys(read)))


def main(settings_file: str = "publishconf.py", content: str | None = None, out=None) -> int:
    """Print each finding and a one-line tally; return 1 when there is any error."""
    out = out or sys.stdout
    report = run(load_settings(settings_file, content))
    for finding in report.findings:
        print(finding.format(), file=out)
    levels = [f.level for f in report.findings]
    print(f"Newsdesk check: {levels.count('error')} errors, {levels.count('warning')} warnings, "
          f"{levels.count('info')} notes", file=out)
    return 1 if report.errors else 0

"""Invoke tasks for Newsdesk (names follow pelican-quickstart). Run `invoke --list`."""

from __future__ import annotations

import os
import shlex
import shutil
import sys

from invoke import task
from invoke.exceptions import Exit

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)

from tools import build as site_build  # noqa: E402
from tools import setup as test_setup  # noqa: E402

OUTPUT = os.path.join(ROOT, "output")
HOST, PORT = "127.0.0.1", 8000


def _build(settings_file: str, output: str, content: str | None = None,
           overrides: dict | None = None) -> site_build.BuildResult:
    try:
        return site_build.build(settings_file, output, overrides=overrides, content=content)
    except site_build.BuildError as exc:
        raise Exit(f"Build failed: {exc}", code=1) from exc


def _asked_for_help(c, name: str, positional: str) -> bool:
    # invoke hands `invoke TASK --help` to a task's positional argument as its value.
    if positional not in ("-h", "--help"):
        return False
    c.run(f"{sys.executable} -m invoke --help {name}", pty=False)
    return True


@task
def clean(c):
    """Remove the generated site (output/)."""
    if os.path.isdir(OUTPUT):
        shutil.rmtree(OUTPUT)


@task(help={"content": "a folder of Markdown articles to build instead of content/",
            "output": "where to write the site (default output/)"})
def build(c, content=None, output=OUTPUT):
    """Build the site with the development settings (pelicanconf.py)."""
    _build("pelicanconf.py", output, content=content)


@task(clean)
def rebuild(c):
    """Clean, then build."""
    _build("pelicanconf.py", OUTPUT)


@task
def serve(c, port=PORT):
    """Serve output/ at http://127.0.0.1:8000 (no rebuilding; see livereload)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    RootedHTTPServer.allow_reuse_address = True
    server = RootedHTTPServer(OUTPUT, (HOST, int(port)), ComplexHTTPRequestHandler)
    print(f"Serving {OUTPUT} at http://{HOST}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"port": "port on 127.0.0.1 (default 8000)",
            "content": "a folder of Markdown articles to preview instead of content/"})
def livereload(c, port=PORT, content=None):
    """Build, serve at http://127.0.0.1:8000 and keep it up to date as you edit (the preview)."""
    from tools import preview as site_preview

    try:
        site_preview.serve(os.path.join(ROOT, "pelicanconf.py"), OUTPUT, HOST, int(port),
                           content=content)
    except site_build.BuildError as exc:
        raise Exit(f"Preview failed: {exc}", code=1) from exc


@task
def preview(c):
    """Build with the production settings (publishconf.py) into output/."""
    _build("publishconf.py", OUTPUT)


@task(help={"output": "where the site goes (default output/)"})
def publish(c, output=OUTPUT):
    """Production build into a fresh folder, check, precompress, then swap it into output/."""
    from tools import publish as site_publish

    try:
        path = site_publish.publish(output)
    except site_publish.PublishError as exc:
        raise Exit(f"Publish failed; {os.path.relpath(output)} is unchanged. {exc}", code=1) from exc
    print(f"Published to {path}")


@task(positional=["title"], help={"title": "the article's title", "category":
            "its practice area (one of PRACTICE_AREAS)", "tags": "comma-separated tags"})
def new(c, title, category=None, tags=None):
    """Start an article: content/articles/<area>/<slug>.md with complete front matter."""
    from tools import check as content_check
    from tools import new as new_article

    if _asked_for_help(c, "new", title):
        return
    if not category:
        raise Exit('invoke new: give the practice area, e.g. --category "Personal Injury"', code=2)

    try:
        path = new_article.create(title, category, tags, content_check.load_settings("pelicanconf.py"))
    except new_article.NewArticleError as exc:
        raise Exit(f"invoke new: {exc}", code=1) from exc
    print(os.path.relpath(path, os.getcwd()))


@task(help={"content": "a folder of Markdown articles to check instead of content/",
            "settings": "settings file (default publishconf.py, for the live SITEURL)"})
def check(c, content=None, settings="publishconf.py"):
    """Lint content and data: print `path:line: error|warning|info: message`; exit 1 on errors."""
    from tools import check as content_check

    code = content_check.main(settings, content)
    if code:
        raise Exit(code=code)


@task(name="review-due",
      help={"within": "also list articles due within this many days (30d) or weeks (4w)",
            "json": "also write the list to this JSON file",
            "content": "a folder of Markdown articles instead of content/"})
def review_due(c, within="0", json=None, content=None):
    """List articles overdue for a solicitor's review (or due soon), oldest first."""
    from tools import review_due as queue

    code = queue.main(within, json, content=content)
    if code:
        raise Exit(code=code)


@task(help={"target": "rsync or gh-pages", "dry_run": "show what would change; change nothing",
            "output": "the site to deploy (default output/)"})
def deploy(c, target, dry_run=False, output=OUTPUT):
    """Deploy output/ with rsync over SSH or to a gh-pages branch, as DEPLOY in publishconf.py says."""
    from tools import check as content_check
    from tools import deploy as site_deploy

    setting = content_check.load_settings("publishconf.py").get("DEPLOY")
    try:
        print(site_deploy.deploy(target, output, setting, ROOT, dry_run=dry_run))
    except site_deploy.DeployError as exc:
        raise Exit(f"Deploy failed: {exc}", code=1) from exc


@task(help={"reports": "folder for the Lighthouse JSON reports (default out-lighthouse/)"})
def audit(c, reports=os.path.join(ROOT, "out-lighthouse")):
    """Lighthouse (mobile) on the home page and the model article of the production build."""
    from tools import audit as lighthouse

    try:
        lighthouse.audit(reports)
    except site_build.BuildError as exc:
        raise Exit(f"Build failed: {exc}", code=1) from exc
    print(f"JSON reports in {reports}")


@task(help={"k": "only run tests matching this expression", "setup": "install test tools first"})
def test(c, k=None, setup=True):
    """Install what the tests need (Chromium, npm checkers) and run the whole suite."""
    if setup:
        try:
            test_setup.ensure_all()
        except test_setup.SetupError as exc:
            raise Exit(str(exc), code=2) from exc
    args = [sys.executable, "-m", "pytest"] + (["-k", k] if k else [])
    c.run(shlex.join(args), pty=False)  # quoted: -k "a and b" stays one argument


@task(positional=["slug"], help={"slug": "the article to explain, or --all for every list",
                                 "count": "how many to show (default: the setting)",
                                 "json": "write the lists with scores to this file",
                                 "content": "a folder of Markdown articles instead of content/"})
def related(c, slug, count=None, json=None, content=None):
    """Explain related articles: `invoke related SLUG` or `invoke related --all --json FILE`."""
    from tools import explain

    if _asked_for_help(c, "related", slug):
        return
    generator = explain.read_articles(content=content)
    # `--all` arrives as the slug: invoke's positional arguments are always required, so an
    # `--all` flag could never be given without a slug. No slug starts with "--".
    if slug == "--all":
        lists = explain.all_lists(generator)
        if json:
            explain.write_json(lists, json)
            print(f"Wrote {len(lists)} related lists to {json}")
        else:
            for key, rows in lists.items():
                print(explain.format_explanation(key, rows), end="\n\n")
        return
    n = int(count or generator.settings["RELATED_ARTICLES"]["count"])
    try:
        rows = explain.explain(generator, slug, n)
    except KeyError as exc:
        raise Exit(str(exc), code=1) from exc
    if json:
        explain.write_json({slug: rows}, json)
    print(explain.format_explanation(slug, rows))


@task(name="evaluate-related",
      help={"corpus": "folder of posts", "links": "TSV of author links (source, target)",
            "json": "also write the figures to this file"})
def evaluate_related(c, corpus, links, json=None):
    """Measure related lists against links authors wrote (hit@5, recall@5 vs tag-only)."""
    from newsdesk import evaluate

    argv = ["--corpus", corpus, "--links", links] + (["--json", json] if json else [])
    code = evaluate.main(argv)
    if code:
        raise Exit(code=code)


@task(help={"sizes": "comma-separated article counts (default 1000,10000)",
            "seed": "random seed for the synthetic articles",
            "repeats": "rounds per size, each building the anchor and Newsdesk's full build "
                       "back to back, and the plugin off and on (default 5); the tables give "
                       "medians",
            "part": "all (default), anchor (plain Pelican vs Newsdesk's full build only) or "
                    "plugin (plugin off vs on, related lists, check, rebuilds only)",
            "json": "also write figures here",
            "images": "instead, the image benchmark: N articles built without images, then "
                      "with N synthetic 3000x2000 photos, cold and warm (e.g. --images 200)",
            "import_only": "only time `invoke import-wordpress` on 1,000 synthetic posts",
            "preview": "instead, the preview benchmark at these article counts (e.g. "
                       "--preview 1000,5000): save-to-page times of 12 edits, and the edit "
                       "script checked against full builds at up to 1,000"})
def bench(c, sizes="1000,10000", seed=20261128, repeats=5, json=None, images=0,
          import_only=False, part="all", preview=""):
    """Benchmark Newsdesk against plain Pelican, the plugin off and on, the preview."""
    import json as jsonlib
    import tempfile

    from tools import bench as benchmark
    from tools import bench_anchor

    if preview:
        from tools import bench_preview

        print(bench_preview.HEADER)
        rows = []
        for size in preview.split(","):
            rows.append(bench_preview.run(int(size), int(seed)))
            print(bench_preview.format_row(rows[-1]), flush=True)
        if json:
            with open(json, "w", encoding="utf-8") as handle:
                jsonlib.dump(rows, handle, indent=2)
        return
    if import_only:
        from tools import bench_import

        print(bench_import.run())
        return

    if int(images) > 0:
        with tempfile.TemporaryDirectory(prefix="newsdesk-bench-images-") as tmp:
            row = benchmark.run_images(tmp, int(images), int(images), int(seed))
        print(f"{row['articles']} articles, {row['photos']} photos: without images "
              f"{row['without']:.2f} s; with images cold {row['cold']:.2f} s, warm "
              f"{row['warm']:.2f} s ({row['warm_ratio']:.3f}x without)")
        if json:
            with open(json, "w", encoding="utf-8") as handle:
                jsonlib.dump(row, handle, indent=2)
        return
    if int(repeats) < 1:
        raise Exit("invoke bench: --repeats must be 1 or more.", code=2)
    if part not in benchmark.PARTS:
        raise Exit(f"invoke bench: --part must be one of {', '.join(benchmark.PARTS)}.", code=2)
    try:
        rows = benchmark.run([int(s) for s in sizes.split(",")], int(seed), int(repeats), part)
    except bench_anchor.AnchorError as exc:
        raise Exit(f"invoke bench: {exc}", code=1) from exc
    if json:
        with open(json, "w", encoding="utf-8") as handle:
            jsonlib.dump(rows, handle, indent=2)


@task(name="import-wordpress", positional=["export"],
      help={"export": "the WordPress export (WXR .xml)", "map": "the map file (YAML)",
            "media": "a copy of wp-content/uploads: the images the posts use are copied from it",
            "dry_run": "write nothing but the report",
            "content": "the content folder to import into (default content/)",
            "report": "where to write the Markdown report"})
def import_wordpress(c, export, map=None, media=None, dry_run=False,
                     content=os.path.join(ROOT, "content"),
                     report="wordpress-import-report.md"):
    """Import a WordPress export: posts to content/articles/<area>/, pages to content/pages/."""
    from newsdesk.wordpress import WordPressError
    from tools import import_wordpress as wp

    try:
        result = wp.run(export, map, content, dry_run, report, media)
    except WordPressError as exc:
        raise Exit(f"invoke import-wordpress: {exc}", code=1) from exc
    print(result.summary())
    print(f"Full report: {report}")

"""When a publish starts Pagefind: once every share has written its articles and pages."""

from __future__ import annotations

import os

import pytest
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from newsdesk.adapter import search_start


class _Static:
    def __init__(self, source_path: str) -> None:
        self.source_path = source_path


def _generator(cls, settings: dict, context: dict):
    # Only what the module reads: settings, context and (for articles) generate_articles.
    generator = cls.__new__(cls)
    generator.settings, generator.context = settings, context
    return generator


def _site(statics=(), template_pages=None):
    started: list[str] = []
    settings = {search_start.SEARCH_START: lambda: started.append("pagefind"),
                "TEMPLATE_PAGES": template_pages or {}}
    context = {"staticfiles": [_Static(p) for p in statics]}
    articles = _generator(ArticlesGenerator, settings, context)
    pages = _generator(PagesGenerator, settings, context)
    static = _generator(StaticGenerator, settings, context)
    return started, settings, [articles, pages, static]


def test_the_shares_write_the_pages_pass_first_and_keep_the_rest_in_order():
    _started, _settings, (articles, pages, static) = _site()
    assert search_start.bodies_first([articles, pages, static]) == [pages, articles, static]
    assert search_start.bodies_first([static, articles]) == [static, articles]


def test_pagefind_starts_once_every_share_has_written_its_articles():
    started, settings, generators = _site()
    articles = generators[0]
    written: list[str] = []
    articles.generate_articles = lambda write: written.append("articles")  # Pelican's pass
    bodies = search_start.Bodies(2, generators)
    bodies.after_articles(articles, 0)
    assert not bodies.start_if_done()  # no share has written its articles yet
    articles.generate_articles(print)
    assert written == ["articles"] and not bodies.all_done()
    assert not bodies.start_if_done() and started == []  # share 1 is still writing
    open(os.path.join(bodies.folder, "1"), "w").close()  # what share 1's own wrapper does
    assert bodies.start_if_done() and started == ["pagefind"]
    assert search_start.SEARCH_START not in settings
    bodies.start_if_done()
    assert started == ["pagefind"]  # once only
    bodies.forget()
    assert "generate_articles" not in vars(articles) and not os.path.exists(bodies.folder)


def test_the_share_that_finishes_first_is_told_by_its_own_pass():
    _started, _settings, generators = _site()
    articles = generators[0]
    articles.generate_articles = lambda write: None
    told: list[int] = []
    bodies = search_start.Bodies(1, generators)
    bodies.after_articles(articles, 0, then=lambda: told.append(0))
    articles.generate_articles(print)
    assert told == [0] and bodies.all_done()
    bodies.forget()


@pytest.mark.parametrize("statics, template_pages", [
    (["images/extra.html"], None),
    (["images/old.htm"], None),
    ([], {"offline.html": "offline.html"}),
])
def test_pagefind_waits_for_the_build_when_html_comes_after_the_pages(statics, template_pages):
    started, settings, generators = _site(statics, template_pages)
    search_start.start(generators[0])
    assert started == []  # the publish starts it once the build is done
    assert search_start.SEARCH_START not in settings


def test_without_html_later_it_starts_at_once_and_images_do_not_count():
    started, _settings, generators = _site(["images/photo.jpg", "images/plan.pdf"])
    search_start.start(generators[0])
    assert started == ["pagefind"]


def test_one_process_starts_it_after_the_pages_pass_but_a_share_never_does():
    class Share:
        def owns(self, name: str) -> bool:
            return True

    started, _settings, generators = _site()
    search_start.on_page_writer_finalized(generators[1], writer=Share())
    assert started == []
    search_start.on_page_writer_finalized(generators[1], writer=object())
    assert started == ["pagefind"]

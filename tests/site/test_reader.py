"""The Markdown reader reuses one Markdown instance: nothing may leak from one file to the next."""

import copy

import pytest
from pelican.settings import DEFAULT_CONFIG

from newsdesk.adapter.reading import FrontMatterMarkdownReader

FIRST = """Title: First
Date: 2026-01-01

HTML matters.[^note]

*[HTML]: Hyper Text Markup Language

[^note]: A footnote only the first article has.
"""

SECOND_PELICAN = """Title: Second
Date: 2026-01-02
Tags: a, b

HTML again, with no footnotes and no abbreviations of its own.
"""

SECOND_YAML = """---
title: Second
date: 2026-01-02
tags: [a, b]
---
Note: this first line is text, not metadata.

HTML again, with no footnotes and no abbreviations of its own.
"""


@pytest.fixture
def reader():
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["MARKDOWN"] = {"extension_configs": {"markdown.extensions.extra": {}},
                            "output_format": "html5"}
    return FrontMatterMarkdownReader(settings)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("second", [SECOND_PELICAN, SECOND_YAML], ids=["key-value", "yaml"])
def test_second_file_starts_clean(reader, tmp_path, second):
    content, meta = reader.read(_write(tmp_path, "first.md", FIRST))
    assert 'class="footnote"' in content and "<abbr" in content
    # No summary here: Pelican resets the instance itself before rendering one, which
    # would hide a missing reset between files.
    assert "summary" not in meta

    content, meta = reader.read(_write(tmp_path, "second.md", second))
    assert 'class="footnote"' not in content and "<abbr" not in content
    assert meta["title"] == "Second"
    assert [str(t) for t in meta["tags"]] == ["a", "b"]
    assert "summary" not in meta


def test_yaml_then_key_value_reads_the_header_again(reader, tmp_path):
    """After a YAML file (whose body skips the `Key: value` reader), headers are read again."""
    content, _ = reader.read(_write(tmp_path, "yaml.md", SECOND_YAML))
    assert "Note: this first line is text" in content
    content, meta = reader.read(_write(tmp_path, "first.md", FIRST))
    assert meta["title"] == "First" and "Title:" not in content

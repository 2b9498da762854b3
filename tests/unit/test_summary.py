"""The build summary line and the output size it reports."""

import pytest

from newsdesk.summary import folder_size, format_summary, human_bytes


def test_folder_size_counts_files_in_nested_folders(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_bytes(b"x" * 100)
    (tmp_path / "a" / "one.css").write_bytes(b"y" * 20)
    (tmp_path / "a" / "b" / "two.js").write_bytes(b"z" * 3)
    assert folder_size(str(tmp_path)) == 123


@pytest.mark.parametrize("size, text", [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KB"),
                                        (1536, "1.5 KB"), (5 * 2**20, "5.0 MB")])
def test_human_bytes(size, text):
    assert human_bytes(size) == text


def test_summary_names_every_count_size_and_time():
    line = format_summary({"articles": 23, "pages": 6, "drafts": 1, "scheduled": 2,
                           "hidden": 0, "skipped": 0}, 1536, 0.4321)
    assert line == ("Newsdesk build: 23 articles, 6 pages, 1 drafts, 2 scheduled, 0 hidden, "
                    "0 skipped; output 1.5 KB; 0.43 s")

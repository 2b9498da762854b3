"""The fork-based share runner and the BUILD setting."""

from __future__ import annotations

import logging
import os
import zlib

import pytest

from newsdesk.build import ShareError, owner, run_shares, worker_count
from newsdesk.errors import NewsdeskError
from newsdesk.settings import resolve


@pytest.mark.parametrize("count", [1, 2, 3])
def test_each_share_runs_once_in_its_own_process(count):
    results = run_shares(count, lambda share: (share, os.getpid()))
    assert [share for share, _pid in results] == list(range(count))
    assert results[0][1] == os.getpid()
    assert len({pid for _share, pid in results}) == count


def _fail_in_child(share):
    if share == 1:
        # A plain logger under root (Pelican's fatal logger class, once set, would raise).
        plain = logging.Logger("plain")
        plain.parent = logging.getLogger()
        plain.error("theme/article.html: bad filter")
        raise ValueError("cannot render tag/x/index.html")
    return share


def _die_in_child(share):
    if share == 1:
        os._exit(3)
    return share


@pytest.mark.parametrize("work, expected", [
    (_fail_in_child, r"ValueError: cannot render tag/x/index.html \(theme/article.html: bad "
                     r"filter\)(.|\n)*build worker 1"),
    (_die_in_child, r"build worker 1 died without a report \(exit status 3\)"),
])
def test_a_failing_child_fails_the_run_and_says_why(work, expected):
    with pytest.raises(ShareError, match=expected):
        run_shares(2, work)


def test_a_failing_parent_share_stops_the_children(tmp_path):
    marker = tmp_path / "late"

    def work(share):
        if share == 0:
            raise KeyError("parent share")
        import time
        time.sleep(2)
        marker.write_text("child went on")  # never reached: the child is stopped
        return share

    with pytest.raises(KeyError, match="parent share"):
        run_shares(2, work)
    import time
    time.sleep(2.5)
    assert not marker.exists()


@pytest.mark.parametrize("name, count", [("tag/x/index.html", 2), ("a/b/index.html", 3),
                                         ("feeds/all.atom.xml", 2)])
def test_owner_is_the_path_checksum_modulo_the_count(name, count):
    assert owner(name, count) == zlib.crc32(name.encode()) % count
    assert owner("./" + name, count) == owner(name, count)  # one path, one owner


def test_auto_is_the_cpus_this_process_may_use():
    assert worker_count("auto") == len(os.sched_getaffinity(0))
    assert worker_count(3) == 3


@pytest.mark.parametrize("given", ["auto", 1, 2, 64])
def test_good_build_settings(given):
    assert resolve({"PATH": "content", "BUILD": {"workers": given}})["BUILD"]["workers"] == given


def test_build_workers_default_to_auto():
    assert resolve({"PATH": "content"})["BUILD"] == {"workers": "auto"}


@pytest.mark.parametrize("given, message", [
    ({"workers": 0}, r"BUILD\['workers'\]: 0 must be \"auto\" or a whole number"),
    ({"workers": "2"}, r"BUILD\['workers'\]: '2'"),
    ({"workers": True}, r"BUILD\['workers'\]: True"),
    ({"workers": 1.5}, r"BUILD\['workers'\]: 1.5"),
    ({"processes": 2}, r"setting BUILD: unknown key"),
])
def test_bad_build_settings_name_the_setting(given, message):
    with pytest.raises(NewsdeskError, match=message):
        resolve({"PATH": "content", "BUILD": given})

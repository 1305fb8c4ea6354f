"""Two builds of one commit give the same pages. Lessons 02 and 04 get fake data from ``seed`` (02's
notebook seeds rows, 04's stage seeds its comments); with a fixed seed, each notebook executed twice
on fresh copies gives byte-identical page sources once normalised, so Sphinx's HTML differs only by
what Sphinx itself stamps."""

import difflib

import nbformat
import pytest

from course.site.execute import EXECUTED_ENV, execute_stage
from course.site.normalize import normalize
from course.stages import resolve


@pytest.mark.parametrize("name", ["02_rest_json", "04_one_to_many"])
def test_two_executions_give_the_same_page(name, tmp_path, monkeypatch):
    monkeypatch.delenv(
        EXECUTED_ENV, raising=False
    )  # both really executed, none kept from the suite
    pages = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        items = execute_stage(resolve(name), folder)
        pages.append("\n".join(nbformat.writes(normalize(item)) for item in items))
    changed = list(difflib.unified_diff(*(p.splitlines() for p in pages), lineterm="", n=1))
    assert not changed, "\n".join(changed[:40])

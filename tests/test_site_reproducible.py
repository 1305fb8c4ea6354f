"""Two builds of one commit give the same pages. Lessons 02 and 04 get fake data from ``seed`` (02's
notebook seeds rows, 04's stage seeds its comments); with a fixed seed, each notebook executed twice
on fresh copies (once by the suite's own notebook tests when they ran first, as a build in the
suite reuses them) gives byte-identical page sources once normalised, so Sphinx's HTML differs only
by what Sphinx itself stamps."""

import difflib

import nbformat
import pytest

from course.site.execute import EXECUTED_ENV, execute_stage
from course.site.normalize import normalize
from course.stages import resolve

# On the site's worker, after tests/test_stages.py: the first execution is the one it kept.
pytestmark = pytest.mark.xdist_group("site")


@pytest.mark.parametrize("name", ["02_rest_json", "04_one_to_many"])
def test_two_executions_give_the_same_page(name, tmp_path, monkeypatch):
    """The first as a build in the suite gets it (the notebooks tests/test_stages.py executed and
    kept, which run before it on the site's worker; executed here when run alone), the second
    executed here on a fresh copy."""
    pages = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        items = execute_stage(resolve(name), folder)
        pages.append("\n".join(nbformat.writes(normalize(item)) for item in items))
        monkeypatch.delenv(EXECUTED_ENV, raising=False)  # the second really executed
    changed = list(difflib.unified_diff(*(p.splitlines() for p in pages), lineterm="", n=1))
    assert not changed, "\n".join(changed[:40])

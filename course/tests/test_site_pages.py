"""The course site's page generation, without building it: links, normalised outputs, pages.

The whole build, read in a browser, is tests/test_site.py.
"""

import base64
import json
import re

from course import site
from course.stages import resolve


def test_links_point_at_site_pages():
    text = (
        "[`lessons/04_one_to_many`](lessons/04_one_to_many/) "
        "[nb](lessons/04_one_to_many/lesson.ipynb) [start](notebooks/00_start_here.ipynb) "
        "[how](CONTRIBUTING.md) [code](lessons/04_one_to_many/articles/views.py) "
        "[out](tests/conftest.py) [web](https://www.django-rest-framework.org/) [here](#layout)"
    )
    out = site.rewrite_links(text, "")
    assert "[`lessons/04_one_to_many`](/lessons/04_one_to_many/index.md)" in out
    assert "[nb](/lessons/04_one_to_many/lesson.ipynb)" in out
    assert "[start](/notebooks/00_start_here.ipynb)" in out
    assert "[how](/contributing.md)" in out
    assert "[code](/lessons/04_one_to_many/files.md)" in out
    assert " out " in out  # not on the site: the text stays, the link goes
    assert "[web](https://www.django-rest-framework.org/)" in out
    assert "[here](#layout)" in out


def test_links_from_inside_a_stage_resolve_from_its_folder():
    out = site.rewrite_links(
        "[prev](../03_serializers/) [models](articles/models.py)", "lessons/04_one_to_many"
    )
    assert (
        out == "[prev](/lessons/03_serializers/index.md) [models](/lessons/04_one_to_many/files.md)"
    )


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_outputs_lose_ports_tokens_times_and_paths_but_keep_their_sense():
    jwt = f"{_b64({'alg': 'HS256'})}.{_b64({'exp': 1795945618, 'iat': 1795945616})}.UyXJjs5YM29NjM17ogfaERfJMKmJpoOipEZlpqV3nxc"
    text = (
        f"http://127.0.0.1:45123/api/ and the client on http://127.0.0.1:8080/\n"
        f"Token 3f9a1c2be4d5f60718293a4b5c6d7e8f90a1b2c3\n"
        f"Date: Sun, 29 Nov 2026 09:34:13 GMT\n"
        f"before 2026-11-29T09:41:17.936692+00:00 after 2026-11-29T09:41:17.936000+00:00\n"
        f"{jwt}\n/work/somewhere/lessons/04_one_to_many/db.sqlite3 /tmp/lesson05-l_d8xsgh/all.json\n"
    )
    out = site.normalize_text(
        text, {"/work/somewhere/lessons/04_one_to_many": "lessons/04_one_to_many"}
    )
    assert "127.0.0.1:8000/api/" in out and "127.0.0.1:8080/" in out  # 8080 is named on purpose
    assert f"Token {site.FIXED_TOKEN}" in out
    assert "Date: Mon, 02 Mar 2026 09:00:00 GMT" in out
    assert "2026-03-02T09:00:00.123456+00:00" in out and "2026-03-02T09:00:00.123000+00:00" in out
    assert "lessons/04_one_to_many/db.sqlite3" in out and "/work/somewhere" not in out
    assert "/tmp/scratch/all.json" in out
    token = re.search(r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+", out).group(0)
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert payload["exp"] - payload["iat"] == 2 and payload["iat"] == site.EPOCH
    assert site.normalize_text(out, {}) == out  # normalising twice changes nothing


def test_lesson_page_has_the_open_this_lesson_box():
    stage = resolve("04")
    page = site.stage_index(stage, ["lesson.ipynb"])
    assert page.startswith("# Lesson 04")
    assert "python -m course lab 04" in page
    assert "(/lessons/04_one_to_many/files.md)" in page
    assert "Notebook: lesson.ipynb <lesson>" in page


def test_diff_page_has_a_section_per_changed_file():
    page = site.diff_page(resolve("04"))
    assert "python -m course diff 03 04" in page
    assert "## `articles/models.py`" in page
    assert "+class Comment" in page
    assert page.index("## `articles/models.py`") < page.index("## `README.md`")  # the README last


def test_fences_survive_backticks_inside():
    body = "```python\nprint(1)\n```"
    assert site.fence(body, "diff").startswith("````diff\n")

"""Each stage README's route table against the stage's real URLconf and views, so they cannot drift.

A README's "## Routes" table names requests in its first column (```GET /api/v1/articles/<pk>/```,
```PUT` / `DELETE /api/v1/comments/<pk>/```) and, from lesson 06 on, their permission classes in a
"permission" column. For every stage this test asserts:

- each request a table names (the stage's table and the tables of the stages before it, which
  "Everything of lesson NN" carries over) is served by the route the table names, not by a
  catch-all; a row that starts with "any" describes a catch-all and only has to resolve;
- a DRF view allows each method its row names (a row answered 405 names methods it must not allow);
- where the row names permission classes, the view's permission classes for that method are
  exactly those (``IsAuthenticatedOrReadOnly + IsAuthorOrReadOnly``);
- every route of the stage's ``articles`` app is named by some table up to this stage.

The stage's side comes from ``python -m course.routes``, run in the stage folder.
"""

import re

import pytest

from course.routes import normalize
from course.run import run_in_stage
from course.stages import lessons

STAGES = lessons()
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"}


def route_rows(readme: str) -> list[dict]:
    """The rows of the README's "## Routes" table: requests, permission text, whole first cell."""
    if "\n## Routes" not in readme:
        return []
    section = readme.split("\n## Routes", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip().lower() for cell in lines[0].strip("|").split("|")]
    permission = header.index("permission") if "permission" in header else None
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append(
            {
                "requests": requests_in(cells[0]),
                "permission": cells[permission] if permission is not None else "",
                "catch_all": cells[0].lower().startswith("any"),
                # a row answered "405" names methods the route must NOT have (lesson 06's "a method a
                # route does not have" row)
                "refused": "405" in cells[-1] and not re.search(r"\b20\d\b", cells[-1]),
            }
        )
    return rows


def requests_in(cell: str) -> list[tuple[str | None, str]]:
    """``(method, path)`` pairs a table cell names; method None for "any method"."""
    found, pending = [], []
    for chunk in re.findall(r"`([^`]+)`", cell):
        words = chunk.split()
        methods = [w for w in words if w in METHODS]
        paths = [w for w in words if w.startswith("/")]
        if not paths:
            pending += methods  # `PUT` / `DELETE /api/...`: methods before the path they go with
            continue
        path = paths[0].split("?", 1)[0]
        for method in (pending + methods) or [None]:
            found.append((method, path))
        pending = []
    return found


def with_slash(path: str) -> str:
    return path if path.endswith("/") else path + "/"  # `GET /articles`: APPEND_SLASH's 301


def concrete(path: str) -> str:
    return re.sub(r"<[^>]*>", "1", with_slash(path))


def stage_answers(stage, requests):
    asked = (f"{m or 'GET'} {concrete(p)}" for m, p in requests)
    return run_in_stage(stage, "course.routes", *asked, timeout=120)


@pytest.mark.parametrize("stage", STAGES, ids=[s.name for s in STAGES])
def test_readme_route_tables_match_the_urlconf_and_permissions(stage):
    earlier = [s for s in STAGES if s.number <= stage.number]
    rows = {s.name: route_rows((s.path / "README.md").read_text(encoding="utf-8")) for s in earlier}
    assert rows[stage.name], f"{stage.name}/README.md has no route table"
    requests = [r for table in rows.values() for row in table for r in row["requests"]]
    seen = stage_answers(stage, requests)
    answers = seen["answers"]

    problems, covered = [], set()
    for name, table in rows.items():
        for row in table:
            for method, path in row["requests"]:
                got = answers[f"{method or 'GET'} {concrete(path)}"]
                where = f"{name}/README.md `{method or 'any'} {path}`"
                if got["route"] is None:
                    problems.append(f"{where}: no route serves it in {stage.name}")
                    continue
                covered.add(got["route"])
                if not row["catch_all"] and got["route"] != normalize(with_slash(path)):
                    problems.append(f"{where}: served by {got['route']} instead")
                if got["methods"] is not None and method and row["refused"]:
                    if method in got["methods"]:
                        problems.append(f"{where}: the README says 405, the view allows it")
                    continue
                if got["methods"] is not None and method and method not in got["methods"]:
                    problems.append(f"{where}: the view allows only {got['methods']}")
                named = set(re.findall(r"[A-Z]\w+", row["permission"]))
                if (
                    name == stage.name
                    and named
                    and got["permissions"] is not None
                    and named != set(got["permissions"])
                ):
                    problems.append(
                        f"{where}: the README says {sorted(named)}, the view has "
                        f"{got['permissions']}"
                    )
    missing = [route for route in seen["routes"] if route not in covered]
    problems += [
        f"route {route} of {stage.name} is in no README table up to this stage" for route in missing
    ]
    assert not problems, "\n".join(problems)

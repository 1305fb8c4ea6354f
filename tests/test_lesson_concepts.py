"""A lesson's README and its notebooks teach the same concepts: every Korean term the README's
concept list gives beside an English one is used in the stage's notebooks too (lesson 06 on,
whose notebook comes in parts; the other lessons join when their concept lists are checked)."""

import json
import re

import pytest

from course.stages import resolve
from course.testing import stages_from

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def normalized(text: str) -> str:
    return " ".join(text.split())


def korean_terms(readme: str) -> set[str]:
    """The Korean parts of every "(...)" in the README's "## The concepts" section."""
    start = readme.index("## The concepts")
    end = readme.index("\n## ", start + 1)
    terms = set()
    for inside in re.findall(r"\(([^()]*)\)", readme[start:end]):
        for part in re.split(r"[,;]", inside):
            if HANGUL.search(part):
                terms.add(normalized(part))
    return terms


@pytest.mark.parametrize("name", stages_from("06"))
def test_every_korean_term_of_the_readme_is_in_the_notebooks(name):
    stage = resolve(name)
    terms = korean_terms((stage.path / "README.md").read_text(encoding="utf-8"))
    assert terms, "the README's concept list gives no Korean terms"
    text = normalized(
        " ".join(
            "".join(cell["source"])
            for nb in stage.notebooks
            for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]
        )
    )
    missing = sorted(term for term in terms if term not in text)
    assert not missing, f"in {name}/README.md's concepts but in none of its notebooks: {missing}"

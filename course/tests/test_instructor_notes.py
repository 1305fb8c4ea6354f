"""Each lesson's instructor's guide (INSTRUCTORS.md): its sections, its lesson plan, commands that
the course's CLI really accepts, exercises that exist; the instructor page; the class workflow."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from course import instructor_notes
from course.cli import build_parser
from course.exercises.catalog import exercises_of
from course.stages import ROOT, lessons


LESSONS = lessons()
SECTIONS = ("## Live demo", "## Where learners stumble", "## Exercises to give in class")


@pytest.mark.parametrize("stage", LESSONS, ids=[s.name for s in LESSONS])
def test_every_lesson_has_a_guide_with_its_sections_and_plan(stage):
    path = instructor_notes.guide(stage)
    assert path is not None, f"{stage.name} has no {instructor_notes.GUIDE}"
    text = path.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading in text, f"{stage.name}: {heading}"
    plan = instructor_notes.lesson_plan(stage)
    assert re.search(r"\| \d+ min \| \d+ min", plan), plan  # teaching and exercise minutes
    for part in ("Prerequisites", "Objectives", "Key points"):
        assert part in plan, f"{stage.name}: {part}"
    assert instructor_notes.METHOD in text  # how the plan's minutes were measured
    assert "INSTRUCTORS.md" in plan  # the README's plan points to the guide


@pytest.mark.parametrize("stage", LESSONS, ids=[s.name for s in LESSONS])
def test_the_guides_commands_are_ones_the_course_accepts(stage):
    text = instructor_notes.guide(stage).read_text(encoding="utf-8")
    commands = re.findall(r"python -m course ([^`\n#]+)", text)
    assert commands
    numbers = {str(e.number) for e in exercises_of(stage)}
    for command in commands:
        args = shlex.split(command.strip())
        parsed, _ = build_parser().parse_known_args(args)  # exits (fails the test) when unknown
        if parsed.command == "exercises" and getattr(parsed, "number", None):
            assert parsed.number in numbers, f"{stage.name}: no exercise {parsed.number}"


def test_the_instructor_page_holds_the_overview_and_every_guide():
    page = instructor_notes.page()
    assert page.startswith("# For instructors")
    for stage in LESSONS:
        title = instructor_notes.guide(stage).read_text(encoding="utf-8").splitlines()[0]
        assert "#" + title in page  # one level down, under the page's title


def test_the_class_workflow_grades_and_publishes_the_table():
    workflow = yaml.safe_load((ROOT / "docs" / "classroom" / "grade.yml").read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    out = re.search(r"python -m course grade --out (\S+)", runs).group(1)
    assert f"{out}/grade.md" in runs and "$GITHUB_STEP_SUMMARY" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == out
    assert workflow["permissions"] == {"contents": "read"}

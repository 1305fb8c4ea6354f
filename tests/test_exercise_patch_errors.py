"""A solution patch that cannot apply ends in one line (CourseError), never a traceback."""

import pytest

from course.errors import CourseError
from course.exercises.patching import apply_patch

DELETES_GONE_TXT = """\
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-hello
"""


def test_a_patch_deleting_a_file_that_is_already_gone_is_one_line(tmp_path):
    (tmp_path / "kept.txt").write_text("kept\n", encoding="utf-8")
    with pytest.raises(CourseError) as raised:
        apply_patch(DELETES_GONE_TXT, tmp_path)
    message = str(raised.value)
    assert "\n" not in message
    assert "gone.txt" in message
    assert str(tmp_path) in message
    assert (tmp_path / "kept.txt").read_text(encoding="utf-8") == "kept\n"  # all or nothing


def test_a_patch_deleting_a_file_that_is_there_deletes_it(tmp_path):
    (tmp_path / "gone.txt").write_text("hello\n", encoding="utf-8")
    apply_patch(DELETES_GONE_TXT, tmp_path)
    assert not (tmp_path / "gone.txt").exists()

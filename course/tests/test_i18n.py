"""The translation machinery: paragraphs out of a document, back in, and catalogs that follow it."""

from __future__ import annotations

import polib

from course.i18n import catalogs, segments

TEXT = """# Title

A paragraph
on two lines.

```
code that is never translated
```

- a list
- of two items

| a | b |
| --- | --- |

<!-- a comment -->

42
"""


def test_blocks_keep_code_comments_and_numbers_out():
    assert segments.messages(TEXT) == [
        "# Title",
        "A paragraph\non two lines.",
        "- a list\n- of two items",
        "| a | b |",
    ]


def test_translate_puts_each_paragraph_back_and_keeps_the_rest():
    korean = {"# Title": "# 제목", "A paragraph\non two lines.": "두 줄로 된\n문단."}
    out = segments.translate(TEXT, korean.get)
    assert out.startswith("# 제목\n\n두 줄로 된\n문단.\n\n```\ncode that is never translated\n```")
    assert "- a list\n- of two items" in out and out.endswith("42\n")


def test_a_changed_paragraph_keeps_its_translation_as_fuzzy(tmp_path, monkeypatch):
    root = tmp_path
    monkeypatch.setattr(catalogs, "ROOT", root)
    monkeypatch.setattr(catalogs, "LOCALE", root / "locale")
    doc = root / "README.md"
    doc.write_text("The server answers a request.\n\nKept as is.\n", encoding="utf-8")
    assert catalogs.update(doc, "ko") == (0, 0, 2)
    po = polib.pofile(str(catalogs.catalog_path(doc, "ko")))
    for entry in po:
        entry.msgstr = "번역: " + entry.msgid
    po.save()
    assert catalogs.problems(doc, "ko") == []
    doc.write_text("The server answers every request.\n\nKept as is.\n", encoding="utf-8")
    assert catalogs.update(doc, "ko") == (1, 1, 0)
    problems = catalogs.problems(doc, "ko")
    assert problems == [
        "README.md: fuzzy (the English changed since it was translated): The server answers every request."
    ]
    entry = catalogs.load(doc, "ko").find("The server answers every request.")
    assert entry.previous_msgid == "The server answers a request."
    assert entry.msgstr == "번역: The server answers a request."


def test_lab_lang_ko_opens_a_korean_notebook_and_keeps_the_learner_s(stage01):
    """`course lab 01 --lang ko`: the Korean notebook, made from the English and its catalog, is the
    one Jupyter opens; its code is the English one's. A second start keeps the learner's file."""
    import json
    import threading

    from course.processes import free_port, interrupt

    from .conftest import start_lab
    from .test_lab_loop import poll

    english = json.loads((stage01.path / "lesson.ipynb").read_text(encoding="utf-8"))
    korean_path = stage01.path / "lesson.ko.ipynb"
    for attempt in (1, 2):
        proc = start_lab(stage01, free_port(), free_port(), "--lang", "ko")
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
        # The first start until Jupyter's URL names the Korean notebook; the second until lab
        # says it opens the learner's (Jupyter has nothing new to show).
        wanted = "http" if attempt == 1 else "Opening your lesson.ko.ipynb"
        try:
            assert poll(lambda: any("lesson.ko.ipynb" in ln and wanted in ln for ln in lines)), (
                "".join(lines)
            )
        finally:
            interrupt(proc)
            proc.communicate(timeout=60)
        korean = json.loads(korean_path.read_text(encoding="utf-8"))
        code = [c["source"] for c in korean["cells"] if c["cell_type"] == "code"]
        assert code == [c["source"] for c in english["cells"] if c["cell_type"] == "code"]
        prose = "".join(
            "".join(c["source"]) for c in korean["cells"] if c["cell_type"] == "markdown"
        )
        assert "요청" in prose and "응답" in prose
        if attempt == 1:
            assert "Made lesson.ko.ipynb" in "".join(lines)
            korean_path.write_text(
                korean_path.read_text(encoding="utf-8").replace("요청", "요청!", 1),
                encoding="utf-8",
            )
        else:
            assert "Opening your lesson.ko.ipynb" in "".join(lines)
            assert "요청!" in korean_path.read_text(encoding="utf-8")

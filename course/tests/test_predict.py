"""`course.notebook.predict`: a "predict, then check" cell never fails a notebook run unattended."""

from course.notebook import predict


def test_no_prediction_shows_the_real_answer_and_does_not_fail(capsys):
    for empty in (None, "", "   "):
        assert predict(empty, 405, "the status code") is None
        assert "405" in capsys.readouterr().out


def test_a_prediction_is_compared_as_text_ignoring_case_and_spaces(capsys):
    assert predict(" 405", 405, "the status code") is True
    assert "Right" in capsys.readouterr().out
    assert predict("application/JSON", "application/json") is True
    assert predict(404, 405, "the status code") is False
    out = capsys.readouterr().out
    assert "404" in out and "405" in out


def test_normalize_maps_both_sides_first():
    methods = lambda value: sorted(part.strip() for part in str(value).split(","))  # noqa: E731
    assert predict("HEAD, GET", "GET, HEAD", normalize=methods) is True

"""The helpers every notebook's first cells use: setup, live_server, show, send_raw, show_code."""

import textwrap

import requests

from course.http import RawConnection, format_exchange, send_raw
from course.server import LiveServer, standard_library_server
from course.run import run_python


def python_in_stage(stage, code, env=None):
    """Run ``code`` in a fresh interpreter whose working folder is the stage (as a kernel's is)."""
    return run_python(
        stage, "-c", textwrap.dedent(code), check=False, capture=True, env=env, timeout=120
    )


def test_format_exchange_shows_both_messages_with_readable_json(stage01):
    from course.database import prepare

    prepare(stage01)
    with LiveServer(stage01.path) as server:
        response = requests.post(f"{server.url}/echo/x?tag=a", json={"title": "한글"})
        text = format_exchange(response)
        redirected = format_exchange(requests.get(f"{server.url}/articles"))
    assert text.startswith(">>> POST /echo/x?tag=a HTTP/1.1\n>>> Host: 127.0.0.1:")
    assert ">>> Content-Type: application/json" in text
    assert "<<< HTTP/1.1 200 OK" in text and "<<< Content-Type: application/json" in text
    assert '<<<     "tag": [' in text  # pretty-printed
    assert "한글" in text  # request body as the server decoded it, Korean readable
    assert redirected.index("<<< HTTP/1.1 301 Moved Permanently") < redirected.index(
        "<<< HTTP/1.1 200 OK"
    )


def test_send_raw_speaks_http_over_a_socket(stage01):
    from course.database import prepare

    prepare(stage01)
    with LiveServer(stage01.path) as server:
        host = server.url.split("//")[1]
        raw = send_raw(
            server.url, f"GET /echo/raw?q=1 HTTP/1.1\nHost: {host}\nConnection: close\n\n"
        )
    head, _, body = raw.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 200 OK\r\n")
    assert '"path": "/echo/raw"' in body


def test_raw_connection_keeps_one_socket_for_two_requests(stage01):
    from course.database import prepare

    prepare(stage01)
    with LiveServer(stage01.path) as server:
        host = server.url.split("//")[1]
        with RawConnection(server.url, timeout=10) as conn:
            first = conn.send(f"GET /echo/one HTTP/1.1\nHost: {host}\n\n")
            kept = not conn.server_closed()
            second = conn.send(f"GET /echo/two HTTP/1.1\nHost: {host}\nConnection: close\n\n")
            closed = conn.server_closed()
        with RawConnection(server.url, timeout=10) as conn:
            conn.write(
                f"POST /echo/up HTTP/1.1\nHost: {host}\nContent-Length: 2\nExpect: 100-continue\n\n"
            )
            interim = conn.read_head()
            conn.write("hi")
            final = conn.read_response()
    assert first.startswith("HTTP/1.1 200 OK") and '"path": "/echo/one"' in first and kept
    assert second.startswith("HTTP/1.1 200 OK") and '"path": "/echo/two"' in second and closed
    assert interim == "HTTP/1.1 100 Continue"
    assert final.startswith("HTTP/1.1 200 OK") and '"body": "hi"' in final


def test_standard_library_server_answers_501_and_stops():
    with standard_library_server() as url:
        response = requests.delete(url + "/", timeout=10)
    assert response.status_code == 501
    try:
        requests.get(url + "/", timeout=2)
    except requests.ConnectionError:
        stopped = True
    else:
        stopped = False
    assert stopped, "the server still answers after the with block"


def test_setup_and_live_server_in_a_plain_interpreter(stage01):
    """What a plain python3 kernel does: Django set up from the working folder, ORM allowed,
    a server started on demand and stopped at exit."""
    proc = python_in_stage(
        stage01,
        """
        import os, requests
        from course.notebook import setup, live_server
        stage = setup()
        from articles.models import Article
        server = live_server()
        assert live_server() is server  # one server per stage per kernel
        print(stage.name, Article.objects.count(), os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"],
              requests.get(server.url + "/articles/").status_code, server.port)
    """,
    )
    assert proc.returncode == 0, proc.stderr
    assert "so this notebook started one. It stops with the kernel." in proc.stdout  # says why
    name, count, unsafe, status, port = proc.stdout.splitlines()[-1].split()
    assert (name, count, unsafe, status) == ("01_http_uri", "4", "true", "200")
    from course.processes import port_busy

    assert not port_busy(int(port)), "the notebook's server outlived its kernel"


def test_live_server_reuses_the_one_course_lab_started(stage01):
    from course.database import prepare

    prepare(stage01)
    with LiveServer(stage01.path) as server:
        proc = python_in_stage(
            stage01,
            """
            from course.notebook import setup, live_server
            setup()
            print(live_server().url)
        """,
            env={"COURSE_SERVER_URL": server.url, "COURSE_SERVER_STAGE": str(stage01.path)},
        )
    assert proc.returncode == 0, proc.stderr
    said, url = proc.stdout.strip().splitlines()
    assert url == server.url
    assert said == f"Using {server.url}: the server `python -m course lab` started."


def test_server_log_shows_the_console_of_lab_s_server(stage01):
    from course.database import prepare

    prepare(stage01)
    log = stage01.path / "server.log"
    with LiveServer(stage01.path, log_file=log) as server:
        proc = python_in_stage(
            stage01,
            """
            import requests
            from course.notebook import setup, live_server
            setup()
            server = live_server()
            requests.get(server.url + "/articles/?from=the-notebook", timeout=10)
            import time
            for _ in range(100):  # the server logs a request once it has answered it
                if "the-notebook" in server.log_text:
                    break
                time.sleep(0.1)
            server.log(3)
        """,
            env={
                "COURSE_SERVER_URL": server.url,
                "COURSE_SERVER_STAGE": str(stage01.path),
                "COURSE_SERVER_LOG": str(log),
            },
        )
    assert proc.returncode == 0, proc.stderr
    assert "its console: server.log()" in proc.stdout
    assert '"GET /articles/?from=the-notebook HTTP/1.1" 200' in proc.stdout


def test_show_code_shows_real_files_parts_and_views(stage01):
    proc = python_in_stage(
        stage01,
        """
        from course.notebook import setup, show_code
        setup()
        from articles.views import echo
        part = show_code("config/settings.py", start="INSTALLED_APPS", end="]")
        assert part.startswith("INSTALLED_APPS = [") and part.rstrip().endswith("]")
        assert "'articles'," in part and "MIDDLEWARE" not in part
        assert show_code(echo).startswith("@csrf_exempt")
        assert show_code("articles/urls.py") == open("articles/urls.py", encoding="utf-8").read()
        print("ok")
    """,
    )
    assert proc.returncode == 0, proc.stderr
    assert "# articles/views.py" in proc.stdout and proc.stdout.strip().endswith("ok")


SETTINGS_LIKE = """\
INSTALLED_APPS = [
    'django.contrib.sites',  # per-site data (SITE_ID below)
]

# allauth: sign-up rules
SITE_ID = 1
ACCOUNT_LOGIN_METHODS = {'username'}

@permission_classes([AllowAny])
def first():
    pass

@permission_classes([AllowAny])
def second():
    pass
"""


def test_show_code_refuses_an_ambiguous_or_comment_only_start(tmp_path):
    """A ``start`` on several lines of code, or only in comments, is refused with a message that
    names the lines; a code line wins over a comment that mentions the same words; a ``start``
    that is itself a comment shows the comment heading on purpose."""
    import pytest

    from course.errors import CourseError
    from course.notebook import show_code

    path = tmp_path / "settings.py"
    path.write_text(SETTINGS_LIKE, encoding="utf-8")

    # "SITE_ID" is in a comment on line 2 and in code on line 6: the code line is shown.
    assert show_code(path, start="SITE_ID", end="ACCOUNT_LOGIN_METHODS") == (
        "SITE_ID = 1\nACCOUNT_LOGIN_METHODS = {'username'}\n"
    )
    assert show_code(path, start="# allauth", end="SITE_ID").startswith(
        "# allauth: sign-up rules\n"
    )

    with pytest.raises(CourseError, match=r"ambiguous in .*settings\.py: it is on lines 9, 13"):
        show_code(path, start="@permission_classes([AllowAny])", end="pass")
    with pytest.raises(CourseError, match=r"only in a comment in .*settings\.py \(line 2\)"):
        show_code(path, start="per-site data")
    with pytest.raises(CourseError, match="is not in"):
        show_code(path, start="MIDDLEWARE")
    # One line of code is enough to say which: "def second" is unique.
    assert show_code(path, start="def second", end="pass") == "def second():\n    pass\n"


def test_live_server_uses_the_port_only_when_it_serves_this_stage(stage01, tmp_path):
    """The stage's port is used when its server runs this stage's URLconf; another stage's server
    on that port is left alone, and the notebook starts its own."""
    from course.database import prepare
    from course.stages import resolve
    from course.testing import copy_stage

    other = copy_stage(resolve("03"), tmp_path / "other")
    prepare(stage01)
    code = """
        from course.notebook import setup, live_server
        setup()
        print(live_server().url)
    """
    for stage, used in ((stage01, True), (other, False)):
        with LiveServer(stage.path) as server:
            proc = python_in_stage(stage01, code, env={"COURSE_SERVER_PORT": str(server.port)})
        assert proc.returncode == 0, proc.stderr
        said, url = proc.stdout.strip().splitlines()[-2:]
        assert (url == server.url) is used, said
        if used:
            assert "`python manage.py runserver` of 01_http_uri answers on port" in said
        else:
            assert f"no server of 01_http_uri answered on port {server.port}" in said

"""Benchmark 3: 8 concurrent writers x 50 POSTs, runserver and gunicorn, tuned vs default SQLite.

    python project/benchmarks/concurrent_writes.py [--writers 8] [--posts 50]

For each server and each SQLite setting: a fresh database, one user and token
per writer, the server on a free loopback port (production settings over
plain HTTP, throttling off), then every writer POSTs its articles as fast as
it can. Counted: 201s, errors (any other status or a failed connection), rows
in the database afterwards, lost rows (201 answered but no row) and
throughput. "default" is Django's own SQLite options (DJANGO_SQLITE_TUNED=0):
rollback journal, deferred transactions, 5 s busy timeout.
gunicorn does not run on Windows; there the gunicorn rows are skipped.
"""

import argparse
import json
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    PROJECT_DIR,
    free_port,
    make_temp_dir,
    manage,
    stop_process,
    temp_database_env,
    wait_until_up,
)  # noqa: E402  (after the sys.path line above)

CREATE_TOKENS = """
import json, sys
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
keys = [Token.objects.create(user=get_user_model().objects.create_user(f"writer{{i}}")).key for i in range({n})]
sys.stdout.write(json.dumps(keys))
"""


def server_command(kind, port, workers):
    if kind == "runserver":  # threaded: one thread per connection
        return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    # sync workers: one request per process at a time, several processes
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]


def run_case(kind, tuned, writers, posts, workers):
    with make_temp_dir() as tmp:
        env = temp_database_env(tmp, tuned=tuned, debug=False)
        manage(env, "migrate", "-v", "0")
        out = manage(
            env, "shell", "-c", CREATE_TOKENS.format(n=writers), capture_output=True, text=True
        ).stdout
        keys = json.loads(out.strip().splitlines()[-1])
        port = free_port()
        url = f"http://127.0.0.1:{port}/api/v1/articles/"
        log = open(Path(tmp) / "server.log", "w", encoding="utf-8")
        server = subprocess.Popen(
            server_command(kind, port, workers),
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(url, server)
            results = {"created": 0, "errors": 0, "statuses": {}}
            lock = threading.Lock()
            barrier = threading.Barrier(writers)

            def writer(index):
                barrier.wait()  # all start together
                for n in range(posts):
                    body = json.dumps(
                        {"title": f"writer {index} post {n}", "content": "동시 쓰기"}
                    ).encode()
                    request = urllib.request.Request(
                        url,
                        data=body,
                        method="POST",
                        headers={
                            "Content-Type": "application/json",
                            "Authorization": f"Token {keys[index]}",
                        },
                    )
                    try:
                        with urllib.request.urlopen(request, timeout=60) as response:
                            code = response.status
                    except urllib.error.HTTPError as exc:
                        code = exc.code
                    except OSError as exc:
                        code = type(exc).__name__
                    with lock:
                        results["statuses"][code] = results["statuses"].get(code, 0) + 1
                        if code == 201:
                            results["created"] += 1
                        else:
                            results["errors"] += 1

            threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - start
        finally:
            stop_process(server, timeout=15)
            log.close()
        with sqlite3.connect(Path(tmp) / "bench.sqlite3") as db:
            rows = db.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
        db.close()
        log_text = (Path(tmp) / "server.log").read_text(encoding="utf-8", errors="replace")
        locked = log_text.count("database is locked")
        return {
            "server": kind,
            "sqlite": "tuned" if tuned else "default",
            "sent": writers * posts,
            "created": results["created"],
            "errors": results["errors"],
            "rows": rows,
            "lost": results["created"] - rows,
            "per_s": writers * posts / elapsed,
            "seconds": elapsed,
            "locked": locked,
            "statuses": results["statuses"],
        }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--posts", type=int, default=50, help="POSTs per writer")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    kinds = ["runserver"] + ([] if sys.platform == "win32" else ["gunicorn"])
    print(
        f"{args.writers} writers x {args.posts} POST /api/v1/articles/ each, loopback; "
        f"gunicorn with {args.workers} sync workers"
    )
    header = (
        f"{'server':<10} {'sqlite':<8} {'sent':>5} {'201':>5} {'errors':>6} {'rows':>5} {'lost':>4} "
        f"{'req/s':>6} {'seconds':>7}  'database is locked' in log"
    )
    print(header)
    print("-" * len(header))
    for kind in kinds:
        for tuned in (True, False):
            r = run_case(kind, tuned, args.writers, args.posts, args.workers)
            print(
                f"{r['server']:<10} {r['sqlite']:<8} {r['sent']:>5} {r['created']:>5} {r['errors']:>6} "
                f"{r['rows']:>5} {r['lost']:>4} {r['per_s']:>6.0f} {r['seconds']:>7.1f}  {r['locked']}"
                + ("" if not r["errors"] else f"   statuses: {r['statuses']}"),
                flush=True,
            )


if __name__ == "__main__":
    main()

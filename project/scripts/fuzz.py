"""Fuzz the running API with schemathesis against its own OpenAPI schema.

    python project/scripts/fuzz.py [--max-examples N] [--max-seconds S]

Starts the project with `runserver --noreload` on a free loopback port, on a
fresh SQLite database in a temporary directory (DEBUG on, throttling off),
seeds a little data, signs up a user, and runs schemathesis signed in with that
user's token. Exit code 0 only when there were no server errors (5xx) and no
response that contradicts the schema; the figures are printed either way.
Works on Windows too: no shell, only Python.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course.run import run_manage
from course.testing import sign_up

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "benchmarks"))
from _common import free_port, stop_process, wait_until_up  # noqa: E402  (after the sys.path line above)

# The routes schemathesis must not call: logging out would delete the very
# token the rest of the run signs in with.
EXCLUDED_PATHS = ["/accounts/logout/"]
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)


def schemathesis_command():
    """`st` beside this Python (a virtualenv's Scripts/ or bin/), else the module."""
    for name in ("st", "st.exe"):
        candidate = Path(sys.executable).with_name(name)
        if candidate.exists():
            return [str(candidate)]
    return [sys.executable, "-m", "schemathesis.cli"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-examples", type=int, default=25, help="test cases per operation and phase"
    )
    parser.add_argument(
        "--max-seconds", type=int, default=200, help="wall-time limit for schemathesis"
    )
    parser.add_argument("--seed", type=int, default=20240601, help="schemathesis random seed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        tmp = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{(tmp / 'fuzz.sqlite3').as_posix()}",
            "DJANGO_THROTTLE_ANON": "off",
            "DJANGO_THROTTLE_USER": "off",
            "DJANGO_ENV_FILE": "",  # only the values above, whatever project/.env says
            "PYTHONUNBUFFERED": "1",
        }
        run_manage(PROJECT_DIR, "migrate", "-v", "0", env=env)
        run_manage(
            PROJECT_DIR, "seed", "articles", "--number", "20", "--seed", "1", env=env, capture=True
        )

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log_path = tmp / "server.log"
        started = time.monotonic()
        with open(log_path, "w", encoding="utf-8") as log:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(f"{base}/api/schema/?format=json", server)
                key = sign_up(base, "fuzzer").key

                # Point the nested comment route at a seeded article, or nearly
                # every generated request would stop at 404.
                config = tmp / "schemathesis.toml"
                config.write_text("[parameters]\narticle_pk = 1\n", encoding="utf-8")
                report = tmp / "report.xml"
                command = [
                    *schemathesis_command(),
                    "--config-file",
                    str(config),
                    "run",
                    f"{base}/api/schema/?format=json",
                    "--header",
                    f"Authorization: Token {key}",
                    "--checks",
                    CHECKS,
                    "--max-examples",
                    str(args.max_examples),
                    "--seed",
                    str(args.seed),
                    # One worker: with two, hypothesis parses lambdas' source in two threads at
                    # once, which crashes CPython 3.11.7's ast.parse ("AST constructor recursion
                    # depth mismatch", a CPython bug fixed in later releases).
                    "--workers",
                    "1",
                    "--phases",
                    "examples,coverage,fuzzing",
                    "--request-timeout",
                    "10",
                    "--generation-allow-x00",
                    "true",
                    "--report",
                    "junit",
                    "--report-junit-path",
                    str(report),
                    "--suppress-health-check",
                    "all",
                    "--no-color",
                ]
                for path in EXCLUDED_PATHS:
                    command += ["--exclude-path", path]
                try:
                    result = subprocess.run(command, cwd=tmp, env=env, timeout=args.max_seconds)
                    code = result.returncode
                except subprocess.TimeoutExpired:
                    print(f"\nschemathesis did not finish within {args.max_seconds} s")
                    code = 2
            finally:
                stop_process(server, timeout=10)
        elapsed = time.monotonic() - started

        server_log = log_path.read_text(encoding="utf-8", errors="replace")
        lines = [line for line in server_log.splitlines() if '" ' in line and "HTTP/1.1" in line]
        statuses = {}
        for line in lines:
            status_code = line.rsplit('" ', 1)[-1].split()[0]
            statuses[status_code] = statuses.get(status_code, 0) + 1
        server_errors = sum(
            count for status_code, count in statuses.items() if status_code.startswith("5")
        )
        tracebacks = server_log.count("Traceback (most recent call last)")

        print("\n=== fuzz figures ===")
        print(f"requests served: {len(lines)} in {elapsed:.0f} s")
        print("statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
        print(f"server errors (5xx): {server_errors}; tracebacks in the server log: {tracebacks}")
        print(f"schemathesis exit code: {code} (0 = no failed check: {CHECKS.replace(',', ', ')})")
        if server_errors or tracebacks:
            print("\n--- server log, last 60 lines ---")
            print("\n".join(server_log.splitlines()[-60:]))
        ok = code == 0 and server_errors == 0 and tracebacks == 0
        print("RESULT:", "PASS" if ok else "FAIL")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

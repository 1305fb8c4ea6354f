"""``serve`` and ``client``: a stage's server (runserver) or its browser client in the foreground,
for a class or a browser, until Ctrl-C."""

from __future__ import annotations

import subprocess
import sys
import threading

from .. import client as clients
from .. import forwarding, solved
from ..errors import CourseError
from ..exercises.workspace import lab_stage
from ..processes import HOST, port_busy
from ..database import prepare
from ..run import dev_env, ensure_env_file
from ..stages import resolve
from .guard import confirm, require


def cmd_serve(args) -> int:
    require("django")
    if args.solved:
        stage = solved.solved_stage(resolve(args.stage))
    else:
        stage = lab_stage(resolve(args.stage), args.pristine, "serve")
    forwarding.use_when_asked()  # a forwarded URL (Codespaces): its host and origin allowed
    if port_busy(args.port):
        raise CourseError(
            f"port {args.port} is busy: stop what uses it, or choose another with --port"
        )
    if written := ensure_env_file(stage):
        print(f"Wrote {written} (development settings, git-ignored).", flush=True)
    fresh = not args.keep
    if fresh and stage.db.exists():
        fresh = confirm(
            f"serve starts {stage.name} on a fresh database: delete {stage.db} and rebuild it?"
            " (no: serve it as it is)",
            f"serve would replace {stage.db} with a fresh one: add --yes to confirm, "
            "or --keep to serve it as it is",
            args.yes,
        )
    print(f"{'Rebuilding' if fresh else 'Keeping'} the database of {stage.name} ...", flush=True)
    urls = prepare(stage, fresh=fresh, urls=True)
    base = f"http://{HOST}:{args.port}"
    print(f"\n{stage.title}: {base}/\nWorth trying:")
    for url in urls:
        print(f"  {base}{url}")
    client = clients.start_beside(stage, api=base)  # lesson 06 on: its page on :8080
    print("Ctrl-C stops the server.\n", flush=True)
    try:
        return subprocess.call(
            # Checks ran while preparing (migrate); the reloader stays, for live edits in class.
            [sys.executable, "manage.py", "runserver", f"{HOST}:{args.port}", "--skip-checks"],
            cwd=stage.path,
            env=dev_env(),
        )
    except KeyboardInterrupt:
        return 0
    finally:
        if client is not None:
            client.stop()


def cmd_client(args) -> int:
    stage = lab_stage(resolve(args.stage), args.pristine, "client")
    folder = clients.client_dir(stage)
    if folder is None:
        raise CourseError(f"{stage.name} has no browser client (no client/index.html)")
    api, where = args.api, "the API you named"
    if api is None:
        api = clients.running_api(stage)
        where = f"the server of `python -m course lab {args.stage}`"
    if api is None:
        api = clients.DEFAULT_API
        where = f"start it with: python -m course lab {args.stage}, or name it with --api"
    with clients.ClientServer(folder, port=args.port, verbose=True) as client:
        print(
            f"{stage.title}: browser client on {client.url}/ (the origin the browser sees)\n"
            f"  open: {clients.page_url(client.port, api)}\n"
            f"  API:  {api} ({where})\n"
            "Ctrl-C stops it.\n",
            flush=True,
        )
        if client.port != clients.CLIENT_PORT:
            # Making the API allow this origin is an exercise of the lesson: no answer here.
            print(
                f"{client.url} is not an origin the API allows out of the box, so the browser "
                "will block its calls: see the lesson's README, Exercises.",
                flush=True,
            )
        try:
            threading.Event().wait()  # the files are served from another thread until Ctrl-C
        except KeyboardInterrupt:
            print("\nStopped the client.")
    return 0

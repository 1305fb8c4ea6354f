"""``python -m course site``: the course as a static website, every notebook executed for real.

The pages are generated into ``build/site/src`` (git-ignored) from what the repository holds:

- the root README as the home page (its course map's links point at site pages);
- per stage: its README with an "open this lesson on your machine" box, its notebooks executed
  against a live server of a fresh copy of the stage by the harness the test suite uses
  (``course.testing.run_stage_notebooks``), its diff against the stage before it
  (``course.diff``), its files, and its exercises' statements and hints (never the solutions);
- the course notebooks (``notebooks/``), the glossary when there is one, CONTRIBUTING.

Executed notebooks go through ``normalize`` (ports, tokens, timestamps, machine paths) before
Sphinx renders them with myst-nb, which does not execute them again. Sphinx's configuration is
``course/site/conf.py``; Mermaid's script comes from the npm package pinned in
``course/site/package.json`` (``npm ci --prefix course/site``), copied into the site at build time.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import diff as diffs
from ..errors import CourseError
from ..stages import PROJECT, ROOT, Stage, lessons, previous

HERE = Path(__file__).resolve().parent
BUILD = ROOT / "build" / "site"
MERMAID_JS = HERE / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
EXERCISES = ROOT / "exercises"
NPM_HINT = (
    "run: npm ci --prefix course/site   (installs the pinned Mermaid script; Node.js 20 or later)"
)


# ----------------------------------------------------------------------------------------------
# Where a repository path lives on the site


def stage_dir(stage: Stage) -> str:
    """The stage's folder, relative to the repository root: ``lessons/04_one_to_many``, ``project``."""
    return stage.path.relative_to(ROOT).as_posix()


def _stage_of(rel: str) -> tuple[str, str] | None:
    """``("lessons/04_one_to_many", "articles/views.py")`` for a path inside a lesson stage."""
    match = re.match(r"(lessons/\d\d_[^/]+)/?(.*)$", rel)
    return (match.group(1), match.group(2)) if match else None


def page_for(rel: str) -> str | None:
    """The site page (its source file, from the site root) that shows a repository path, or None."""
    rel = rel.strip("/")
    if rel in ("", "README.md"):
        return "index.md"
    if rel in ("CONTRIBUTING.md", "GLOSSARY.md"):
        return rel.lower() if (ROOT / rel).exists() else None
    if rel in ("notebooks", "notebooks/README.md"):
        return "notebooks/index.md"
    if re.fullmatch(r"notebooks/[^/]+\.ipynb", rel):
        return rel if (ROOT / rel).exists() else None
    if rel in ("project", "project/README.md"):
        return "project/index.md"
    match = re.match(r"exercises/(\d\d_[^/]+)", rel)
    if match and (ROOT / "lessons" / match.group(1)).is_dir() and (ROOT / rel).exists():
        return f"lessons/{match.group(1)}/exercises.md"
    inside = _stage_of(rel)
    if inside and (ROOT / inside[0] / "manage.py").exists() and (ROOT / rel).exists():
        folder, sub = inside
        if sub in ("", "README.md"):
            return f"{folder}/index.md"
        if re.fullmatch(r"lesson[^/]*\.ipynb", sub):
            return f"{folder}/{sub}"
        return f"{folder}/files.md"
    return None


LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)")


def rewrite_links(text: str, base: str) -> str:
    """Point the Markdown links of a file at ``base`` (its folder, from the repository root) at
    site pages. A link to something the site does not show keeps its text and loses the link."""

    def replace(match: re.Match) -> str:
        bang, label, target = match.groups()
        if bang or re.match(r"[a-z][a-z0-9+.-]*:|#", target, re.I):
            return match.group(0)  # images, external links, anchors on the same page
        path, _, anchor = target.partition("#")
        rel = os.path.normpath(os.path.join(base, path)).replace("\\", "/")
        page = None if rel.startswith("..") else page_for("" if rel == "." else rel)
        if page is None:
            return label
        return f"[{label}](/{page}{'#' + anchor if anchor else ''})"

    return LINK.sub(replace, text)


def fence(body: str, info: str = "") -> str:
    """A fenced code block that survives backticks inside ``body``."""
    longest = max((len(m) for m in re.findall(r"`{3,}", body)), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{body.rstrip()}\n{ticks}\n"


LANGUAGES = {
    ".py": "python",
    ".json": "json",
    ".html": "html",
    ".md": "markdown",
    ".js": "javascript",
    ".css": "css",
    ".txt": "text",
    ".toml": "toml",
    ".ini": "ini",
    ".cfg": "ini",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".sh": "bash",
}


# ----------------------------------------------------------------------------------------------
# Executed notebooks, made stable


@dataclass
class Executed:
    page: str  # where it goes on the site: "lessons/04_one_to_many/lesson", "notebooks/project_jwt"
    notebook: object  # nbformat.NotebookNode, outputs included
    machine_paths: dict[str, str] = field(default_factory=dict)  # absolute path -> shown path
    seconds: float = 0.0


FIXED_TOKEN = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # the example key of DRF's own docs
EPOCH = 1772442000  # 2026-03-02 09:00:00 UTC, the time every normalised timestamp shows
RULES = [
    # The live servers' random ports (the OS hands out 32768 and up): a learner's `course serve`
    # answers on 8000. Ports a lesson names on purpose (lesson 06's client on 8080) stay.
    (re.compile(r"\b(127\.0\.0\.1|localhost):[1-6]\d{4}\b"), r"\1:8000"),
    # DRF token keys, session ids and CSRF tokens, random user names (secrets.token_hex(4)).
    (re.compile(r"\b[0-9a-f]{40}\b"), FIXED_TOKEN),
    (
        re.compile(r"""(sessionid['"]?\s*[:=]\s*['"]?)\w{32}"""),
        r"\1abcdefghijklmnopqrstuvwxyz012345",
    ),
    (
        re.compile(r"""(csrftoken['"]?\s*[:=]\s*['"]?)\w{32,64}"""),
        r"\1ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
    ),
    (
        re.compile(r"""(['"]?jti['"]?\s*:\s*['"])[0-9a-f]{32}"""),
        r"\g<1>0123456789abcdef0123456789abcdef",
    ),
    (re.compile(r"\b([a-z]+[-_])[0-9a-f]{8}\b"), r"\g<1>5f3c9a1e"),
    # A folder tempfile made (a prefix such as "course-viewsets-", then random characters): one
    # stable name, whatever the prefix.
    (re.compile(r"/tmp/[A-Za-z0-9_.-]+(?=/)"), "/tmp/scratch"),
    # Times: ISO 8601 to the second and HTTP dates.
    (re.compile(r"\b\d{4}-\d\d-\d\d([T ])\d\d:\d\d:\d\d"), r"2026-03-02\g<1>09:00:00"),
    (
        re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT"),
        "Mon, 02 Mar 2026 09:00:00 GMT",
    ),
]
# Fractions of a second: a fixed digit per place, trailing zeros kept, so "rounded to
# milliseconds" (.936692 -> .936000) still shows as .123456 -> .123000.
FRACTION = re.compile(r"(2026-03-02[T ]09:00:00)\.(\d{1,6})")
UNIX_TIMES = re.compile(r"""(['"]?(?:exp|iat|nbf|auth_time)['"]?\s*:\s*)(1\d{9})\b""")
JWT = re.compile(r"\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+")
JWT_PART = re.compile(r"\beyJ[\w-]{16,}")
SIGNATURE = re.compile(r"(signature[^:\n]*:\s*)[\w-]{43}\b")
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "application/json")


def _fraction(match: re.Match) -> str:
    digits = match.group(2)
    kept = len(digits.rstrip("0"))
    return f"{match.group(1)}.{'123456'[:kept]}{'0' * (len(digits) - kept)}"


def _unix_times(text: str) -> str:
    """exp, iat and the like moved to ``EPOCH``, the differences between them kept."""
    found = [int(m.group(2)) for m in UNIX_TIMES.finditer(text)]
    if not found:
        return text
    first = min(found)
    return UNIX_TIMES.sub(lambda m: f"{m.group(1)}{EPOCH + int(m.group(2)) - first}", text)


def _b64decode(part: str) -> str | None:
    import base64

    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8")
    except ValueError:
        return None


def _b64encode(text: str) -> str:
    import base64

    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _jwt_part(match: re.Match) -> str:
    """A base64url JSON part of a JWT, decoded, normalised and encoded again, so what a cell
    decodes from it still matches what the page shows."""
    decoded = _b64decode(match.group(0))
    if decoded is None or not decoded.startswith("{"):
        return match.group(0)
    return _b64encode(_plain(decoded))


def _jwt(match: re.Match) -> str:
    import hashlib

    header, payload, _ = match.group(0).split(".")
    header, payload = JWT_PART.sub(_jwt_part, header), JWT_PART.sub(_jwt_part, payload)
    signature = _b64encode(hashlib.sha256(f"{header}.{payload}".encode()).hexdigest())[:43]
    return f"{header}.{payload}.{signature}"


def _plain(text: str) -> str:
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return _unix_times(FRACTION.sub(_fraction, text))


def normalize_text(text: str, machine_paths: dict[str, str]) -> str:
    # Longest first, so a stage copy's folder wins over the temporary folder holding it.
    for path in sorted(machine_paths, key=len, reverse=True):
        text = text.replace(path, machine_paths[path])
    text = JWT.sub(_jwt, text)
    text = JWT_PART.sub(_jwt_part, text)
    text = SIGNATURE.sub(
        lambda m: m.group(1) + "c2lnbmVkIHdpdGggdGhlIHNlcnZlcidzIFNFQ1JFVF9LRVk", text
    )
    return _plain(text)


def _merge_streams(outputs: list) -> list:
    """Consecutive prints to the same stream as one output: how the kernel split them is timing."""
    merged = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and output.get("output_type") == "stream" == last.get("output_type")
            and output.get("name") == last.get("name")
        ):
            last["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def normalize(item: Executed):
    """Make the outputs of an executed notebook the same from one build to the next."""
    nb = item.notebook
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = _merge_streams(cell.get("outputs", []))
        for output in cell.outputs:
            if "text" in output:
                output["text"] = normalize_text(output["text"], item.machine_paths)
            for mime in TEXT_MIMES:
                data = output.get("data", {})
                if isinstance(data.get(mime), str):
                    data[mime] = normalize_text(data[mime], item.machine_paths)
            if output.get("output_type") == "error":
                output["traceback"] = [
                    normalize_text(line, item.machine_paths) for line in output["traceback"]
                ]
    nb.metadata.pop("widgets", None)
    return nb


def unexpected_tracebacks(item: Executed) -> list[str]:
    """Cells that show a traceback without being tagged ``raises-exception`` (an error on purpose)."""
    found = []
    for index, cell in enumerate(item.notebook.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.get("metadata", {}).get(
            "tags", []
        ):
            continue
        for output in cell.get("outputs", []):
            text = output.get("text", "") + "".join(output.get("traceback", []))
            text += str(output.get("data", {}).get("text/plain", ""))
            if output.get("output_type") == "error" or "Traceback (most recent call last)" in text:
                found.append(f"{item.page} cell {index}: {cell.source[:60]!r}")
    return found


def _machine_paths(copy: Path | None, shown: str) -> dict[str, str]:
    paths = {
        str(ROOT) + os.sep: "",
        str(ROOT): ".",
        sys.prefix: ".venv",
        tempfile.gettempdir(): "/tmp",
    }
    if copy is not None:
        paths[str(copy)] = shown
    return paths


def execute_stage(stage: Stage, scratch: Path) -> list[Executed]:
    from ..testing import run_stage_notebooks

    started = time.perf_counter()
    copy, executed, log = run_stage_notebooks(stage, scratch)
    if "Traceback" in log:
        raise CourseError(
            f"the server of {stage.name} raised while its notebook ran:\n{log[-2000:]}"
        )
    seconds = time.perf_counter() - started
    return [
        Executed(
            f"{stage_dir(stage)}/{name[:-6]}",
            nb,
            _machine_paths(copy.path, stage_dir(stage)),
            seconds,
        )
        for name, nb in executed.items()
    ]


def execute_course_notebook(path: Path, scratch: Path) -> list[Executed]:
    """A notebook of ``notebooks/``, run as tests/ runs it: in its folder, project/ notebooks on a
    throwaway SQLite file, so no learner's database is touched."""
    from ..notebook import SERVER_STAGE_ENV, SERVER_URL_ENV
    from ..testing import execute_notebook

    started = time.perf_counter()
    env = {"DATABASE_URL": f"sqlite:///{(scratch / 'db.sqlite3').as_posix()}"}
    # The kernel must start its own server, not one this process may know of.
    env.update({SERVER_URL_ENV: "", SERVER_STAGE_ENV: ""})
    nb = execute_notebook(path, cwd=path.parent, timeout=300, env=env)
    return [
        Executed(
            f"notebooks/{path.stem}", nb, _machine_paths(None, ""), time.perf_counter() - started
        )
    ]


def course_notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def execute_all(scratch: Path, jobs: int) -> list[Executed]:
    """Every notebook of the site, executed; ``jobs`` at a time (each job a kernel and a server)."""
    tasks = [(execute_stage, stage) for stage in lessons()]
    tasks += [(execute_course_notebook, path) for path in course_notebooks()]
    results: list[Executed] = []

    def run(task):
        func, arg = task
        try:
            return func(arg, Path(tempfile.mkdtemp(prefix="site-", dir=scratch)))
        except RuntimeError as error:
            # On a busy machine a kernel can lose the race for the ports it was handed, and die
            # before it answers; one more try, in a new folder, with new ports.
            if "Kernel died" not in str(error):
                raise
            print(f"  a kernel died while starting ({arg}): trying once more", flush=True)
            return func(arg, Path(tempfile.mkdtemp(prefix="site-", dir=scratch)))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for items in pool.map(run, tasks):
            for item in items:
                print(f"  executed {item.page}.ipynb ({item.seconds:.0f} s)", flush=True)
            results.extend(items)
    return results


# ----------------------------------------------------------------------------------------------
# Pages


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _demote(text: str, levels: int) -> str:
    """Headings ``levels`` deeper, outside fenced code."""
    out, in_fence = [], False
    for line in text.splitlines():
        if re.match(r"\s*(```|~~~)", line):
            in_fence = not in_fence
        if not in_fence and re.match(r"#{1,6} ", line):
            line = "#" * levels + line
        out.append(line)
    return "\n".join(out) + "\n"


def exercise_folders(stage: Stage) -> list[Path]:
    folder = EXERCISES / stage.name
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.is_dir() and re.match(r"\d+_", p.name) and (p / "README.md").exists()
    ]
    return sorted(found, key=lambda p: int(p.name.split("_", 1)[0]))


def lesson_box(stage: Stage, notebooks: list[str]) -> str:
    number = f"{stage.number:02d}" if stage.number is not None else stage.name
    folder = stage_dir(stage)
    lines = [
        ":::{admonition} Open this lesson on your machine",
        ":class: tip course-open-lesson",
        "",
        "From the root of your copy of the course, after the set-up of the [home page](/index.md):",
        "",
        fence(f"python -m course lab {number}"),
        f"It migrates a database for this stage, starts its live server and opens "
        f"`{notebooks[0] if notebooks else 'lesson.ipynb'}` in JupyterLab.",
        "",
        f"- The stage folder: [`{folder}/`](/{folder}/files.md), every file of it",
    ]
    if exercise_folders(stage):
        lines.append(f"- Its exercises: [`exercises/{stage.name}/`](/{folder}/exercises.md)")
    lines += [":::", ""]
    return "\n".join(lines)


def stage_index(stage: Stage, notebooks: list[str]) -> str:
    folder = stage_dir(stage)
    text = rewrite_links((stage.path / "README.md").read_text(encoding="utf-8"), folder)
    title, _, rest = text.partition("\n")
    toc = [f"Notebook: {name} <{name[:-6]}>" for name in notebooks] + ["diff", "files"]
    if exercise_folders(stage):
        toc.append("exercises")
    return (
        f"{title}\n\n{lesson_box(stage, notebooks)}\n{rest}\n"
        "```{toctree}\n:maxdepth: 1\n:caption: This lesson\n\n" + "\n".join(toc) + "\n```\n"
    )


def _split_by_file(lines: list[str]) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if line.startswith("--- ") and nxt.startswith("+++ "):
            old, new = line[4:].strip(), nxt[4:].strip()
            name = (new if new != "/dev/null" else old).split("/", 1)[-1]
            chunks.append((name, []))
        if chunks:
            chunks[-1][1].append(line)
    return chunks


def diff_page(stage: Stage) -> str:
    before = previous(stage)
    if before is None:
        base, label = diffs.startproject_baseline(), "startproject"
        intro = (
            "Lesson 01 has no stage before it: this is what it adds to what `django-admin "
            "startproject config .` and `python manage.py startapp articles` generate."
        )
        command = ""
    else:
        base, label = before.path, before.name
        intro = f"What this stage changed against [`{stage_dir(before)}`](/{stage_dir(before)}/index.md)."
        command = fence(f"python -m course diff {before.number:02d} {stage.number:02d}")
    changes = diffs.changes(base, stage.path)
    parts = [f"# What {stage.title.split(':')[0]} changed\n", intro + "\n"]
    if command:
        parts.append("The same on your machine:\n\n" + command)
    parts.append(fence(diffs.stat(changes), "text"))
    lines = list(diffs.unified(base, stage.path, label_a=label, label_b=stage.name))
    # The code first; the README, which describes it, last.
    for name, chunk in sorted(_split_by_file(lines), key=lambda c: c[0] == "README.md"):
        parts.append(f"## `{name}`\n\n" + fence("".join(chunk), "diff"))
    return "\n".join(parts)


def files_page(stage: Stage) -> str:
    folder = stage_dir(stage)
    parts = [
        f"# The files of `{folder}/`\n",
        f"Every file of the stage folder, as the course ships it (notebooks: see "
        f"[the lesson page](/{folder}/index.md)). `python -m course lab "
        f"{stage.number:02d}` runs it on your machine.\n",
    ]
    for rel, path in diffs.files(stage.path).items():
        try:
            body = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        parts.append(
            f"## `{rel}`\n\n" + fence(body or "(empty)", LANGUAGES.get(path.suffix, "text"))
        )
    return "\n".join(parts)


def exercises_page(stage: Stage) -> str:
    parts = [
        f"# Exercises: {stage.title}\n",
        f"Each exercise is done in your own copy of the stage, and checked against a live server "
        f"of it with `python -m course check {stage.number:02d} K`. Solutions are not on this site.\n",
    ]
    for folder in exercise_folders(stage):
        base = f"exercises/{stage.name}/{folder.name}"
        parts.append(
            _demote(rewrite_links((folder / "README.md").read_text(encoding="utf-8"), base), 1)
        )
        hints = folder / "hints.md"
        if hints.exists():
            text = rewrite_links(hints.read_text(encoding="utf-8"), base)
            # Hints are headed "## Hint N": under "### Hints" they become "####".
            parts.append("### Hints\n\n" + _demote(text, max(0, 4 - _top_level(text))))
    return "\n".join(parts)


def _top_level(text: str) -> int:
    """The level of the biggest heading outside fenced code (4 when there is none)."""
    levels, in_fence = [], False
    for line in text.splitlines():
        if re.match(r"\s*(```|~~~)", line):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"(#{1,6}) ", line)
        if match:
            levels.append(len(match.group(1)))
    return min(levels) if levels else 4


def write_sources(src: Path, executed: list[Executed]) -> None:
    import nbformat

    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    by_page = {item.page: item for item in executed}

    def write_notebook(item: Executed, base: str):
        nb = normalize(item)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = rewrite_links(cell.source, base)
        target = src / (item.page + ".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)

    toc = []
    for stage in lessons():
        folder = stage_dir(stage)
        pages = sorted(p for p in by_page if p.startswith(folder + "/"))
        names = [p.split("/")[-1] + ".ipynb" for p in pages]
        for page in pages:
            write_notebook(by_page[page], folder)
        _write(src / folder / "index.md", stage_index(stage, names))
        _write(src / folder / "diff.md", diff_page(stage))
        _write(src / folder / "files.md", files_page(stage))
        if exercise_folders(stage):
            _write(src / folder / "exercises.md", exercises_page(stage))
        toc.append(f"{folder}/index")

    if (PROJECT / "README.md").exists():
        _write(
            src / "project" / "index.md",
            rewrite_links((PROJECT / "README.md").read_text(encoding="utf-8"), "project"),
        )
        toc.append("project/index")

    nb_pages = [item for item in executed if item.page.startswith("notebooks/")]
    for item in nb_pages:
        write_notebook(item, "notebooks")
    _write(
        src / "notebooks" / "index.md",
        "# Course notebooks\n\nNotebooks about the course as a whole and about `project/`, the "
        "finished API, executed against live servers when this site was built.\n\n"
        "```{toctree}\n:maxdepth: 1\n\n"
        + "\n".join(sorted(i.page.split("/")[-1] for i in nb_pages))
        + "\n```\n",
    )
    toc.append("notebooks/index")

    for name in ("GLOSSARY.md", "CONTRIBUTING.md"):
        if (ROOT / name).exists():
            _write(src / name.lower(), rewrite_links((ROOT / name).read_text(encoding="utf-8"), ""))
            toc.append(name[:-3].lower())

    home = rewrite_links((ROOT / "README.md").read_text(encoding="utf-8"), "")
    _write(
        src / "index.md",
        home + "\n```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(toc) + "\n```\n",
    )


# ----------------------------------------------------------------------------------------------
# The build


def check_requirements() -> None:
    import importlib.util

    for module in ("sphinx", "myst_nb", "sphinx_book_theme", "sphinxcontrib.mermaid"):
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            raise CourseError(
                f"missing dependency {module!r}: run: python -m pip install -r requirements-dev.txt"
            )
    if not MERMAID_JS.exists():
        install_mermaid()


def install_mermaid() -> None:
    """``npm ci --prefix course/site`` once, the first time a site is built: the Mermaid script at
    the version ``course/site/package-lock.json`` pins (from the npm registry, at install time
    only). Without npm, one line that says what to install."""
    import shutil
    import subprocess

    npm = shutil.which("npm")
    if npm is None:
        raise CourseError(
            f"missing {MERMAID_JS.relative_to(ROOT)} and no npm to install it: "
            f"install Node.js 20 or later, then {NPM_HINT}"
        )
    print("Installing the pinned Mermaid script (npm ci --prefix course/site) ...", flush=True)
    proc = subprocess.run(
        [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--loglevel=error"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not MERMAID_JS.exists():
        raise CourseError(f"npm ci failed ({proc.stderr.strip()[-300:]}): {NPM_HINT}")


def build(out: Path = BUILD, jobs: int = 2, strict: bool = True, execute: bool = True) -> Path:
    """Build the site into ``out``; return the path of its ``index.html``.

    ``execute=False`` reuses the notebooks executed by the previous build (``out/executed``), for
    working on the pages themselves.
    """
    import nbformat

    check_requirements()
    out = Path(out)
    started = time.perf_counter()
    executed_dir = out / "executed"
    if execute:
        print(f"Executing the notebooks against live servers ({jobs} at a time) ...", flush=True)
        with tempfile.TemporaryDirectory(prefix="course-site-") as scratch:
            executed = execute_all(Path(scratch), jobs)
            problems = [p for item in executed for p in unexpected_tracebacks(item)]
            if problems:
                raise CourseError(
                    "a traceback that no cell shows on purpose:\n  " + "\n  ".join(problems)
                )
            for item in executed:
                normalize(
                    item
                )  # the temporary folders vanish: normalise while their names are known
            if executed_dir.exists():
                shutil.rmtree(executed_dir)
            for item in executed:
                target = executed_dir / (item.page + ".ipynb")
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(item.notebook, target)
    else:
        if not executed_dir.is_dir():
            raise CourseError(
                f"no executed notebooks in {executed_dir}: build once without --no-execute"
            )
        executed = [
            Executed(p.relative_to(executed_dir).as_posix()[:-6], nbformat.read(p, as_version=4))
            for p in sorted(executed_dir.rglob("*.ipynb"))
        ]
    executed_at = time.perf_counter()

    src, html = out / "src", out / "html"
    write_sources(src, executed)
    static = out / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MERMAID_JS, static / "mermaid.min.js")
    (static / "mermaid-version.json").write_text(
        json.dumps({"mermaid": _mermaid_version()}), encoding="utf-8"
    )

    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-c",
        str(HERE),
        "-q",
        "-j",
        str(max(1, jobs)),
        "-D",
        f"html_static_path={static},{HERE / 'static'}",
        str(src),
        str(html),
    ]
    if strict:
        cmd[5:5] = ["-W", "--keep-going"]
    proc = subprocess.run(cmd, cwd=ROOT, text=True, encoding="utf-8", capture_output=True)
    if proc.returncode != 0:
        raise CourseError("Sphinx failed:\n" + (proc.stderr or proc.stdout).strip()[-6000:])
    index = html / "index.html"
    done = time.perf_counter()
    print(
        f"Built in {done - started:.1f} s: notebooks {executed_at - started:.1f} s, "
        f"pages {done - executed_at:.1f} s",
        flush=True,
    )
    return index


def _mermaid_version() -> str:
    package = MERMAID_JS.parent.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def serve(html: Path, port: int = 0):
    """Serve the built site on localhost until Ctrl-C."""
    handler = functools.partial(_QuietHandler, directory=str(html))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(
            f"Serving the site on http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C stops it)",
            flush=True,
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped serving the site.")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

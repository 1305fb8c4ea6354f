"""Executed notebooks, made stable: the same outputs from one build to the next (ports, tokens,
timestamps, machine paths), and the cells that show a traceback by mistake."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field


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
    # The methods of an Allow header in one order: DRF's @api_view keeps them in a set, whose
    # order changes with every server process (hash randomisation).
    (
        re.compile(r"""(\bAllow['"]?:\s*['"]?)([A-Z]+(?:, [A-Z]+)+)"""),
        lambda m: m.group(1) + ", ".join(sorted(m.group(2).split(", "))),
    ),
]
# Fractions of a second: a fixed digit per place, and three or more trailing zeros kept, so
# "rounded to milliseconds" (.936692 -> .936000) still shows as .123456 -> .123000, while a time
# that happens to end in a zero (.123450, one in ten) shows as any other.
FRACTION = re.compile(r"(2026-03-02[T ]09:00:00)\.(\d{1,6})")
UNIX_TIMES = re.compile(r"""(['"]?(?:exp|iat|nbf|auth_time)['"]?\s*:\s*)(1\d{9})\b""")
JWT = re.compile(r"\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+")
JWT_PART = re.compile(r"\beyJ[\w-]{16,}")
SIGNATURE = re.compile(r"(signature[^:\n]*:\s*)[\w-]{43}\b")
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "application/json")


def _fraction(match: re.Match) -> str:
    digits = match.group(2)
    kept = len(digits.rstrip("0"))
    if len(digits) - kept < 3:
        kept = len(digits)
    return f"{match.group(1)}.{'123456'[:kept]}{'0' * (len(digits) - kept)}"


def _unix_times(text: str) -> str:
    """exp, iat and the like moved to ``EPOCH``, the differences between them kept."""
    found = [int(m.group(2)) for m in UNIX_TIMES.finditer(text)]
    if not found:
        return text
    first = min(found)
    return UNIX_TIMES.sub(lambda m: f"{m.group(1)}{EPOCH + int(m.group(2)) - first}", text)


def _b64decode(part: str) -> str | None:

    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8")
    except ValueError:
        return None


def _b64encode(text: str) -> str:

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
        cell.metadata.pop("execution", None)  # when the kernel ran it: timing, not content
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

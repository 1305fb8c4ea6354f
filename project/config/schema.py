"""drf-spectacular post-processing: the error answers of every operation, in the schema.

drf-spectacular documents the success answer of each operation only. Every operation of this
API can also answer with the refusals below, each a JSON object with a reason; listing them
lets clients (and schemathesis' conformance check) expect them.
"""

ERROR = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "description": "Why the request was refused: `detail` for the whole request, "
    "or a list of messages per field (`{\"title\": [\"This field is required.\"]}`).",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}


def error_responses(path, method, operation):
    """The refusals an operation can answer, by status code."""
    answers = {
        "429": "Too many requests: the throttle (or, on sign-in, the failed-sign-in lockout); see Retry-After.",
    }
    if operation.get("parameters") or "requestBody" in operation:
        answers["400"] = (
            "Bad input: field errors, malformed or too deeply nested JSON, a bad query parameter."
        )
    if "requestBody" in operation:
        answers["413"] = (
            "Request body over the upload limit (DATA_UPLOAD_MAX_MEMORY_SIZE); the reason says it."
        )
    # A token is accepted (so a bad one is refused), or the route's input is a token (JWT).
    if any(operation.get("security", [])) or path.startswith("/accounts/jwt/"):
        answers["401"] = (
            "Not signed in (where that is required), or the token is invalid or expired."
        )
    if method in {"put", "patch", "delete"}:
        answers["403"] = "Signed in, but not the author."
    if "{" in path:
        answers["404"] = "No such object (or it was deleted meanwhile)."
    elif any(parameter.get("name") == "page" for parameter in operation.get("parameters", [])):
        answers["404"] = "No such page (`?page=` past the last one, or not a page number)."
    return answers


def add_error_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: add every missing error answer to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, description in error_responses(path, method, operation).items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR}},
                    },
                )
    return result

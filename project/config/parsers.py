"""DRF's JSON parser, with one more kind of malformed input refused."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No body of this API nests deeper than 2 (an object of strings); 32 leaves room.
MAX_DEPTH = 32


def depth_over(data, limit):
    """True when `data` nests lists or objects more than `limit` deep (no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    """JSON nested deeper than MAX_DEPTH levels is a 400, whatever the interpreter.

    Python's `json` reads each nested list or object with one more nested call: `'[' * 2000` is a
    RecursionError on Python 3.11 (which DRF does not catch: a 500) and parses on 3.13 (whose C
    stack allows deeper), to go on as a value nested 2000 deep. Both are refused here the same way:
    RecursionError while parsing, or a depth over MAX_DEPTH after it.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
        else:
            if not depth_over(data, MAX_DEPTH):
                return data
        raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels.")

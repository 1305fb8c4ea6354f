"""DRF's JSON parser, with one more kind of malformed input refused."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """JSON nested deeper than Python's parser can follow (about 1000 levels) is a 400.

    DRF's parser catches ValueError only; the RecursionError of `'[' * 2000` would be a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None

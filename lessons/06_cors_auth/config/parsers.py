"""How the API reads request bodies: DRF's parsers, with one gap closed."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser, except that JSON nested too deeply is a 400 like any other bad JSON.

    Python's ``json`` reads each nested list or object with one more nested call, so a body such
    as ``[[[[...]]]]`` a thousand levels deep raises RecursionError, which DRF does not catch: a
    500 for twenty bytes of input. Here it is a ParseError, which DRF answers with a JSON 400.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError('JSON parse error - the JSON is nested too deeply.') from None

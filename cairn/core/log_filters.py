"""Logging filters (ADR 0024: nothing sensitive in URLs or logs).

Search is a GET form (the GOV.UK pattern), so a query string can hold a child's name, birth date
or NHS number. Access logs keep the path and drop the query: `StripQueryString` on Django's
development server log (`django.server`), and `gunicorn.conf.py`'s access format in production.
"""

import logging
import re

# "GET /people/search/?q=... HTTP/1.1" -> "GET /people/search/?… HTTP/1.1"
QUERY = re.compile(r"\?[^ \"]*")


class StripQueryString(logging.Filter):
    """Replace the query string in a request line logged by `django.server` with "?…"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (QUERY.sub("?…", record.args[0]), *record.args[1:])
        if isinstance(record.msg, str) and "?" in record.msg and not record.args:
            record.msg = QUERY.sub("?…", record.msg)
        return True

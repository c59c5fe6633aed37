"""Process logging: one record, one line that nobody outside can fake.

Log messages carry values from requests (event ids, channels, action ids, exception messages
quoting input). A newline in one of them would start what looks like a new record, so a reader or
a log shipper could be handed forged lines. The formatter escapes control characters in the
message and indents every further line of a record (a traceback), so only a real record's first
line starts at column 0.
"""
from __future__ import annotations

import logging
import re
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CONTINUATION = "\n    | "
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u2028\u2029\x85]")


def escape(text: str) -> str:
    """Control characters (tab excepted) and Unicode line breaks as visible ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class OneLineFormatter(logging.Formatter):
    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        record.message = escape(record.message)
        return super().formatMessage(record)

    def format(self, record: logging.LogRecord) -> str:
        formatted = super().format(record)
        first, _, rest = formatted.partition("\n")
        if not rest:
            return first
        return first + CONTINUATION + CONTINUATION.join(escape(line) for line in rest.split("\n"))


def configure(verbose: bool) -> None:
    """stderr, INFO (DEBUG with -v); Alembic's chatter only when verbose."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(FORMAT))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])
    logging.getLogger("alembic").setLevel(logging.DEBUG if verbose else logging.WARNING)

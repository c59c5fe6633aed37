"""Process logging: one record, one line that nobody outside can fake, for people or collectors.

Log messages carry values from requests (event ids, channels, action ids, exception messages
quoting input). A newline in one of them would start what looks like a new record, so a reader or
a log shipper could be handed forged lines. The text formatter escapes control characters in the
message and indents every further line of a record (a traceback), so only a real record's first
line starts at column 0; the JSON formatter (LOG_FORMAT=json, for log collectors) writes one JSON
object per line, where a newline is always escaped. LOG_LEVEL sets the level (-v is DEBUG).

A JSON line carries the Slack ids of what is being handled (event_id, trigger_id, user) where they
are known: the Slack adapter binds them for each request, and they reach the listener threads
with the request's context.
"""
from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from bot.config import ConfigError, load_env_file

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CONTINUATION = "\n    | "
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FORMATS = ("text", "json")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u2028\u2029\x85]")
_HANDLER = "borgmesterbot"

_request: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("borgmesterbot_request", default=None)


def escape(text: str) -> str:
    """Control characters (tab excepted) and Unicode line breaks as visible ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def bind(**ids: str | None) -> None:
    """The ids of the request this thread now handles, for its log lines and its listener's (Bolt
    calls a middleware's ``next`` only to mark it, then runs the listener after the middleware has
    returned, so this cannot be a ``with`` block). The next request replaces them."""
    _request.set({k: v for k, v in ids.items() if v})


@contextmanager
def request_scope() -> Iterator[None]:
    """One HTTP request: ids bound inside it are gone when it ends."""
    token = _request.set({})
    try:
        yield
    finally:
        _request.reset(token)


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


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **(_request.get() or {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(verbose: bool = False) -> None:
    """stderr, from LOG_LEVEL and LOG_FORMAT (the environment or the working directory's .env);
    Alembic's chatter only when verbose. Replaces only a handler of its own, so a host's handlers
    (pytest's log capture) stay."""
    load_env_file()
    level = "DEBUG" if verbose else (os.environ.get("LOG_LEVEL", "").strip().upper() or "INFO")
    if level not in LEVELS:
        raise ConfigError(f"LOG_LEVEL skal være en af {', '.join(LEVELS)}, ikke '{level}'.")
    shape = os.environ.get("LOG_FORMAT", "").strip().lower() or "text"
    if shape not in FORMATS:
        raise ConfigError(f"LOG_FORMAT skal være 'text' eller 'json', ikke '{shape}'.")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if shape == "json" else OneLineFormatter(FORMAT))
    handler.set_name(_HANDLER)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.DEBUG if verbose else logging.WARNING)

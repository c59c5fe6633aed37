"""The door of HTTP mode: a request reaches Bolt only after Slack's signature is proved.

Bolt's own check raises on a timestamp that is not a whole number (``int("abc")``) or a signature
with non-ASCII characters, and a raising middleware hands the *unverified* body to the error
handler, which then answered whoever the body named. Bolt also answers a ``url_verification``
challenge and an ``ssl_check`` before its check runs. So the gate sits in front of Bolt, accepts
only the exact shapes Slack sends (a ten-digit-or-so Unix time within five minutes, ``v0=`` and 64
hex digits), and refuses everything else with 401 without logging a byte of the body.
"""
from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
REFUSAL = b'{"error":"invalid request"}'
MALFORMED = b'{"error":"malformed body"}'

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def is_signed_by_slack(verifier: SignatureVerifier, body: bytes, timestamp: str | None, signature: str | None) -> bool:
    """True only for a well-formed, current, matching signature over a UTF-8 body (what Slack
    sends); never raises on what a client sent."""
    if timestamp is None or signature is None:
        return False
    if not (_TIMESTAMP.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
        return False
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return verifier.is_valid(text, timestamp, signature)


def signed_only(inner: WsgiApp, signing_secret: str) -> WsgiApp:
    """Wraps the Bolt WSGI handler: the body (already capped by the server) is read once, checked,
    and handed on unchanged; a refusal is 401 and one log line naming only the client address."""
    verifier = SignatureVerifier(signing_secret)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = _read_body(environ)
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE")
        if body is None or not is_signed_by_slack(verifier, body, timestamp, signature):
            log.warning("refused a request without a valid Slack signature from %s", environ.get("REMOTE_ADDR", "?"))
            return _answer(start_response, "401 Unauthorized", REFUSAL)
        if not _parses_as_bolt_reads_it(body, environ.get("CONTENT_TYPE")):
            log.warning("refused a signed request whose body is not a JSON object or form")
            return _answer(start_response, "400 Bad Request", MALFORMED)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return inner(environ, start_response)

    return application


def _answer(start_response: Callable[..., Any], status: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _parses_as_bolt_reads_it(body: bytes, content_type: str | None) -> bool:
    """Bolt parses the body while building its request, outside any error handler, so a body it
    cannot read (broken JSON, a JSON list, a form whose ``payload`` is not an object) would be a
    500 with a traceback; judged here with Bolt's own parser, it is a 400."""
    try:
        parsed = parse_body(body.decode("utf-8"), content_type.split(";")[0] if content_type else None)
    except (ValueError, RecursionError):
        return False
    return isinstance(parsed, dict)


def _read_body(environ: dict[str, Any]) -> bytes | None:
    """The body as the server buffered it, or None for a Content-Length that is not a number."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return environ["wsgi.input"].read(length) if length > 0 else b""

"""A fake Slack Web API: a real HTTP server that the real ``slack_sdk.WebClient`` talks to.

Point a client at it with ``WebClient(token=..., base_url=fake.url)`` (the app does this through
``SLACK_API_URL``). Every call is recorded, so a test asserts on what the bot actually sent to
Slack, through the real client, its serialisation and its retry handlers.

Answers look like Slack's (``ok``, ``ts``, ``channel``, ``view``, ...). Methods it does not know
answer ``{"ok": false, "error": "unknown_method"}``.

Reading what happened::

    fake.calls("chat.postMessage")                 # every recorded call of a method, oldest first
    fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0MAYOR")
    fake.wait_for("views.publish", count=2)        # blocks until two calls, else AssertionError
    fake.uploads                                   # files received via files_upload_v2
    fake.reset()                                   # forget calls, failures, limits and users

Bolt runs listeners after it has acknowledged the request, so a test must ``wait_for`` the call
it expects rather than look at ``calls`` right after posting the request.

Making Slack misbehave::

    fake.fail_next("chat.postMessage", n=2, error="internal_error", status=500)
    fake.rate_limit_next("chat.postMessage", n=1, retry_after=1)   # HTTP 429 + Retry-After
    fake.fail_for_channel("U0GONE", "account_inactive")            # every call to that recipient
    fake.enforce_rate_limit("chat.postMessage", per_second=5, burst=5)
    fake.slow_down("chat.postMessage", 0.05)                       # accepted at once, answered later

Data the bot may look up::

    fake.calls("conversations.history")            # DMs keep what was posted, with its metadata

    fake.set_user("U0MAYOR", real_name="Anna Borgmester", tz="Europe/Copenhagen")
    fake.set_usergroup("S0STAFF", ["U0STAFF"])

Socket Mode: ``apps.connections.open`` hands out ``fake.sockets`` (see fake_socket.py), a real
WebSocket endpoint the slack_sdk Socket Mode client connects to.

Response URLs handed to slash commands and block actions (see ``fake.response_url()``) are
served by the same server and recorded under the method name ``"response_url"``.
"""
from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.slack.manifest import bot_scopes
from tests.slack_harness.fake_socket import FakeSocketMode

BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
TEAM_ID = "T0KL"
RESPONSE_URL_METHOD = "response_url"


@dataclass(frozen=True)
class ApiCall:
    """One request the fake received: the Slack method, its arguments (query string, form, JSON
    or multipart merged; JSON-encoded form values such as ``blocks`` are decoded) and headers."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    at: float
    status: int
    response: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))

    @property
    def text(self) -> str:
        """The message text plus every text inside its blocks, for assertions on what a user sees."""
        parts = [str(self.args.get("text") or "")]
        for source in (self.args.get("blocks"), (self.args.get("view") or {}).get("blocks")):
            parts.extend(_texts(source))
        return "\n".join(p for p in parts if p)

    @property
    def blocks(self) -> list[dict[str, Any]]:
        view = self.args.get("view")
        if isinstance(view, dict):
            return list(view.get("blocks") or [])
        return list(self.args.get("blocks") or [])

    def action_ids(self) -> list[str]:
        return [e["action_id"] for b in self.blocks for e in b.get("elements", []) + [b.get("accessory") or {}] if "action_id" in e]


@dataclass(frozen=True)
class Upload:
    file_id: str
    filename: str
    title: str | None
    content: bytes
    channel_id: str | None
    initial_comment: str | None


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


@dataclass
class _Failure:
    remaining: int
    error: str
    status: int
    retry_after: int | None = None
    accepted: bool = False


@dataclass
class _Bucket:
    per_second: float
    burst: int
    tokens: float
    updated: float = field(default_factory=time.monotonic)

    def take(self) -> float:
        """0 when a request may pass; otherwise the seconds until one may."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


_JSON_FORM_FIELDS = {"blocks", "attachments", "view", "files", "metadata", "user_auth_blocks"}
_RECIPIENT_FIELDS = ("channel", "channel_id", "users", "user")


class FakeSlack:
    """The server and its recorded state; all methods are thread-safe."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._lock = threading.Condition()
        self._calls: list[ApiCall] = []
        self._uploads: list[Upload] = []
        self._pending_uploads: dict[str, tuple[str, bytes | None]] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._recipient_errors: dict[str, str] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._usergroups: dict[str, list[str]] = {}
        self._channels: dict[str, dict[str, Any]] = {}
        self._scopes: list[str] = bot_scopes()
        self._views: dict[str, dict[str, Any]] = {}
        self._history: dict[str, list[dict[str, Any]]] = {}
        self._groups: dict[str, list[str]] = {}
        self._delays: dict[str, float] = {}
        self.settle: Callable[[], None] | None = None
        """Set by the slack_app fixture: waits until the app has finished what it was asked."""
        self._sockets: FakeSocketMode | None = None
        self._ids = count(1)
        self._ts_base = int(time.time())
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                fake._handle(self)

            def do_GET(self) -> None:  # noqa: N802
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
                """Quiet: the recorded calls are the log."""

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        self.url = f"http://{self.host}:{self.port}/api/"
        # serve_forever sees a shutdown only between polls, and every Slack test stops a fake: a
        # 50 ms poll made each stop wait 25 ms on average; 10 ms costs a few wake-ups a test.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), name="fake-slack", daemon=True)

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> "FakeSlack":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        if self._sockets is not None:
            self._sockets.close()

    @property
    def sockets(self) -> FakeSocketMode:
        """The Socket Mode endpoint apps.connections.open hands out, started on first use."""
        with self._lock:
            if self._sockets is None:
                self._sockets = FakeSocketMode()
            return self._sockets

    def __enter__(self) -> "FakeSlack":
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- reading what happened ------------------------------------------------------------
    def calls(self, method: str | None = None) -> list[ApiCall]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        count: int = 1,
        timeout: float = 5.0,
    ) -> list[ApiCall]:
        """Wait until at least ``count`` calls of ``method`` match; return them (oldest first)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self._calls if c.method == method and (predicate is None or predicate(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = ", ".join(f"{c.method}({_summary(c.args)})" for c in self._calls) or "none"
                    raise AssertionError(
                        f"expected {count} matching {method} call(s) within {timeout}s, got {len(found)}; calls seen: {seen}"
                    )
                self._lock.wait(left)

    def assert_no_call(self, method: str, within: float = 0.3, predicate: Callable[[ApiCall], bool] | None = None) -> None:
        """Check that no (matching) call of ``method`` arrived: once the app in front of this fake
        has finished everything it was asked (``settle``, set by the slack_app fixture), else
        after waiting ``within`` seconds."""
        if self.settle is not None:
            self.settle()
        else:
            time.sleep(within)
        found = [c for c in self.calls(method) if predicate is None or predicate(c)]
        assert not found, f"unexpected {method} call(s): {[_summary(c.args) for c in found]}"

    @property
    def uploads(self) -> list[Upload]:
        with self._lock:
            return list(self._uploads)

    def response_url(self, key: str = "") -> str:
        return f"http://{self.host}:{self.port}/response/{key or next(self._ids)}"

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()
            self._uploads.clear()
            self._pending_uploads.clear()
            self._failures.clear()
            self._recipient_errors.clear()
            self._buckets.clear()
            self._users.clear()
            self._usergroups.clear()
            self._channels.clear()
            self._scopes = bot_scopes()
            self._views.clear()
            self._history.clear()
            self._groups.clear()
            self._delays.clear()

    # -- controls ---------------------------------------------------------------------------
    def fail_next(self, method: str, n: int = 1, error: str = "internal_error", status: int = 200) -> None:
        """The next ``n`` calls of ``method`` answer ``{"ok": false, "error": error}`` with ``status``."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(n, error, status))

    def accept_then_fail(self, method: str, n: int = 1, status: int = 500, error: str = "internal_error") -> None:
        """The next ``n`` calls of ``method`` are carried out (a message is posted and in the
        history) but answered with ``status``: the client cannot tell whether it went out."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(n, error, status, accepted=True))

    def rate_limit_next(self, method: str, n: int = 1, retry_after: int = 1) -> None:
        """The next ``n`` calls of ``method`` answer HTTP 429 with ``Retry-After``."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(n, "ratelimited", 429, retry_after))

    def fail_for_channel(self, channel_or_user: str, error: str) -> None:
        """Every call addressed to this user or channel fails (``user_not_found``, ``account_inactive``...)."""
        with self._lock:
            self._recipient_errors[channel_or_user] = error

    def enforce_rate_limit(self, method: str, per_second: float, burst: int) -> None:
        """A token bucket like Slack's tiers: beyond it, HTTP 429 with the seconds to wait."""
        with self._lock:
            self._buckets[method] = _Bucket(per_second, burst, float(burst))

    def slow_down(self, method: str, seconds: float) -> None:
        """Answer ``method`` only ``seconds`` after the call was accepted and recorded: the window
        in which a client that dies has had its message posted without hearing so."""
        with self._lock:
            self._delays[method] = seconds

    def group_members(self, channel: str) -> list[str]:
        """Who is in a group DM conversations.open made (users, sorted), [] for any other channel."""
        with self._lock:
            return list(self._groups.get(channel, []))

    def stamp_from(self, moment: datetime) -> None:
        """Stamp messages from ``moment`` on (Slack's clock), for a test whose clock is not the
        real one but which looks messages up by time (conversations.history's ``oldest``)."""
        with self._lock:
            self._ts_base = int(moment.timestamp())

    def set_user(self, user_id: str, **fields: Any) -> None:
        with self._lock:
            self._users.setdefault(user_id, {}).update(fields)

    def set_usergroup(self, usergroup_id: str, user_ids: list[str]) -> None:
        with self._lock:
            self._usergroups[usergroup_id] = list(user_ids)

    def set_channel(self, channel_id: str, name: str, *, is_member: bool) -> None:
        """A channel conversations.info knows, with or without the bot in it."""
        with self._lock:
            self._channels[channel_id] = {"id": channel_id, "name": name, "is_channel": True, "is_member": is_member}

    def set_scopes(self, scopes: list[str]) -> None:
        """The bot token's granted scopes, sent as X-OAuth-Scopes (default: the manifest's)."""
        with self._lock:
            self._scopes = list(scopes)

    # -- serving ----------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in request.headers.items()}
        if parts.path.startswith("/upload/"):
            status, payload, extra = self._receive_upload(parts.path.rsplit("/", 1)[-1], raw)
            method, args = "upload", {"file_id": parts.path.rsplit("/", 1)[-1], "length": len(raw)}
        elif parts.path.startswith("/response/"):
            method, args = RESPONSE_URL_METHOD, _parse_args(parts.query, raw, headers)
            args["response_url"] = parts.path
            status, payload, extra = 200, {"ok": True}, {}
        elif parts.path.startswith("/api/"):
            method = parts.path.removeprefix("/api/")
            args = _parse_args(parts.query, raw, headers)
            status, payload, extra = self._answer(method, args)
        else:
            method, args = "not_found", {"path": parts.path}
            status, payload, extra = 404, {"ok": False, "error": "not_found"}, {}
        with self._lock:
            self._calls.append(ApiCall(method, args, headers, time.time(), status, payload))
            self._lock.notify_all()
            delay = self._delays.get(method, 0.0)
        if delay:
            time.sleep(delay)
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        request.send_response(status)
        request.send_header("Content-Type", "text/plain" if isinstance(payload, bytes) else "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(body)

    def _answer(self, method: str, args: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            bucket = self._buckets.get(method)
            wait = bucket.take() if bucket else 0.0
            if wait:
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(max(1, math.ceil(wait)))}
            queue = self._failures.get(method) or []
            if queue:
                failure = queue[0]
                failure.remaining -= 1
                if failure.remaining <= 0:
                    queue.pop(0)
                headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
                if failure.accepted and method in _METHODS:
                    _METHODS[method](self, args)
                return failure.status, {"ok": False, "error": failure.error}, headers
            for name in _RECIPIENT_FIELDS:
                value = args.get(name)
                for recipient in str(value).split(",") if value else ():
                    error = self._recipient_errors.get(recipient) or self._recipient_errors.get(_user_of(recipient))
                    if error:
                        return 200, {"ok": False, "error": error}, {}
            granted = {"X-OAuth-Scopes": ",".join(self._scopes)}
        handler = _METHODS.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, granted
        return 200, handler(self, args), granted

    def _receive_upload(self, file_id: str, raw: bytes) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            if file_id not in self._pending_uploads:
                return 404, b"unknown upload", {}
            filename, _ = self._pending_uploads[file_id]
            self._pending_uploads[file_id] = (filename, raw)
        return 200, f"OK - {len(raw)}".encode(), {}

    # -- the methods ------------------------------------------------------------------------
    def _ts(self) -> str:
        """Like Slack's: seconds of the wall clock, made unique by the counter (history's
        ``oldest`` compares these with real times)."""
        return f"{max(self._ts_base, int(time.time()))}.{next(self._ids):06d}"

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):08d}"

    def _auth_test(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True, "url": "https://kl-test.slack.com/", "team": "KL", "user": "borgmesterbot",
            "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False,
        }

    def _post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _dm_of(str(args.get("channel", "")))
        ts = self._ts()
        message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts, "text": args.get("text", "")}
        if args.get("blocks"):
            message["blocks"] = args["blocks"]
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        if isinstance(args.get("metadata"), dict):
            message["metadata"] = args["metadata"]
        with self._lock:
            self._history.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _conversation_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Newest first, ``oldest``/``latest`` exclusive, ``limit`` per page with a cursor; message
        metadata only with ``include_all_metadata``, as Slack does."""
        channel = str(args.get("channel", ""))
        oldest, latest = float(args.get("oldest") or 0), float(args.get("latest") or "inf")
        limit, start = int(args.get("limit") or 100), int(args.get("cursor") or 0)
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._lock:
            found = [m for m in reversed(self._history.get(channel, [])) if oldest < float(m["ts"]) < latest]
        page = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in found[start : start + limit]]
        more = start + limit < len(found)
        return {
            "ok": True, "messages": page, "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _post_ephemeral(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._ts()}

    def _update(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts"), "text": args.get("text", "")}

    def _delete(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}

    def _open_conversation(self, args: dict[str, Any]) -> dict[str, Any]:
        users = [u for u in str(args.get("users") or "").split(",") if u]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        if len(users) == 1:
            return {"ok": True, "channel": {"id": _dm_of(users[0]), "is_im": True}}
        channel = "G" + "".join(sorted(u[1:] for u in users))[:20]
        with self._lock:
            self._groups[channel] = sorted(users)
        return {"ok": True, "channel": {"id": channel, "is_mpim": True}}

    def _view(self, args: dict[str, Any], *, replace: bool = False) -> dict[str, Any]:
        view = dict(args.get("view") or {})
        view_id = str(args.get("view_id") or "") if replace else ""
        if replace and view_id and view_id not in self._views:
            return {"ok": False, "error": "not_found"}
        view_id = view_id or self._id("V")
        stored = {**view, "id": view_id, "team_id": TEAM_ID, "hash": self._id("h"), "state": {"values": {}}}
        with self._lock:
            self._views[view_id] = stored
        return {"ok": True, "view": stored}

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        return self._view(args)

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        return self._view(args, replace=True)

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("user_id"):
            return {"ok": False, "error": "invalid_arguments"}
        return self._view(args)

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = str(args.get("user", ""))
        with self._lock:
            extra = dict(self._users.get(user_id, {}))
        user = {
            "id": user_id, "team_id": TEAM_ID, "name": user_id.lower(), "real_name": extra.get("real_name", user_id),
            "deleted": False, "is_bot": False, "tz": "Europe/Copenhagen", "tz_offset": 3600,
            "profile": {"real_name": extra.get("real_name", user_id), "display_name": extra.get("display_name", "")},
        }
        user.update(extra)
        return {"ok": True, "user": user}

    def _usergroup_users(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            users = self._usergroups.get(str(args.get("usergroup", "")))
        if users is None:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": users}

    def _conversation_info(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            channel = self._channels.get(str(args.get("channel", "")))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": dict(channel)}

    def _upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = self._id("F")
        with self._lock:
            self._pending_uploads[file_id] = (str(args.get("filename", "")), None)
        return {"ok": True, "upload_url": f"http://{self.host}:{self.port}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files") or []
        done = []
        with self._lock:
            for entry in files:
                filename, content = self._pending_uploads.pop(entry.get("id"), ("", None))
                if content is None:
                    return {"ok": False, "error": "file_not_found"}
                self._uploads.append(Upload(
                    entry["id"], filename, entry.get("title"), content,
                    args.get("channel_id"), args.get("initial_comment"),
                ))
                done.append({"id": entry["id"], "name": filename, "title": entry.get("title"), "size": len(content)})
        return {"ok": True, "files": done}

    def _connections_open(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.sockets.url}


_METHODS: dict[str, Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": FakeSlack._auth_test,
    "chat.postMessage": FakeSlack._post_message,
    "chat.postEphemeral": FakeSlack._post_ephemeral,
    "chat.update": FakeSlack._update,
    "chat.delete": FakeSlack._delete,
    "conversations.open": FakeSlack._open_conversation,
    "conversations.history": FakeSlack._conversation_history,
    "conversations.info": FakeSlack._conversation_info,
    "views.open": FakeSlack._views_open,
    "views.push": FakeSlack._views_open,
    "views.update": FakeSlack._views_update,
    "views.publish": FakeSlack._views_publish,
    "users.info": FakeSlack._users_info,
    "usergroups.users.list": FakeSlack._usergroup_users,
    "files.getUploadURLExternal": FakeSlack._upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
    "apps.connections.open": FakeSlack._connections_open,
}


def _dm_of(channel_or_user: str) -> str:
    """Slack posts a message addressed to a user id into the bot's DM with them (a D channel)."""
    return "D" + channel_or_user[1:] if channel_or_user[:1] in ("U", "W") else channel_or_user


def _user_of(channel: str) -> str:
    return "U" + channel[1:] if channel.startswith("D") else channel


def _parse_args(query: str, raw: bytes, headers: dict[str, str]) -> dict[str, Any]:
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    content_type = headers.get("content-type", "")
    if raw and content_type.startswith("application/json"):
        args.update(json.loads(raw.decode("utf-8")))
    elif raw and content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            args[name] = payload if part.get_filename() else payload.decode("utf-8")
    elif raw:
        args.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    for name in _JSON_FORM_FIELDS & args.keys():
        if isinstance(args[name], str) and args[name][:1] in ("[", "{"):
            args[name] = json.loads(args[name])
    auth = headers.get("authorization", "")
    if auth.startswith("Bearer ") and "token" not in args:
        args["token"] = auth.removeprefix("Bearer ")
    return args


def _summary(args: dict[str, Any]) -> str:
    shown = {k: v for k, v in args.items() if k in ("channel", "user", "users", "user_id", "text", "thread_ts")}
    return ", ".join(f"{k}={str(v)[:60]!r}" for k, v in shown.items())

"""Slack-signed requests in Slack's real wire formats, posted to the app's ``/slack/events``.

Slack signs ``v0:<timestamp>:<raw body>`` with the app's signing secret (HMAC-SHA256) and sends
it in ``X-Slack-Signature`` next to ``X-Slack-Request-Timestamp``; Bolt refuses anything else with
401. ``SlackRequests`` builds the bodies exactly as Slack sends them:

- slash commands: ``application/x-www-form-urlencoded`` fields (``command``, ``text``, ...);
- events: a JSON ``event_callback`` envelope (``event_id``, ``event``, ``authorizations``);
- interactivity (``block_actions``, ``view_submission``, ``view_closed``): form-encoded ``payload=<json>``.

Every method returns a ``SlackHttpResponse`` (status, headers, body) of the app's answer, the
ack. What the listener did after the ack is observed at the fake Web API (``fake.wait_for``).

Transport: over HTTP to ``events_url``, or, given ``dispatch`` (the Bolt app's ``dispatch``), the
same signed bytes and headers handed to Bolt in process as a ``BoltRequest``, as Bolt's own HTTP
adapters do. In process skips the socket and the WSGI server, not Bolt's signature check; the
tests of the HTTP boundary itself (the signing gate, /healthz, body limits) use HTTP.

Signature control, for the refusal cases: ``signature="forged"`` signs with a wrong secret,
``signature="missing"`` leaves the headers out, ``signature="stale"`` signs a timestamp ten
minutes old. Event retries: ``retry_num=1, retry_reason="http_timeout"``.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any, Literal
from urllib.parse import urlencode

from slack_bolt import BoltRequest, BoltResponse

from tests.slack_harness.fake_slack import BOT_USER_ID, TEAM_ID, FakeSlack

API_APP_ID = "A0BORGMESTER"
Signature = Literal["valid", "forged", "missing", "stale"]


@dataclass(frozen=True)
class SlackHttpResponse:
    status: int
    headers: dict[str, str]
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def sign(secret: str, timestamp: str, body: str) -> str:
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


class SlackRequests:
    """Requests as Slack sends them, to the app at ``events_url``, signed with ``signing_secret``."""

    def __init__(
        self,
        events_url: str,
        signing_secret: str,
        fake: FakeSlack,
        *,
        dispatch: Callable[[BoltRequest], BoltResponse] | None = None,
    ) -> None:
        self.events_url = events_url
        self.signing_secret = signing_secret
        self.fake = fake
        self._dispatch = dispatch
        self._seq = count(1)

    # -- transport ----------------------------------------------------------------------------
    def post(
        self,
        body: str,
        content_type: str,
        *,
        signature: Signature = "valid",
        extra_headers: dict[str, str] | None = None,
    ) -> SlackHttpResponse:
        timestamp = str(int(time.time()) - (600 if signature == "stale" else 0))
        headers = {"Content-Type": content_type, **(extra_headers or {})}
        if signature != "missing":
            secret = "forged-" + self.signing_secret if signature == "forged" else self.signing_secret
            headers["X-Slack-Request-Timestamp"] = timestamp
            headers["X-Slack-Signature"] = sign(secret, timestamp, body)
        if self._dispatch is not None:
            answer = self._dispatch(BoltRequest(body=body, headers={name.lower(): value for name, value in headers.items()}))
            return SlackHttpResponse(
                answer.status, {name.title(): ", ".join(values) for name, values in answer.headers.items()}, answer.body
            )
        request = urllib.request.Request(self.events_url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return SlackHttpResponse(answer.status, dict(answer.headers), answer.read().decode())
        except urllib.error.HTTPError as error:
            return SlackHttpResponse(error.code, dict(error.headers), error.read().decode())

    def _form(self, fields: dict[str, Any], **options: Any) -> SlackHttpResponse:
        return self.post(urlencode(fields), "application/x-www-form-urlencoded", **options)

    def _interactive(self, payload: dict[str, Any], **options: Any) -> SlackHttpResponse:
        return self._form({"payload": json.dumps(payload)}, **options)

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._seq):06d}"

    # -- slash commands -----------------------------------------------------------------------
    def command_fields(
        self, command: str, text: str = "", *, user: str = "U0MAYOR", channel: str = "C0GENERAL", channel_name: str = "general"
    ) -> dict[str, str]:
        """A slash command's fields; its ``response_url`` points at the fake (method ``"response_url"``)."""
        return {
            "token": "verification-token-unused",
            "team_id": TEAM_ID,
            "team_domain": "kl-test",
            "channel_id": channel,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": API_APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.fake.response_url(f"cmd{next(self._seq)}"),
            "trigger_id": f"trigger.{next(self._seq)}",
        }

    def command(
        self,
        command: str,
        text: str = "",
        *,
        user: str = "U0MAYOR",
        channel: str = "C0GENERAL",
        channel_name: str = "general",
        signature: Signature = "valid",
    ) -> SlackHttpResponse:
        fields = self.command_fields(command, text, user=user, channel=channel, channel_name=channel_name)
        return self._form(fields, signature=signature)

    # -- events ---------------------------------------------------------------------------------
    def envelope(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """The ``event_callback`` body around ``event`` (also what Socket Mode carries)."""
        return {
            "token": "verification-token-unused",
            "team_id": TEAM_ID,
            "api_app_id": API_APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._seq):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True, "is_enterprise_install": False}],
            "is_ext_shared_channel": False,
            "event_context": f"4-context-{next(self._seq)}",
        }

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        signature: Signature = "valid",
    ) -> SlackHttpResponse:
        """An ``event_callback`` envelope around ``event``; a retry carries the same ``event_id``."""
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        body = json.dumps(self.envelope(event, event_id))
        return self.post(body, "application/json", signature=signature, extra_headers=headers)

    def dm_event(self, text: str, *, user: str = "U0MAYOR", ts: str | None = None) -> dict[str, Any]:
        """A ``message.im`` event: the user writes in their DM with the bot (``D`` + the id's tail)."""
        ts = ts or self._next_ts()
        return {
            "type": "message", "channel": "D" + user[1:], "user": user, "text": text, "ts": ts,
            "event_ts": ts, "channel_type": "im", "team": TEAM_ID,
        }

    def direct_message(self, text: str, *, user: str = "U0MAYOR", ts: str | None = None, **options: Any) -> SlackHttpResponse:
        return self.event(self.dm_event(text, user=user, ts=ts), **options)

    def mention(
        self, text: str, *, user: str = "U0MAYOR", channel: str = "C0GENERAL", ts: str | None = None,
        thread_ts: str | None = None, **options: Any,
    ) -> SlackHttpResponse:
        """``app_mention``: ``text`` follows ``<@bot>`` in a channel message."""
        event = _channel_event("app_mention", f"<@{BOT_USER_ID}> {text}", user, channel, ts or self._next_ts(), thread_ts)
        return self.event(event, **options)

    def channel_message(
        self, text: str, *, user: str = "U0MAYOR", channel: str = "C0GENERAL", ts: str | None = None,
        thread_ts: str | None = None, **options: Any,
    ) -> SlackHttpResponse:
        """``message.channels``: how the same mention also arrives when the app subscribes to it."""
        event = _channel_event("message", text, user, channel, ts or self._next_ts(), thread_ts)
        event["channel_type"] = "channel"
        return self.event(event, **options)

    def app_home_opened(self, *, user: str = "U0MAYOR", tab: str = "home", **options: Any) -> SlackHttpResponse:
        event = {"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": tab, "event_ts": self._next_ts()}
        return self.event(event, **options)

    # -- interactivity ----------------------------------------------------------------------
    def block_action(
        self,
        action_id: str,
        value: str = "",
        *,
        user: str = "U0MAYOR",
        channel: str | None = "D0MAYOR",
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        block_id: str = "block",
        ephemeral: bool = False,
        signature: Signature = "valid",
    ) -> SlackHttpResponse:
        """A button click. In a message (``channel`` + ``message``; ``ephemeral`` for one only the
        clicker sees) or in a view (Home tab or modal: pass ``view`` and ``channel=None``)."""
        action_ts = self._next_ts()
        message = message if message is not None else {"type": "message", "ts": self._next_ts(), "text": "", "user": BOT_USER_ID}
        payload: dict[str, Any] = {
            **_interaction("block_actions", user),
            "trigger_id": f"trigger.{next(self._seq)}",
            "actions": [{
                "action_id": action_id, "block_id": block_id, "value": value, "type": "button",
                "text": {"type": "plain_text", "text": action_id}, "action_ts": action_ts,
            }],
        }
        if view is not None:
            payload["container"] = {"type": "view", "view_id": view.get("id", "V0VIEW")}
            payload["view"] = {"id": "V0VIEW", "type": "home", "team_id": TEAM_ID, "state": {"values": {}}, "hash": "h", **view}
        else:
            payload["container"] = {"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": ephemeral}
            payload["channel"] = {"id": channel, "name": "directmessage"}
            payload["message"] = message
            payload["response_url"] = self.fake.response_url(f"act{next(self._seq)}")
        return self._interactive(payload, signature=signature)

    def view_submission(
        self,
        callback_id: str,
        values: dict[str, dict[str, dict[str, Any]]],
        *,
        user: str = "U0MAYOR",
        private_metadata: str = "",
        view_id: str | None = None,
        signature: Signature = "valid",
    ) -> SlackHttpResponse:
        """A modal submitted. ``values`` is Slack's ``view.state.values``: block_id → action_id →
        the element's state, e.g. ``{"seats": {"input": {"type": "plain_text_input", "value": "10"}}}``.
        The response body is the app's ack (``response_action`` "errors" etc.). Each call is a
        modal of its own (a fresh view id, as Slack gives every opened modal) unless ``view_id``
        names one: the same modal submitted again."""
        payload = {
            **_interaction("view_submission", user),
            "trigger_id": f"trigger.{next(self._seq)}",
            "view": _modal(callback_id, values, private_metadata, view_id or f"V0MODAL{next(self._seq)}"),
            "response_urls": [],
        }
        return self._interactive(payload, signature=signature)

    def view_closed(
        self, callback_id: str, *, user: str = "U0MAYOR", private_metadata: str = "", view_id: str = "V0MODAL",
        signature: Signature = "valid",
    ) -> SlackHttpResponse:
        """A modal closed with its close button; Slack sends this only for ``notify_on_close`` views."""
        payload = {
            **_interaction("view_closed", user),
            "view": _modal(callback_id, {}, private_metadata, view_id),
            "is_cleared": False,
        }
        return self._interactive(payload, signature=signature)


def _interaction(kind: str, user: str) -> dict[str, Any]:
    """The envelope every interactive payload (block_actions, view_submission, view_closed) shares."""
    return {
        "type": kind,
        "team": {"id": TEAM_ID, "domain": "kl-test"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "verification-token-unused",
        "is_enterprise_install": False,
        "enterprise": None,
    }


def _modal(callback_id: str, values: dict[str, Any], private_metadata: str, view_id: str) -> dict[str, Any]:
    return {
        "id": view_id, "team_id": TEAM_ID, "type": "modal", "callback_id": callback_id,
        "private_metadata": private_metadata, "state": {"values": values}, "hash": "h",
        "title": {"type": "plain_text", "text": "Modal"}, "blocks": [],
        "app_id": API_APP_ID, "bot_id": "B0BOT", "root_view_id": view_id, "previous_view_id": None,
    }


def _channel_event(kind: str, text: str, user: str, channel: str, ts: str, thread_ts: str | None) -> dict[str, Any]:
    event = {"type": kind, "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts, "team": TEAM_ID}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event

"""Builds the Bolt app from the composition root: the client, retries, the error handler, the
services for every listener, and the listeners themselves."""
from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltContext
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

from bot.config import ConfigError, Settings
from bot.logs import bind
from bot.services import Services
from bot.slack.errors import VERIFIED, handle_error, tell_user_errors_at_the_listener
from bot.slack.listeners import register_all
from bot.slack.notice_sender import SlackNoticeSender
from bot.slack.staff_board import attach_staff_board
from bot.text import clean_all


def retry_handlers(settings: Settings) -> list[RetryHandler]:
    """Connection and server errors are retried once with backoff; 429s wait Retry-After, and
    only when enabled (SLACK_RATE_LIMIT_RETRIES > 0), so a caller with its own queue (the
    broadcast worker) can turn it off and reschedule instead of blocking a thread."""
    handlers: list[RetryHandler] = [ConnectionErrorRetryHandler(max_retry_count=2), ServerErrorRetryHandler(max_retry_count=2)]
    if settings.rate_limit_retries > 0:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=settings.rate_limit_retries))
    return handlers


def build_client(settings: Settings, *, retries: bool = True) -> WebClient:
    """``retries=False`` is for the senders that keep a delivery log (broadcasts, reminders): a
    client-side retry of chat.postMessage after a 5xx or a dropped connection may post a message
    Slack had already accepted, so they retry themselves after looking the message up."""
    settings.require("SLACK_BOT_TOKEN")
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url or WebClient.BASE_URL,
        retry_handlers=retry_handlers(settings) if retries else [],
    )


def _staff_usergroup_lookup(client: WebClient, usergroup_id: str) -> Callable[[], set[str]]:
    def fetch() -> set[str]:
        return set(client.usergroups_users_list(usergroup=usergroup_id)["users"])

    return fetch


def _connection_problem(error: Exception, settings: Settings) -> ConfigError:
    """Bolt checks the token with auth.test at start; a refusal or an unreachable Slack is a
    setting to fix, so it becomes one Danish line instead of a traceback."""
    refused = getattr(error.__context__, "response", None) or getattr(error, "response", None)
    if refused is not None and refused.get("error"):
        return ConfigError(
            f"Slack afviste SLACK_BOT_TOKEN ({refused.get('error')}): kopiér bot-tokenet igen fra OAuth & Permissions."
        )
    where = settings.slack_api_url or WebClient.BASE_URL
    return ConfigError(f"Kunne ikke nå Slack på {where} ({error}): tjek netværket eller SLACK_API_URL.")


LISTENER_THREADS = 10
"""Bolt's own default pool size."""


class ContextThreadPool(ThreadPoolExecutor):
    """Bolt runs each listener on this pool; a listener runs in the context of the request that
    submitted it, so its log lines carry that request's Slack ids (bot.logs.bind)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)


def build_app(services: Services, *, listener_executor: Executor | None = None) -> App:
    """The signing secret may be absent in Socket Mode (requests arrive over the socket, not
    signed HTTP); ``serve`` requires it before it starts."""
    settings = services.settings
    client = build_client(settings)
    executor = listener_executor or ContextThreadPool(max_workers=LISTENER_THREADS)
    try:
        # Named, so Bolt does not take its name from inspect.stack(): a walk of every frame that
        # costs milliseconds under a deep stack (each test's app) and tells nothing.
        app = App(
            name="borgmesterbot", client=client, signing_secret=settings.slack_signing_secret or "", listener_executor=executor
        )
    except (BoltError, SlackClientError, OSError) as error:
        raise _connection_problem(error, settings) from None
    if settings.staff_usergroup_id:
        services.staff.read_usergroup_with(_staff_usergroup_lookup(client, settings.staff_usergroup_id))
    services.postman.use(services.watched(SlackNoticeSender(client)), background=ThreadPoolExecutor(max_workers=2, thread_name_prefix="notices"))
    attach_staff_board(services, client)
    services.answerer  # noqa: B018 (the index is built now, before the first question, not during a rush)

    @app.middleware
    def provide_services(context: BoltContext, body: dict[str, Any], next: Callable[[], None]) -> None:  # noqa: A002 (Bolt's name)
        # Global middleware added here runs after Bolt's signature check (skipped only for Socket
        # Mode, whose socket Slack authenticated), so reaching it proves the request is Slack's.
        context[VERIFIED] = True
        context["services"] = services
        clean_all(body)  # NUL bytes and lone surrogates, which PostgreSQL refuses, leave here
        bind(event_id=body.get("event_id"), trigger_id=body.get("trigger_id"), user=context.user_id)
        next()

    app.error(handle_error)
    register_all(app)
    tell_user_errors_at_the_listener(app)
    services.follow_catalogue()
    return app

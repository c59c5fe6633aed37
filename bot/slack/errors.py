"""The global error handler: a listener that raises is logged with what it was handling, and the
person who asked gets a short Danish answer instead of silence. A UserError (bot.errors) is a
refusal the person can act on, so they read its own message, where they acted: ephemeral beside a
message or command, in a modal from the Home tab, and under the form's input for a modal submit.
Anything else is a fault, logged with its traceback, and they get the apology with KL's contact.

Only a request that passed the signature check is answered: Bolt also calls this handler for an
error inside its own middleware, before verification, with a body anyone could have written (its
``response_url``, user and channel), and answering that would make the bot post wherever an
attacker pointed it. Such an error is logged without a word of the body."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltRequest, BoltResponse
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import UserError
from bot.slack.blocks.layout import message_modal
from bot.slack.blocks.text import SECTION_TEXT, clip, escape
from bot.slack.toolkit import ModalState, field_errors, open_view, tell

log = logging.getLogger(__name__)

VERIFIED = "borgmesterbot_verified"
APOLOGY = "Beklager, der gik noget galt, så jeg kunne ikke svare. Prøv igen om lidt; sker det igen, så kontakt KL"


def apology(context: dict[str, Any]) -> str:
    """With KL's contact from the catalogue when the services were reached."""
    services = context.get("services")
    if services is None:
        return APOLOGY + "."
    contact = services.catalogue.current.contact
    return f"{APOLOGY}: {contact.email} eller {contact.phone}."


def _describe(body: dict[str, Any], context: dict[str, Any]) -> str:
    event = body.get("event") or {}
    actions = body.get("actions") or [{}]
    parts = {
        "type": body.get("type"),
        "event": event.get("type"),
        "command": body.get("command"),
        "action": actions[0].get("action_id"),
        "view": (body.get("view") or {}).get("callback_id"),
        "user": context.get("user_id"),
        "channel": context.get("channel_id"),
        "event_id": body.get("event_id"),
    }
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def _submit_answer(error: UserError, body: dict[str, Any]) -> dict[str, Any]:
    """A modal submit's answer: the message under the input it concerns (or the form's first
    input); a form without inputs (a preview) is replaced by the message."""
    state = ModalState(body.get("view") or {})
    if state.blocks:
        first = next(iter(body["view"]["state"]["values"]))
        return field_errors(error.fields, state.blocks, first)
    return {"response_action": "update", "view": message_modal("Borgmesterbot", error.message)}


def handle_error(
    error: Exception,
    body: dict[str, Any],
    context: dict[str, Any],
    client: WebClient,
    respond: Respond | None,
    response: BoltResponse | None,
) -> BoltResponse | None:
    """``response`` is None when the listener had acknowledged already; otherwise the answer
    returned here is what Slack gets (a modal submit's errors)."""
    if not context.get(VERIFIED):
        log.error("request failed before its signature was verified: %s", type(error).__name__)
        return None
    if isinstance(error, UserError):
        if body.get("type") == "view_submission" and response is not None:
            log.info("refused (%s): %s", _describe(body, context), error.message)
            answer = _submit_answer(error, body)
            if "view" in answer:
                answer["view"] = answer["view"].to_dict()
            return BoltResponse(status=200, body=json.dumps(answer), headers={"content-type": ["application/json;charset=utf-8"]})
        tell_user_error(error, body, context, client, respond, None)
        return None
    _apologise(error, body, context, client, respond)
    return None


def _apologise(error: Exception, body: dict[str, Any], context: dict[str, Any], client: WebClient, respond: Respond | None) -> None:
    log.error("listener failed: %s", _describe(body, context), exc_info=error)
    _deliver(apology(context), body, context, client, respond)


def tell_user_error(
    error: UserError, body: dict[str, Any], context: dict[str, Any], client: WebClient, respond: Respond | None, ack: Ack | None
) -> None:
    """A refusal where the person acted: under the form's input when a modal submit is still
    unanswered (``ack`` not yet called), else as ``_tell_refusal`` says."""
    log.info("refused (%s): %s", _describe(body, context), error.message)
    if body.get("type") == "view_submission":
        if ack is not None and ack.response is None:
            ack(**_submit_answer(error, body))
        else:
            _deliver(clip(escape(error.message), SECTION_TEXT), body, context, client, None)
        return
    _tell_refusal(error.message, body, context, client, respond)


def tell_user_errors_at_the_listener(app: App) -> None:
    """Catch a UserError where the listener raises it, and tell it by the code above; catch a
    fault raised after ``ack()`` there too, and apologise for it.

    Bolt's thread runner loses the acknowledgement when a listener raises after ``ack()`` (it
    resets ``ack.response`` to None while the request thread may still be waiting for it), so
    Slack got a 404, now and then, and the person an error banner beside the answer or apology.
    A UserError is an ordinary outcome of a listener, not a fault, so it must not go through that
    path, and neither may a fault once the request is acknowledged. A fault before ``ack()`` is
    left to Bolt, which answers 500 and calls ``handle_error``. Bolt offers no public hook around
    a listener's run, hence the wrap of each registered listener (``App._listeners``)."""
    for listener in app._listeners:
        listener.run_ack_function = _telling(listener.run_ack_function)  # type: ignore[method-assign]


def _telling(run: Callable[..., BoltResponse | None]) -> Callable[..., BoltResponse | None]:
    def run_telling(*, request: BoltRequest, response: BoltResponse) -> BoltResponse | None:
        try:
            return run(request=request, response=response)
        except UserError as error:
            context = request.context
            tell_user_error(error, request.body, context, context.client, context.respond, context.ack)
            return None
        except Exception as error:
            context = request.context
            if not context.get(VERIFIED) or context.ack is None or context.ack.response is None:
                raise
            _apologise(error, request.body, context, context.client, context.respond)
            return None

    return run_telling


def _tell_refusal(text: str, body: dict[str, Any], context: dict[str, Any], client: WebClient, respond: Respond | None) -> None:
    """Beside the message or command; from the Home tab or a modal, in a modal; the text is
    escaped, as a refusal may echo what was typed."""
    try:
        if respond is not None and (body.get("response_url") or body.get("command")):
            tell(respond, text)
            return
        if body.get("type") == "block_actions" and body.get("trigger_id"):
            open_view(client, body, message_modal("Borgmesterbot", text))
            return
    except (SlackApiError, SlackClientError, OSError):
        log.exception("could not send the refusal: %s", _describe(body, context))
        return
    _deliver(clip(escape(text), SECTION_TEXT), body, context, client, respond)


def _deliver(text: str, body: dict[str, Any], context: dict[str, Any], client: WebClient, respond: Respond | None) -> None:
    user_id = context.get("user_id")
    channel_id = context.get("channel_id")
    try:
        if respond is not None and (body.get("response_url") or body.get("command")):
            respond(text=text, response_type="ephemeral", replace_original=False)
        elif channel_id and user_id and not channel_id.startswith("D"):
            client.chat_postEphemeral(channel=channel_id, user=user_id, text=text)
        elif user_id:
            client.chat_postMessage(channel=channel_id or user_id, text=text)
    except (SlackApiError, SlackClientError, OSError):
        log.exception("could not send the apology either: %s", _describe(body, context))

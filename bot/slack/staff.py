"""The one staff guard of the Slack adapter: a Bolt listener middleware, attached where a staff
listener is registered (``app.action(ID, middleware=[StaffOnly("what")])``), so the listener runs
only for KL staff and nobody else gets further than the polite refusal. The domain still refuses
staff-only operations on its own; this guard is what the person sees, at every step.

tests/slack/test_staff_guard.py lists every registered listener and checks that the staff ones
carry this guard, so a new staff button cannot forget it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltResponse
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_bolt.middleware.custom_middleware import CustomMiddleware
from slack_sdk import WebClient

from bot.members.staff import REFUSAL
from bot.slack.blocks.layout import message_modal
from bot.slack.toolkit import open_view, services_of, tell

REFUSED_TITLE = "Ingen adgang"


class StaffOnly(CustomMiddleware):
    """``what`` names the step in the refusal log. A modal submit is refused under the input
    ``block`` when given (the form stays open), otherwise by replacing the modal. A click is
    refused beside its message, or in a modal where there is none (Home tab) or where the button
    would have opened one (``in_modal``)."""

    def __init__(self, what: str, *, block: str | None = None, in_modal: bool = False) -> None:
        self.what = what
        self.block = block
        self.in_modal = in_modal

        def guard(
            ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond, next: Callable[[], BoltResponse]  # noqa: A002 (Bolt's name)
        ) -> BoltResponse | None:
            if services_of(context).staff.check(context.user_id or "", what):
                return next()
            self.refuse(ack, body, client, respond)
            return ack.response

        super().__init__(app_name=__name__, func=guard)

    def refuse(self, ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """Where the person acted. Returning the acknowledgement ends the request here: Bolt
        would otherwise look on for another listener and answer 404."""
        if body.get("type") == "view_submission":
            if self.block:
                ack(response_action="errors", errors={self.block: REFUSAL})
            else:
                ack(response_action="update", view=message_modal(REFUSED_TITLE, REFUSAL))
            return
        ack()
        clicked = body.get("type") == "block_actions"
        if clicked and (self.in_modal or not body.get("response_url")):
            open_view(client, body, message_modal(REFUSED_TITLE, REFUSAL))
        elif body.get("response_url") or body.get("command"):
            tell(respond, REFUSAL)

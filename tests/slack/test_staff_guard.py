"""Every listener the app registers is either for staff, and then carries the one staff guard
(bot.slack.staff.StaffOnly), or named here as open to everyone. A new listener that is in
neither list fails, so a new staff button or form cannot forget the guard."""
from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import App

from bot.broadcast.message import ACK_ACTION, APPROVE_ACTION, CANCEL_ACTION
from bot.enrolment.notices import CONFIRM_SEAT_ACTION
from bot.members.approval import APPROVE_ACTION as MEMBER_APPROVE_ACTION
from bot.members.approval import REJECT_ACTION as MEMBER_REJECT_ACTION
from bot.reminders.host_turn_notices import HOST_CHOOSE_ACTION, HOST_KL_ACTION, HOST_PASS_ACTION
from bot.reminders.notices import HOTLINE_OPT_IN_ACTION, HOTLINE_OPT_OUT_ACTION
from bot.services import Services
from bot.slack.app import build_app
from bot.slack.blocks import broadcast as broadcast_form
from bot.slack.blocks import enrolment as enrolment_blocks
from bot.slack.blocks import offer_form as catalogue_form
from bot.slack.blocks import praktik as praktik_blocks
from bot.slack.blocks import reminders as reminder_blocks
from bot.slack.blocks import staffdesk as staffdesk_blocks
from bot.slack.blocks.answers import CLARIFY_ACTIONS, CONSENT_ACTION, HELPFUL_ACTION, UNHELPFUL_ACTION
from bot.slack.blocks.home import PAGE_ACTION
from bot.slack.blocks.host_turns import HOST_TURN_CALLBACK
from bot.slack.blocks.offers import DETAILS_ACTION, ENROL_ACTION, GROUP_ACTION
from bot.slack.staff import StaffOnly

STAFF = {
    ("command", "/udsend"),
    ("command", "/deltagere"),
    ("action", APPROVE_ACTION),
    ("action", CANCEL_ACTION),
    ("action", MEMBER_APPROVE_ACTION),
    ("action", MEMBER_REJECT_ACTION),
    ("action", enrolment_blocks.ROSTER_ACTION),
    ("action", enrolment_blocks.SESSION_NEW_ACTION),
    ("action", enrolment_blocks.SESSION_EDIT_ACTION),
    ("action", enrolment_blocks.SESSION_CANCEL_ACTION),
    ("action", reminder_blocks.CREATE_ACTION),
    ("action", reminder_blocks.MEMBERS_ACTION),
    ("action", reminder_blocks.MEETING_ACTION),
    ("view", broadcast_form.COMPOSE_CALLBACK),
    ("view", broadcast_form.PREVIEW_CALLBACK),
    ("view_closed", broadcast_form.PREVIEW_CALLBACK),
    ("view", enrolment_blocks.SESSION_VIEW),
    ("view", reminder_blocks.CREATE_CALLBACK),
    ("view", reminder_blocks.MEMBERS_CALLBACK),
    ("view", reminder_blocks.MEETING_CALLBACK),
    ("action", catalogue_form.EDIT_ACTION),
    ("action", catalogue_form.NEW_ACTION),
    ("action", catalogue_form.RETIRE_ACTION),
    ("action", catalogue_form.CONFIRM_ACTION),
    ("view", catalogue_form.EDIT_CALLBACK),
    ("view", catalogue_form.NEW_CALLBACK),
    ("view", catalogue_form.RETIRE_CALLBACK),
    ("action", reminder_blocks.FORUM_ACTION),
    ("action", reminder_blocks.HOST_ACTION),
    ("view", reminder_blocks.FORUM_CALLBACK),
    ("view", reminder_blocks.HOST_CALLBACK),
    ("action", praktik_blocks.ROUND_ACTION),
    ("action", praktik_blocks.SWAP_ACTION),
    ("action", praktik_blocks.SEND_ACTION),
    ("view", praktik_blocks.SWAP_CALLBACK),
    ("action", staffdesk_blocks.TAKE_ACTION),
    ("action", staffdesk_blocks.ANSWER_ACTION),
    ("action", staffdesk_blocks.CLOSE_ACTION),
    ("view", staffdesk_blocks.ANSWER_VIEW),
    ("view", staffdesk_blocks.CLOSE_VIEW),
}
EVERYONE = {
    ("command", "/tilbud"),
    ("command", "/hotline"),
    ("command", "/tilmeld"),
    ("command", "/afmeld"),
    ("command", "/mine"),
    ("command", "/netvaerk"),
    ("command", "/paamindelser"),
    ("action", ACK_ACTION),
    ("action", CONFIRM_SEAT_ACTION),
    ("action", ENROL_ACTION),
    ("action", enrolment_blocks.WITHDRAW_ACTION),
    ("action", HELPFUL_ACTION),
    ("action", UNHELPFUL_ACTION),
    ("action", CONSENT_ACTION),
    ("action", PAGE_ACTION),
    ("action", DETAILS_ACTION),
    ("action", GROUP_ACTION),
    ("action", HOTLINE_OPT_OUT_ACTION),
    ("action", HOTLINE_OPT_IN_ACTION),
    *(("action", action_id) for action_id in CLARIFY_ACTIONS),
    ("view", enrolment_blocks.ENROL_VIEW),
    ("view", enrolment_blocks.REGISTER_VIEW),
    # The host's buttons and modal: the domain lets only the member who was asked answer.
    ("action", HOST_CHOOSE_ACTION),
    ("action", HOST_PASS_ACTION),
    ("action", HOST_KL_ACTION),
    ("view", HOST_TURN_CALLBACK),
    ("command", "/praktik"),
    ("action", praktik_blocks.JOIN_ACTION),
    ("action", praktik_blocks.LEAVE_ACTION),
}


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch, slack_settings: Any) -> dict[tuple[str, str], bool]:
    """Each (kind, id) build_app registers, with whether its middleware holds the staff guard,
    recorded at Bolt's own registration methods."""
    seen: dict[tuple[str, str], bool] = {}

    def spy(kind: str) -> None:
        original = getattr(App, kind)

        def register(self: App, constraint: Any, *args: Any, middleware: list[Any] | None = None, **kwargs: Any) -> Any:
            assert isinstance(constraint, str), f"{kind}: register plain ids, not patterns ({constraint!r})"
            assert (kind, constraint) not in seen, f"{kind} {constraint} registered twice"
            seen[(kind, constraint)] = any(isinstance(m, StaffOnly) for m in middleware or [])
            return original(self, constraint, *args, middleware=middleware, **kwargs)

        monkeypatch.setattr(App, kind, register)

    for kind in ("command", "action", "view", "view_closed", "shortcut", "options"):
        spy(kind)
    services = Services.build(slack_settings, migrate=False)
    build_app(services)
    services.db.dispose()
    return seen


def test_every_listener_is_named_as_for_staff_or_for_everyone(registered: dict[tuple[str, str], bool]) -> None:
    assert STAFF.isdisjoint(EVERYONE)
    assert set(registered) == STAFF | EVERYONE


def test_exactly_the_staff_listeners_carry_the_guard(registered: dict[tuple[str, str], bool]) -> None:
    guarded = {key for key, has_guard in registered.items() if has_guard}
    assert guarded == STAFF

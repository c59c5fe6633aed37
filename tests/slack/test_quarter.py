"""A whole quarter on a controlled clock, through the real Bolt app, the real scheduler work and
the fake Slack: the host is proposed and asked in a DM, picks a date in the modal (a holiday
must be confirmed), everyone is invited with an .ics, reminded, told of a change (updated .ics)
and of the cancellation (cancelling .ics). Then the next quarter: a host passes the role on, the
next is reminded once, staff are told, and a host who asks KL reaches staff at once."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.reminders.host_turn_notices import HOST_CHOOSE_ACTION, HOST_KL_ACTION, HOST_PASS_ACTION
from bot.reminders.rhythm import TurnView
from bot.slack.app import build_client
from bot.slack.blocks.host_turns import HOST_TURN_CALLBACK
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.models.rhythm import HostTurn, TurnState
from scheduler.app import build_work
from scheduler.work import ReminderWork
from tests.calendar.parsing import entry
from tests.reminders.helpers import Clock, add_member, add_network, cph, dms_to
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

MAYORS = (("U0ANNA", "Anna Andersen", "Aarhus"), ("U0BO", "Bo Berg", "Vejle"), ("U0CAI", "Cai Christensen", "Horsens"))


@pytest.fixture
def quarter(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> Iterator[tuple[Clock, ReminderWork]]:
    """Netværk Midt (Anna joined first, so she hosts first), the clock at 31 March 2027, and the
    scheduler's work as `borgmesterbot scheduler` builds it, on that clock."""
    clock = Clock(cph(2027, 3, 31, 12))
    services = slack_app.services
    services.clock = clock
    joined = cph(2027, 1, 2)
    ids = [add_member(services.db, user_id, name, town, at=joined.replace(minute=i)) for i, (user_id, name, town) in enumerate(MAYORS)]
    add_network(services.db, "Netværk Midt", ids, at=joined)
    fake_slack.stamp_from(clock())
    yield clock, build_work(services, SlackNoticeSender(build_client(services.settings, retries=False)))


def _turn(slack_app: RunningSlackApp) -> TurnView:
    turn = slack_app.services.host_turns.current("Netværk Midt")
    assert turn is not None
    return turn


def _when(day: str, clock: str = "10:00", *, place: str = "Aarhus Rådhus", confirm: bool = False) -> dict[str, Any]:
    values: dict[str, Any] = {
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "time": {"value": {"type": "timepicker", "selected_time": clock}},
        "place": {"value": {"type": "plain_text_input", "value": place}},
        "agenda": {"value": {"type": "plain_text_input", "value": "1. Velfærd\n2. Eventuelt"}},
    }
    if confirm:
        values["holiday_ok"] = {"value": {"type": "checkboxes", "selected_options": [{"value": "yes"}]}}
    return values


def _ics(fake: FakeSlack, user_id: str) -> list[Any]:
    return [entry(u.content) for u in fake.uploads if u.channel_id == "D" + user_id[1:]]


def test_a_quarter_runs_itself(
    slack: SlackRequests, slack_app: RunningSlackApp, fake_slack: FakeSlack, quarter: tuple[Clock, ReminderWork]
) -> None:
    clock, work = quarter
    work.tick()
    assert slack_app.services.host_turns.current("Netværk Midt") is None, "no turn before the quarter starts"

    clock.set(cph(2027, 4, 1, 8))  # the first day of 2. kvartal
    work.tick()
    turn = _turn(slack_app)
    assert turn.host.slack_user_id == "U0ANNA" and turn.period.name == "2. kvartal 2027"
    [ask] = [c for c in fake_slack.calls("chat.postMessage") if c.args.get("channel") == "D0ANNA"]
    assert "Du er vært for netværkets møde i 2. kvartal 2027" in ask.text
    assert {HOST_CHOOSE_ACTION, HOST_PASS_ACTION, HOST_KL_ACTION} <= set(ask.action_ids())
    work.tick()
    assert len(dms_to(fake_slack, "U0ANNA")) == 1, "asked once"

    # The host picks a date in the DM: the modal, a date outside the quarter, a holiday, then yes.
    slack.block_action(HOST_CHOOSE_ACTION, str(turn.id), user="U0ANNA", channel="D0ANNA")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == HOST_TURN_CALLBACK
    refused = slack.view_submission(HOST_TURN_CALLBACK, _when("2027-07-08"), user="U0ANNA", private_metadata=str(turn.id)).json()
    assert "2. kvartal 2027" in refused["errors"]["date"]
    refused = slack.view_submission(HOST_TURN_CALLBACK, _when("2027-05-06"), user="U0ANNA", private_metadata=str(turn.id)).json()
    assert "Kristi himmelfartsdag" in refused["errors"]["date"], "a holiday must be confirmed"
    other = slack.view_submission(HOST_TURN_CALLBACK, _when("2027-05-12"), user="U0BO", private_metadata=str(turn.id)).json()
    assert "ikke dig" in other["errors"]["date"], "only the host answers"
    done = slack.view_submission(HOST_TURN_CALLBACK, _when("2027-05-06", confirm=True), user="U0ANNA", private_metadata=str(turn.id)).json()
    assert done["response_action"] == "update"
    assert slack_app.services.host_turns.current("Netværk Midt") is None

    clock.advance(minutes=1)
    work.tick()
    for user_id, _, _ in MAYORS:
        assert any("Netværksmøde i Netværk Midt" in text and "torsdag d. 6. maj 2027 kl. 10.00" in text for text in dms_to(fake_slack, user_id))
        [invitation] = _ics(fake_slack, user_id)
        assert (invitation.method, invitation.sequence) == ("PUBLISH", 0)
    assert "Du er vært" in dms_to(fake_slack, "U0ANNA")[-1]

    clock.set(cph(2027, 4, 22, 10))  # 14 days before
    work.tick()
    assert all("om 14 dage" in dms_to(fake_slack, user_id)[-1] for user_id, _, _ in MAYORS)

    clock.set(cph(2027, 4, 23, 9))  # staff move it an hour
    meeting = slack_app.services.meetings.set_network_meeting(
        "Netværk Midt", cph(2027, 5, 6, 11), "Aarhus Rådhus", "1. Velfærd\n2. Eventuelt", host="U0ANNA", holiday_confirmed=True
    )
    work.tick()
    clock.set(cph(2027, 4, 26, 9))
    slack_app.services.meetings.cancel(meeting.id)
    work.tick()
    for user_id, _, _ in MAYORS:
        invited, reminded, changed, cancelled = _ics(fake_slack, user_id)
        assert len({invited.uid, reminded.uid, changed.uid, cancelled.uid}) == 1
        assert [e.sequence for e in (invited, reminded, changed, cancelled)] == [0, 0, 1, 2]
        assert (changed.method, changed.start) == ("PUBLISH", cph(2027, 5, 6, 11))
        assert (cancelled.method, cancelled.status) == ("CANCEL", "CANCELLED")
        assert any(text.startswith("Aflyst") for text in dms_to(fake_slack, user_id))

    # The quarter has no meeting again (the same tick asked the next in rotation).
    assert _turn(slack_app).host.slack_user_id == "U0BO"
    assert "Du er vært for netværkets møde i 2. kvartal 2027" in dms_to(fake_slack, "U0BO")[-1]


def test_pass_on_one_reminder_then_staff_and_asking_kl(
    slack: SlackRequests, slack_app: RunningSlackApp, fake_slack: FakeSlack, quarter: tuple[Clock, ReminderWork]
) -> None:
    clock, work = quarter
    clock.set(cph(2027, 4, 1, 8))
    work.tick()
    anna = _turn(slack_app)
    slack.block_action(HOST_PASS_ACTION, str(anna.id), user="U0ANNA", channel="D0ANNA")
    [said] = fake_slack.wait_for("response_url")
    assert "Bo Berg (Vejle)" in said.text, "the next in rotation"
    work.tick()
    bo = _turn(slack_app)
    assert bo.host.slack_user_id == "U0BO" and len(dms_to(fake_slack, "U0BO")) == 1

    clock.set(cph(2027, 4, 8, 8, 30))  # seven days on: the one reminder
    work.tick()
    work.tick()
    assert "Påmindelse: du er vært for netværkets møde" in dms_to(fake_slack, "U0BO")[-1]
    assert len(dms_to(fake_slack, "U0BO")) == 2
    assert _staff_notes(fake_slack) == []

    clock.set(cph(2027, 4, 15, 8, 30))  # seven more: staff are told, once
    work.tick()
    work.tick()
    fake_slack.wait_for("chat.postMessage", _to_staff)
    [told] = _staff_notes(fake_slack)
    assert "Netværk Midt har intet møde i 2. kvartal 2027" in told and "Bo Berg" in told
    assert len(dms_to(fake_slack, "U0BO")) == 2, "no third DM to the host"

    slack.block_action(HOST_KL_ACTION, str(bo.id), user="U0BO", channel="D0BO")
    fake_slack.wait_for("chat.postMessage", _to_staff, count=2)
    assert "beder KL om hjælp" in _staff_notes(fake_slack)[-1]
    with slack_app.services.db.session() as session:
        assert [t.state for t in session.query(HostTurn).order_by(HostTurn.id)] == [TurnState.PASSED, TurnState.KL]
    clock.advance(days=1)
    work.tick()
    assert slack_app.services.host_turns.current("Netværk Midt") is None, "KL has it; nobody else is asked"


def _to_staff(call: ApiCall) -> bool:
    """A note on the staff desk: with no staff channel it is posted to the staff member's own id."""
    return call.args.get("channel") in ("U0STAFF", "D0STAFF")


def _staff_notes(fake_slack: FakeSlack) -> list[str]:
    return [c.text for c in fake_slack.calls("chat.postMessage") if c.ok and _to_staff(c)]

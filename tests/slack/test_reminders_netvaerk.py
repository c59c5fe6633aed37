"""/netvaerk through the real Bolt app: a member sees the next meeting, staff manage networks,
members and meetings through modals (staff checked at click and submit, a holiday must be
confirmed), and the results arrive as DMs at the fake Slack API."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import utcnow
from bot.members.staff import REFUSAL
from bot.services import Services
from bot.slack.blocks.reminders import (
    CREATE_ACTION,
    CREATE_CALLBACK,
    FORUM_ACTION,
    FORUM_CALLBACK,
    HOST_ACTION,
    HOST_CALLBACK,
    MEETING_ACTION,
    MEETING_CALLBACK,
    MEMBERS_ACTION,
    MEMBERS_CALLBACK,
)
from bot.staffdesk import Action
from bot.staffdesk.audit import COMMAND_LINE
from bot.storage.models.members import Role
from tests.reminders.helpers import add_member, cph, dms_to
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


@pytest.fixture
def services(slack_app: RunningSlackApp) -> Services:
    """U0MAYOR and U0ANNA in Netværk Midt; U0BO a mayor outside it; U0STAFF is staff (configured)."""
    services = slack_app.services
    joined = utcnow() - timedelta(days=30)
    add_member(services.db, "U0MAYOR", "Mette Madsen", "Vejle", at=joined)
    add_member(services.db, "U0ANNA", "Anna Andersen", "Aarhus", at=joined)
    add_member(services.db, "U0BO", "Bo Berg", "Odense", at=joined)
    add_member(services.db, "U0KIM", "Kim Kristensen", None, role=Role.STAFF, at=joined)
    services.networks.create("Netværk Midt")
    services.networks.set_members("Netværk Midt", ["U0MAYOR", "U0ANNA"])
    return services


def _audited(services: Services) -> list[tuple[str, str, str | None]]:
    """The network and meeting rows of the audit log that staff's clicks wrote (the fixture's
    setup is audited as the command line): who, what, the change."""
    kinds = (Action.NETWORK_CHANGED, Action.MEETING_CHANGED)
    return [(r.actor_id, r.subject, r.detail) for r in services.audit.entries() if r.action in kinds and r.actor_id != COMMAND_LINE]


def _meeting_values(day: str, place: str = "Vejle Rådhus", host: str | None = None, holiday_ok: bool = False) -> dict:
    values = {
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "time": {"value": {"type": "timepicker", "selected_time": "10:00"}},
        "place": {"value": {"type": "plain_text_input", "value": place}},
        "agenda": {"value": {"type": "plain_text_input", "value": "1. Budget\n2. <!channel> eventuelt"}},
        "holiday_ok": {"value": {"type": "checkboxes", "selected_options": [{"value": "yes"}] if holiday_ok else []}},
    }
    if host:
        values["host"] = {"value": {"type": "static_select", "selected_option": {"value": host}}}
    return values


def test_a_member_sees_the_next_meeting(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    services.meetings.set_network_meeting("Netværk Midt", cph(2099, 3, 4, 10), "Aarhus Rådhus", "1. Budget")
    assert slack.command("/netvaerk", user="U0MAYOR").status == 200
    [reply] = fake_slack.wait_for("response_url")
    assert reply.args["response_type"] == "ephemeral"
    assert "Netværksmøde i Netværk Midt" in reply.text and "onsdag d. 4. marts 2099 kl. 10.00" in reply.text
    assert "Vært: Mette Madsen (Vejle)" in reply.text and "Anna Andersen (Aarhus)" in reply.text
    assert "for KL's medarbejdere" not in reply.text and reply.action_ids() == []

    slack.command("/netvaerk", user="U0BO")
    replies = fake_slack.wait_for("response_url", count=2)
    assert "ingen planlagte møder" in replies[1].text and "ikke med i et borgmesternetværk" in replies[1].text


def test_staff_set_the_next_meeting_with_the_proposed_host_and_a_holiday_check(
    slack: SlackRequests, fake_slack: FakeSlack, services: Services
) -> None:
    slack.command("/netvaerk", user="U0STAFF")
    [overview] = fake_slack.wait_for("response_url")
    assert "Netværkene (for KL's medarbejdere)" in overview.text and "intet møde sat" in overview.text
    assert {CREATE_ACTION, MEMBERS_ACTION, MEETING_ACTION} <= set(overview.action_ids())
    network_id = services.networks.get("Netværk Midt").id

    slack.block_action(MEETING_ACTION, str(network_id), user="U0STAFF")
    [opened] = fake_slack.wait_for("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == MEETING_CALLBACK and view["private_metadata"] == str(network_id)
    host = next(b for b in view["blocks"] if b.get("block_id") == "host")
    assert host["element"]["initial_option"]["value"] == "U0MAYOR", "the rotation's proposal is pre-filled"
    assert "Værten efter tur er Mette Madsen (Vejle)" in opened.text

    refused = slack.view_submission(MEETING_CALLBACK, _meeting_values("2099-05-21"), user="U0STAFF", private_metadata=str(network_id))
    assert refused.json()["response_action"] == "errors"
    assert refused.json()["errors"]["date"].startswith("Datoen er Kristi himmelfartsdag.")
    assert services.meetings.upcoming("Netværk Midt") == []

    too_long = slack.view_submission(MEETING_CALLBACK, _meeting_values("2099-05-22", place="x" * 301), user="U0STAFF", private_metadata=str(network_id))
    assert "Skriv hvor mødet holdes" in too_long.json()["errors"]["place"]

    saved = slack.view_submission(
        MEETING_CALLBACK, _meeting_values("2099-05-21", host="U0ANNA", holiday_ok=True), user="U0STAFF", private_metadata=str(network_id)
    )
    assert saved.status == 200 and saved.json() is None, "accepted: the modal closes"
    [meeting] = services.meetings.upcoming("Netværk Midt")
    assert meeting.host.slack_user_id == "U0ANNA" and meeting.holiday == "Kristi himmelfartsdag"
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0STAFF")
    [told] = dms_to(fake_slack, "U0STAFF")
    assert "Mødet er sat" in told and "Vært: Anna Andersen (Aarhus)" in told and "Dagen er Kristi himmelfartsdag" in told
    assert "&lt;!channel&gt;" in told and "<!channel>" not in told
    assert _audited(services) == [("U0STAFF", "Netværk Midt torsdag d. 21. maj 2099", "dato sat, vært: Anna Andersen (Aarhus)")]
    services.meetings.cancel(meeting.id, by="U0STAFF")
    assert _audited(services)[-1] == ("U0STAFF", "Netværksmøde i Netværk Midt torsdag d. 21. maj 2099", "aflyst")


def test_staff_create_a_network_and_choose_its_members(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    slack.block_action(CREATE_ACTION, "new", user="U0STAFF")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == CREATE_CALLBACK
    name = lambda text: {"name": {"value": {"type": "plain_text_input", "value": text}}}  # noqa: E731
    assert "findes allerede" in slack.view_submission(CREATE_CALLBACK, name("netværk midt"), user="U0STAFF").json()["errors"]["name"]
    assert slack.view_submission(CREATE_CALLBACK, name("Netværk Syd"), user="U0STAFF").status == 200
    fake_slack.wait_for("chat.postMessage", lambda c: "Netværk Syd er oprettet" in c.text)
    network_id = services.networks.get("Netværk Syd").id

    slack.block_action(MEMBERS_ACTION, str(network_id), user="U0STAFF")
    opened = fake_slack.wait_for("views.open", count=2)[1]
    assert opened.args["view"]["callback_id"] == MEMBERS_CALLBACK
    chosen = lambda *users: {"members": {"value": {"type": "multi_users_select", "selected_users": list(users)}}}  # noqa: E731
    unknown = slack.view_submission(MEMBERS_CALLBACK, chosen("U0BO", "U0GHOST"), user="U0STAFF", private_metadata=str(network_id))
    assert "Ikke i medlemslisten: U0GHOST" in unknown.json()["errors"]["members"]
    slack.view_submission(MEMBERS_CALLBACK, chosen("U0BO", "U0ANNA"), user="U0STAFF", private_metadata=str(network_id))
    fake_slack.wait_for("chat.postMessage", lambda c: "Netværk Syd har nu disse medlemmer" in c.text)
    assert [p.slack_user_id for p in services.networks.get("Netværk Syd").members] == ["U0ANNA", "U0BO"]

    slack.block_action(MEMBERS_ACTION, str(network_id), user="U0STAFF")
    reopened = fake_slack.wait_for("views.open", count=3)[2]
    picker = next(b for b in reopened.args["view"]["blocks"] if b.get("block_id") == "members")
    assert sorted(picker["element"]["initial_users"]) == ["U0ANNA", "U0BO"]
    slack.view_submission(MEMBERS_CALLBACK, chosen("U0BO"), user="U0STAFF", private_metadata=str(network_id))
    fake_slack.wait_for("chat.postMessage", lambda c: "Netværk Syd har nu disse medlemmer: Bo" in c.text)
    assert _audited(services) == [
        ("U0STAFF", "Netværk Syd", "oprettet"),
        ("U0STAFF", "Netværk Syd", "tilføjet: Anna Andersen (Aarhus); tilføjet: Bo Berg (Odense)"),
        ("U0STAFF", "Netværk Syd", "fjernet: Anna Andersen (Aarhus)"),
    ]


def test_mayors_cannot_manage_networks(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    network_id = str(services.networks.get("Netværk Midt").id)
    slack.block_action(MEETING_ACTION, network_id, user="U0MAYOR")
    [refusal] = fake_slack.wait_for("response_url")
    assert refusal.args["text"] == REFUSAL
    fake_slack.assert_no_call("views.open", within=0.2)
    submitted = slack.view_submission(MEETING_CALLBACK, _meeting_values("2099-06-01"), user="U0MAYOR", private_metadata=network_id)
    assert submitted.json()["errors"]["date"] == REFUSAL
    members = {"members": {"value": {"type": "multi_users_select", "selected_users": ["U0MAYOR"]}}}
    assert slack.view_submission(MEMBERS_CALLBACK, members, user="U0MAYOR", private_metadata=network_id).json()["errors"]["members"] == REFUSAL
    assert services.meetings.upcoming() == [] and len(services.networks.get("Netværk Midt").members) == 2


def test_a_forged_request_is_refused(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    assert slack.command("/netvaerk", user="U0STAFF", signature="forged").status == 401
    fake_slack.assert_no_call("response_url", within=0.2)


def test_the_home_tab_lists_the_next_meetings(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    services.meetings.set_network_meeting("Netværk Midt", cph(2099, 3, 4, 10), "Aarhus Rådhus")
    services.meetings.set_forum_meeting("b98", cph(2099, 1, 14, 9, 30), "Aalborg")
    slack.app_home_opened(user="U0MAYOR")
    [published] = fake_slack.wait_for("views.publish")
    headers = [b["text"]["text"] for b in published.args["view"]["blocks"] if b["type"] == "header"]
    assert "Næste møder" in headers
    assert published.text.index("Borgmesterkredsen (B98)") < published.text.index("Netværksmøde i Netværk Midt")
    slack.app_home_opened(user="U0KIM")
    second = fake_slack.wait_for("views.publish", count=2)[1]
    assert "Næste møder" not in [b["text"]["text"] for b in second.args["view"]["blocks"] if b["type"] == "header"]


def test_staff_set_a_b98_date_from_slack(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    slack.command("/netvaerk", user="U0STAFF")
    [listing] = fake_slack.wait_for("response_url")
    assert FORUM_ACTION in listing.action_ids() and HOST_ACTION in listing.action_ids()
    slack.block_action(FORUM_ACTION, "forum", user="U0STAFF", channel="D0STAFF")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == FORUM_CALLBACK
    values = {
        **_meeting_values("2099-01-15", place="Aalborg Kongres & Kultur Center"),
        "forum": {"value": {"type": "static_select", "selected_option": {"value": "b98"}}},
    }
    refused = slack.view_submission(FORUM_CALLBACK, {**values, "date": {"value": {"type": "datepicker", "selected_date": "2099-01-17"}}}, user="U0STAFF")
    assert refused.json()["errors"]["date"].startswith("Datoen er en lørdag."), "a weekend is confirmed, as for networks"
    assert slack.view_submission(FORUM_CALLBACK, values, user="U0STAFF").status == 200
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0STAFF")
    [b98] = services.meetings.upcoming()
    assert (b98.title, b98.place, b98.offer_id) == ("Borgmesterkredsen (B98)", "Aalborg Kongres & Kultur Center", "b98")
    assert slack.view_submission(FORUM_CALLBACK, values, user="U0MAYOR").json()["errors"]["date"] == REFUSAL, "staff only"
    assert _audited(services) == [("U0STAFF", "b98 torsdag d. 15. januar 2099", "dato sat")]


def test_staff_give_the_host_role_to_someone_else_from_slack(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    network_id = services.networks.get("Netværk Midt").id
    slack.block_action(HOST_ACTION, str(network_id), user="U0STAFF", channel="D0STAFF")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == HOST_CALLBACK
    choice = {"host": {"value": {"type": "static_select", "selected_option": {"value": "U0ANNA"}}}}
    assert slack.view_submission(HOST_CALLBACK, choice, user="U0MAYOR", private_metadata=str(network_id)).json()["errors"]["host"] == REFUSAL
    slack.view_submission(HOST_CALLBACK, choice, user="U0STAFF", private_metadata=str(network_id))
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0STAFF")
    turn = services.host_turns.current("Netværk Midt")
    assert turn is not None and turn.host.slack_user_id == "U0ANNA"
    assert [(who, detail) for who, _subject, detail in _audited(services)] == [("U0STAFF", "vært sat: Anna Andersen (Aarhus)")]
    outside = {"host": {"value": {"type": "static_select", "selected_option": {"value": "U0BO"}}}}
    refused = slack.view_submission(HOST_CALLBACK, outside, user="U0STAFF", private_metadata=str(network_id)).json()
    assert "ikke med i Netværk Midt" in refused["errors"]["host"]


def test_a_time_the_spring_night_skips_is_refused_in_the_modal(slack: SlackRequests, fake_slack: FakeSlack, services: Services) -> None:
    network_id = services.networks.get("Netværk Midt").id
    values = {**_meeting_values("2099-03-29"), "time": {"value": {"type": "timepicker", "selected_time": "02:30"}}}
    refused = slack.view_submission(MEETING_CALLBACK, values, user="U0STAFF", private_metadata=str(network_id)).json()
    assert "findes ikke natten til søndag d. 29. marts 2099" in refused["errors"]["date"]
    assert services.meetings.upcoming() == []

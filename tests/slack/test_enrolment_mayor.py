"""Enrolling from Slack, end to end through the real Bolt app and the fake Web API: /tilmeld and
the Tilmeld button open a modal showing date, place, fee and deadline; only its submission
stores anything; the DM with the .ics follows; /afmeld and /mine; strangers say who they are."""
from __future__ import annotations

from sqlalchemy import func, select

from bot.storage.models.enrolment import Enrolment, EnrolmentStatus
from bot.storage.models.members import Member, Role
from tests.slack.enrolment_support import (
    ack_view,
    add_mayor,
    add_secretariat,
    add_session,
    dm_to,
    dms_sent_before_slack_stops,  # noqa: F401 (an autouse fixture)
    enrolments,
    metadata,
    view_text,
)
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


def test_tilmeld_shows_the_details_first_and_stores_on_confirm(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    add_mayor(services)
    add_session(services, fee="1.200 kr. ekskl. moms")
    assert slack.command("/tilmeld", "mødeledelse").status == 200
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "enrol_confirm"
    shown = opened.text
    assert "torsdag d. 5. marts 2099 kl. 10.00–13.00" in shown
    assert "Vejle Rådhus" in shown and "1.200 kr. ekskl. moms" in shown
    assert "torsdag d. 26. februar 2099 kl. 10.00" in shown, "the deadline"
    assert enrolments(services) == [], "nothing is stored before the modal is submitted"

    answer = slack.view_submission("enrol_confirm", {}, private_metadata=metadata(opened))
    assert "Du er tilmeldt Mødeledelse" in view_text(ack_view(answer))
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.ENROLLED)]
    [dm] = fake_slack.wait_for("chat.postMessage", dm_to("U0MAYOR"))
    assert "Tilmelding bekræftet" in dm.text and "Vejle Rådhus" in dm.text
    [upload] = [u for u in fake_slack.wait_for("files.completeUploadExternal")]
    assert fake_slack.uploads[0].filename.endswith(".ics")
    assert b"DTSTART;TZID=Europe/Copenhagen:20990305T100000" in fake_slack.uploads[0].content
    assert upload.ok


def test_a_retried_or_double_submit_enrols_once(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    add_session(services)
    slack.command("/tilmeld", "modeledelse")
    [opened] = fake_slack.wait_for("views.open")
    first = slack.view_submission("enrol_confirm", {}, private_metadata=metadata(opened))
    second = slack.view_submission("enrol_confirm", {}, private_metadata=metadata(opened))
    assert "Du er tilmeldt" in view_text(ack_view(first))
    assert "Du er allerede tilmeldt Mødeledelse" in view_text(ack_view(second))
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.ENROLLED)]
    fake_slack.wait_for("chat.postMessage", dm_to("U0MAYOR"))
    fake_slack.assert_no_call("chat.postMessage", within=0.5, predicate=lambda c: "allerede" in c.text)
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_several_dates_are_a_choice_in_the_modal(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    add_session(services)
    later = add_session(services, days=14)
    slack.block_action("enrol_start", "modeledelse")
    [opened] = fake_slack.wait_for("views.open")
    [choice] = [b for b in opened.blocks if b.get("block_id") == "session"]
    assert [o["value"] for o in choice["element"]["options"]] == [str(later.id - 1), str(later.id)]
    values = {"session": {"choice": {"type": "radio_buttons", "selected_option": {"value": str(later.id)}}}}
    answer = slack.view_submission("enrol_confirm", values, private_metadata=metadata(opened))
    assert "torsdag d. 19. marts 2099" in view_text(ack_view(answer))
    with services.db.session() as session:
        assert session.scalar(select(Enrolment.session_id)) == later.id


def test_the_tilmeld_button_inside_a_modal_pushes(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    add_session(slack_app.services)
    slack.block_action("enrol_start", "modeledelse", channel=None, view={"type": "modal", "id": "V0DETAILS"})
    [pushed] = fake_slack.wait_for("views.push")
    assert pushed.args["view"]["callback_id"] == "enrol_confirm"


def test_a_stranger_says_who_they_are_once(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_session(services)
    fake_slack.set_user("U0NEW", real_name="Niels Nyvalgt")
    slack.command("/tilmeld", "modeledelse", user="U0NEW")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "enrol_register"
    municipalities = [b for b in opened.blocks if b.get("block_id") == "municipality"][0]["element"]["options"]
    assert len(municipalities) == 98

    values = {
        "municipality": {"select": {"type": "static_select", "selected_option": {"value": "Ærø"}}},
        "role": {"choice": {"type": "radio_buttons", "selected_option": {"value": "mayor"}}},
        "first_term": {"check": {"type": "checkboxes", "selected_options": [{"value": "first_term"}]}},
    }
    answer = slack.view_submission("enrol_register", values, user="U0NEW", private_metadata=metadata(opened))
    following = ack_view(answer)
    assert "venter på, at KL bekræfter" in view_text(following), "a claim waits for KL (tests/slack/test_pending_mayors.py)"
    member = services.directory.get("U0NEW")
    assert member is not None and (member.name, member.municipality, member.role, member.first_term) == ("Niels Nyvalgt", "Ærø", Role.MAYOR, True)
    services.approvals.decide("U0NEW", approve=True, by="U0STAFF")

    slack.command("/tilmeld", "modeledelse", user="U0NEW")
    opened_again = fake_slack.wait_for("views.open", count=2)[1]
    assert opened_again.args["view"]["callback_id"] == "enrol_confirm"


def test_an_unknown_municipality_is_an_error_on_the_field(slack: SlackRequests, slack_app: RunningSlackApp) -> None:
    values = {"municipality": {"select": {"type": "static_select", "selected_option": {"value": "Atlantis"}}}}
    answer = slack.view_submission("enrol_register", values, user="U0NEW", private_metadata='{"offer": "modeledelse"}')
    assert answer.json() == {"response_action": "errors", "errors": {"municipality": answer.json()["errors"]["municipality"]}}
    assert "Atlantis" in answer.json()["errors"]["municipality"]
    with slack_app.services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_kinds_are_explained_and_unknown_offers_answered(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    slack.command("/tilmeld", "b98")
    [b98] = fake_slack.wait_for("views.open")
    assert "kræver ingen tilmelding" in b98.text
    slack.command("/tilmeld", "<!channel> karaoke")
    [unknown] = fake_slack.wait_for("response_url")
    assert unknown.args["response_type"] == "ephemeral"
    assert "&lt;!channel&gt;" in unknown.args["text"] and "<!channel>" not in unknown.text
    slack.command("/tilmeld", "medier")
    [_, choice] = fake_slack.wait_for("response_url", count=2)
    assert choice.action_ids() == ["enrol_start"] * 3


def test_a_request_is_sent_from_the_modal(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    slack.command("/tilmeld", "mentorordning")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["submit"]["text"] == "Send anmodning" and "Besked til KL" in opened.text
    values = {"note": {"text": {"type": "plain_text_input", "value": "Gerne en fra Jylland"}}}
    answer = slack.view_submission("enrol_confirm", values, private_metadata=metadata(opened))
    assert "KL har fået din anmodning om Mentorordning" in view_text(ack_view(answer))
    [mine] = slack_app.services.enrolment.mine("U0MAYOR").requests
    assert mine.note == "Gerne en fra Jylland"


def test_full_session_waitlist_and_promotion_by_dm(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    add_mayor(services, "U0OTHER", name="Ole Anden")
    session = add_session(services, capacity=1)
    services.enrolment.enrol("U0OTHER", session.id)
    slack.command("/tilmeld", "modeledelse")
    [opened] = fake_slack.wait_for("views.open")
    answer = slack.view_submission("enrol_confirm", {}, private_metadata=metadata(opened))
    assert "nr. 1 på ventelisten" in view_text(ack_view(answer))

    slack.command("/afmeld", "mødeledelse", user="U0OTHER")
    [withdrawn] = fake_slack.wait_for("response_url")
    assert "Du er afmeldt Mødeledelse" in withdrawn.text
    [promoted] = fake_slack.wait_for("chat.postMessage", lambda c: dm_to("U0MAYOR")(c) and "Du har fået en plads" in c.text)
    assert promoted.ok
    assert enrolments(services) == [("U0OTHER", EnrolmentStatus.WITHDRAWN), ("U0MAYOR", EnrolmentStatus.ENROLLED)]


def test_bekraeft_plads_confirms_once(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    add_mayor(services, "U0OTHER", name="Ole Anden")
    session = add_session(services, capacity=1, fee="900 kr.")
    services.enrolment.enrol("U0OTHER", session.id)
    services.enrolment.enrol("U0MAYOR", session.id)
    services.enrolment.withdraw("U0OTHER", "modeledelse")
    [offer] = fake_slack.wait_for("chat.postMessage", lambda c: dm_to("U0MAYOR")(c) and "enrol_confirm_seat" in c.action_ids())
    [button] = [e for b in offer.blocks for e in b.get("elements", []) if e.get("action_id") == "enrol_confirm_seat"]
    assert button["text"]["text"] == "Bekræft plads"

    slack.block_action("enrol_confirm_seat", button["value"], message={"type": "message", "ts": offer.response["ts"], "text": ""})
    [confirmed] = fake_slack.wait_for("response_url")
    assert confirmed.args["replace_original"] is True and "Pladsen er bekræftet" in confirmed.text
    slack.block_action("enrol_confirm_seat", button["value"])
    [_, again] = fake_slack.wait_for("response_url", count=2)
    assert "allerede bekræftet" in again.text
    assert enrolments(services)[-1] == ("U0MAYOR", EnrolmentStatus.ENROLLED)


def test_mine_lists_with_afmeld_buttons(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    session = add_session(services)
    services.enrolment.enrol("U0MAYOR", session.id)
    services.enrolment.request("U0MAYOR", "mentorordning")
    slack.command("/mine")
    [mine] = fake_slack.wait_for("response_url")
    assert mine.args["response_type"] == "ephemeral"
    assert "Mine tilmeldinger" in mine.text and "torsdag d. 5. marts 2099" in mine.text and "Mentorordning" in mine.text
    assert mine.action_ids() == ["enrol_withdraw", "enrol_withdraw"]
    slack.block_action("enrol_withdraw", f"modeledelse:{session.id}")
    [_, withdrawn] = fake_slack.wait_for("response_url", count=2)
    assert "Du er afmeldt" in withdrawn.text
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.WITHDRAWN)]


def test_a_secretariat_enrols_its_mayor(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    add_secretariat(services, "U0SEC")
    add_session(services)
    slack.command("/tilmeld", "modeledelse", user="U0SEC")
    [opened] = fake_slack.wait_for("views.open")
    assert "Du tilmelder *Mette Mayor* (Vejle) på borgmesterens vegne" in opened.text
    answer = slack.view_submission("enrol_confirm", {}, user="U0SEC", private_metadata=metadata(opened))
    assert "Mette Mayor er tilmeldt" in view_text(ack_view(answer))
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.ENROLLED)]
    fake_slack.wait_for("chat.postMessage", dm_to("U0MAYOR"))
    fake_slack.wait_for("chat.postMessage", dm_to("U0SEC"))


def test_forged_requests_store_nothing(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    session = add_session(slack_app.services)
    answer = slack.view_submission("enrol_confirm", {}, private_metadata=f'{{"offer": "modeledelse", "session": {session.id}}}', signature="forged")
    assert answer.status == 401
    assert slack.command("/tilmeld", "modeledelse", signature="stale").status == 401
    fake_slack.assert_no_call("views.open")
    assert enrolments(slack_app.services) == []


def test_the_home_tab_shows_mine_tilmeldinger(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    slack.app_home_opened(user="U0NEW")
    [stranger] = fake_slack.wait_for("views.publish")
    assert "Mine tilmeldinger" not in stranger.text, "nothing to show for someone the directory does not know"
    add_mayor(services)
    session = add_session(services, capacity=1, fee="900 kr.")
    add_mayor(services, "U0OTHER", name="Ole")
    services.enrolment.enrol("U0OTHER", session.id)
    services.enrolment.enrol("U0MAYOR", session.id)
    services.enrolment.withdraw("U0OTHER", "modeledelse")
    slack.app_home_opened()
    [_, home] = fake_slack.wait_for("views.publish", count=2)
    assert "Mine tilmeldinger" in home.text and "Tilbudt plads, bekræft senest" in home.text
    assert home.action_ids()[:2] == ["enrol_withdraw", "enrol_confirm_seat"]
    [offered] = services.enrolment.mine("U0MAYOR").enrolments
    slack.block_action("enrol_confirm_seat", str(offered.enrolment_id), channel=None, view={"type": "home"})
    [confirmed] = fake_slack.wait_for("views.open")
    assert "Pladsen er bekræftet" in confirmed.text


def test_tilmeld_without_words_lists_the_offers_with_open_dates_and_seats(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    add_mayor(services)
    first = add_session(services, capacity=10)
    add_session(services, days=14, capacity=1)
    add_session(services, "mediehaandtering", capacity=1)
    services.enrolment.enrol("U0MAYOR", first.id)
    slack.command("/tilmeld", "")
    [listed] = fake_slack.wait_for("response_url")
    assert listed.args["response_type"] == "ephemeral"
    assert "*Mødeledelse*: 2 datoer, 10 ledige pladser" in listed.text
    assert "*Håndtering af medier*: 1 dato, 1 ledig plads" in listed.text
    assert [e["value"] for b in listed.blocks if b["type"] == "actions" for e in b["elements"]] == ["modeledelse", "mediehaandtering"]
    assert "Skriv, hvilket tilbud du mener" not in listed.text

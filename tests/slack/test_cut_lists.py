"""A list that shows fewer than it has says so and says where the rest are, in Danish: the
temasessioner answer (9 offers, 5 cards), and the staff Home's dates and pending people."""
from __future__ import annotations

from bot.slack.blocks import staff_home
from bot.slack.blocks.offers import GROUP_ACTION
from tests.slack.enrolment_support import add_session
from tests.slack.staffdesk_support import not_to_staff
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import STAFF_USER, RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


def _cards(blocks: list[dict]) -> list[str]:
    return [b["block_id"].split(":", 1)[1] for b in blocks if b.get("block_id", "").startswith("offer:")]


def test_a_temasession_list_showing_5_of_9_says_how_to_see_the_rest(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    catalogue = slack_app.services.catalogue.current
    themes = [o for o in catalogue.offers if o.subgroup == "Temasessioner for borgmestre"]
    assert len(themes) == 9, "the bundled catalogue has nine temasessioner"
    slack.direct_message("Hvilke temasessioner er der?")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    cards = _cards(reply.blocks)
    assert len(cards) == 5 and set(cards) <= {o.id for o in themes}
    assert "Her er 5 af de 9 tilbud på listen ovenfor" in reply.text
    assert "Tryk »Flere i …« på et af dem for at se hele gruppen" in reply.text
    assert all(o.title in reply.text for o in themes), "the text above the cards names all nine"

    [group] = {e["value"] for b in reply.blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == GROUP_ACTION}
    slack.block_action(GROUP_ACTION, group, channel="D0MAYOR")
    [modal] = fake_slack.wait_for("views.open")
    assert all(o.title in modal.text for o in themes), "the button the text points at shows the rest"


def test_tilmeld_temasession_offers_all_nine_not_five(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    themes = {o.id for o in slack_app.services.catalogue.current.offers if o.subgroup == "Temasessioner for borgmestre"}
    slack.command("/tilmeld", "temasession")
    [asked] = fake_slack.wait_for("response_url")
    assert "9 tilbud passer på »temasession«. Hvilket mener du?" in asked.text
    assert {e["value"] for b in asked.blocks if b["type"] == "actions" for e in b["elements"]} == themes


def test_a_list_short_enough_says_nothing_about_a_rest(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("Hvad koster mentorordningen?")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert "på listen ovenfor" not in reply.text


def test_the_staff_home_says_how_to_see_every_date_when_it_shows_some(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    shown = staff_home.SESSIONS_SHOWN
    for day in range(shown + 2):
        add_session(slack_app.services, days=day + 1)
    slack.app_home_opened(user=STAFF_USER)
    [home] = fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == STAFF_USER)
    assert f"Viser de {shown} første af {shown + 2} datoer" in home.text
    assert "borgmesterbot sessions list" in home.text


def test_the_staff_home_says_how_to_see_everyone_waiting_when_it_shows_some(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    shown = staff_home.PENDING_SHOWN
    for n in range(shown + 1):
        slack_app.services.directory.register(f"U0NEW{n:03d}", f"Ny Person {n}", "Vejle")
    slack.app_home_opened(user=STAFF_USER)
    [home] = fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == STAFF_USER)
    assert f"Viser de {shown} ældste af {shown + 1}" in home.text and "borgmesterbot members pending" in home.text

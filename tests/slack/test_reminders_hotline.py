"""The hotline reminder in Slack: it arrives as a DM with a button to turn it off, the click
(or /paamindelser) turns it off for that mayor only, and the next round respects it."""
from __future__ import annotations

from bot.reminders.delivery import ReminderRunner
from bot.reminders.notices import HOTLINE_OPT_IN_ACTION, HOTLINE_OPT_OUT_ACTION
from bot.slack.notice_sender import SlackNoticeSender
from tests.reminders.helpers import Clock, add_member, cph, dms_to
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


def test_a_mayor_turns_the_hotline_reminder_off_from_the_dm(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_member(services.db, "U0MAYOR", "Mette Madsen", "Vejle", at=cph(2026, 12, 1))
    add_member(services.db, "U0ANNA", "Anna Andersen", "Aarhus", at=cph(2026, 12, 1))
    clock = Clock(cph(2027, 1, 4, 10))
    runner = ReminderRunner(services.db, services.catalogue, SlackNoticeSender(slack_app.app.client), clock=clock)
    assert runner.run_due()["sent"] == 2
    [reminder] = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == "D0MAYOR"]
    assert HOTLINE_OPT_OUT_ACTION in reminder.action_ids() and "KL's hotline" in reminder.text and "112" in reminder.text

    slack.block_action(HOTLINE_OPT_OUT_ACTION, "off", user="U0MAYOR", message={"type": "message", "ts": reminder.response["ts"], "text": ""})
    [answer] = fake_slack.wait_for("response_url")
    assert answer.args["response_type"] == "ephemeral" and "*ikke*" in answer.text and HOTLINE_OPT_IN_ACTION in answer.action_ids()
    assert services.hotline_opt_outs.is_opted_out("U0MAYOR") and not services.hotline_opt_outs.is_opted_out("U0ANNA")

    clock.set(cph(2027, 4, 1, 10))
    assert runner.run_due()["sent"] == 1
    assert len(dms_to(fake_slack, "U0MAYOR")) == 1 and len(dms_to(fake_slack, "U0ANNA")) == 2

    slack.block_action(HOTLINE_OPT_IN_ACTION, "on", user="U0MAYOR")
    again = fake_slack.wait_for("response_url", count=2)[1]
    assert "hvert kvartal" in again.text and HOTLINE_OPT_OUT_ACTION in again.action_ids()
    assert not services.hotline_opt_outs.is_opted_out("U0MAYOR")


def test_paamindelser_turns_it_off_and_on(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_member(slack_app.services.db, "U0MAYOR", "Mette Madsen", "Vejle", at=cph(2026, 12, 1))
    answers = []
    for n, words in enumerate(["hotline fra", "", "Hotline  TIL"], start=1):
        slack.command("/paamindelser", words, user="U0MAYOR")
        answers.append(fake_slack.wait_for("response_url", count=n)[-1])
    off, shown, on = answers
    assert "*ikke*" in off.text and "*ikke*" in shown.text and "hvert kvartal" in on.text
    assert not slack_app.services.hotline_opt_outs.is_opted_out("U0MAYOR")

    slack.command("/paamindelser", "hotline fra", user="U0STRANGER")
    unknown = fake_slack.wait_for("response_url", count=4)[3]
    assert "ikke i Borgmesterbots medlemsliste" in unknown.text


def test_a_deactivated_account_is_reported_not_retried(fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_member(services.db, "U0GONE", "Tidligere borgmester", "Vejle", at=cph(2026, 12, 1))
    fake_slack.fail_for_channel("U0GONE", "account_inactive")
    clock = Clock(cph(2027, 1, 4, 10))
    runner = ReminderRunner(services.db, services.catalogue, SlackNoticeSender(slack_app.app.client), clock=clock)
    assert runner.run_due()["failed"] == 1
    [problem] = services.reminder_log.problems()
    assert (problem.slack_user_id, problem.error) == ("U0GONE", "account_inactive")
    clock.advance(hours=2)
    assert runner.run_due()["failed"] == 0 and len(fake_slack.calls("conversations.open")) == 1, "not tried again"

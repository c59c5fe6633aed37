"""/praktik and the borgmesterpraktik buttons through the real Bolt app: a mayor joins from the
offer's card or the command, staff pair the round, look at it and send the introductions as
group DMs (conversations.open with several users)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from bot.clock import utcnow
from bot.slack.blocks.praktik import JOIN_ACTION, LEAVE_ACTION, ROUND_ACTION, SEND_ACTION, SWAP_ACTION
from bot.staffdesk import Action
from bot.storage.models.members import Approval, Member
from tests.reminders.helpers import add_member
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

MAYORS = (("U0MAYOR", "Mette Madsen", "Vejle"), ("U0ANNA", "Anna Andersen", "Aarhus"), ("U0BO", "Bo Berg", "Odense"), ("U0CAI", "Cai Carlsen", "Roskilde"))


def _members(slack_app: RunningSlackApp) -> None:
    for user_id, name, town in MAYORS:
        add_member(slack_app.services.db, user_id, name, town, at=utcnow() - timedelta(days=3))


def test_a_mayor_joins_from_the_offer_card_and_leaves_with_the_command(
    slack: SlackRequests, slack_app: RunningSlackApp, fake_slack: FakeSlack
) -> None:
    _members(slack_app)
    slack.direct_message("hvad er borgmesterpraktik?")
    [answer] = fake_slack.wait_for("chat.postMessage", lambda c: "Borgmesterpraktik" in c.text)
    assert JOIN_ACTION in answer.action_ids(), "the offer's card has the button"
    slack.block_action(JOIN_ACTION, "borgmesterpraktik")
    [joined] = fake_slack.wait_for("response_url")
    assert "Du er med i borgmesterpraktik" in joined.text and LEAVE_ACTION in joined.action_ids()
    assert slack_app.services.praktik.is_opted_in("U0MAYOR")
    slack.command("/praktik")
    replies = fake_slack.wait_for("response_url", count=2)
    assert LEAVE_ACTION in replies[1].action_ids() and ROUND_ACTION not in replies[1].action_ids(), "no staff buttons for a mayor"
    slack.block_action(LEAVE_ACTION, "borgmesterpraktik")
    fake_slack.wait_for("response_url", count=3)
    assert not slack_app.services.praktik.is_opted_in("U0MAYOR")


def test_a_pending_mayor_cannot_join_until_kl_approves(slack: SlackRequests, slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
    """Praktik uses the one approved-mayor rule: a self-registered mayor waits like everywhere."""
    _members(slack_app)
    with slack_app.services.db.session() as session:
        session.execute(update(Member).where(Member.slack_user_id == "U0MAYOR").values(approval=Approval.PENDING))
    slack.block_action(JOIN_ACTION, "borgmesterpraktik")
    [refused] = fake_slack.wait_for("response_url")
    assert "for borgmestre" in refused.text
    assert not slack_app.services.praktik.is_opted_in("U0MAYOR")
    slack_app.services.approvals.decide("U0MAYOR", approve=True, by="U0STAFF")
    slack.block_action(JOIN_ACTION, "borgmesterpraktik")
    fake_slack.wait_for("response_url", count=2)
    assert slack_app.services.praktik.is_opted_in("U0MAYOR")


def test_staff_pair_look_and_send_group_dms(slack: SlackRequests, slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
    _members(slack_app)
    for user_id, _, _ in MAYORS:
        slack_app.services.praktik.set_opted_in(user_id, True)
    slack.block_action(ROUND_ACTION, "round", user="U0MAYOR", channel="D0MAYOR")
    slack.block_action(ROUND_ACTION, "round", user="U0STAFF", channel="D0STAFF")
    replies = fake_slack.wait_for("response_url", count=2)
    shown = next(r for r in replies if SEND_ACTION in r.action_ids())
    assert SWAP_ACTION in shown.action_ids() and "4 borgmestre er med" in shown.text
    latest = slack_app.services.praktik.latest()
    assert latest is not None and len(latest.pairs) == 2
    slack.block_action(SEND_ACTION, str(latest.id), user="U0STAFF", channel="D0STAFF")
    posts = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel", "").startswith("G"), count=2)
    groups = [fake_slack.group_members(p.args["channel"]) for p in posts]
    assert sorted(u for g in groups for u in g) == sorted(u for u, _, _ in MAYORS) and all(len(g) == 2 for g in groups)
    audited = [(r.actor_id, r.detail) for r in slack_app.services.audit.entries() if r.action is Action.PRAKTIK_CHANGED]
    assert audited == [("U0STAFF", "2 par sat sammen"), ("U0STAFF", "2 introduktioner sendt")], "the mayor's click wrote nothing"

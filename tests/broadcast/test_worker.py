"""The delivery worker against the fake Slack Web API through the real client: every recipient
exactly once, 429s honoured, transient errors retried, permanent ones reported with reasons,
and the crash window between "Slack accepted it" and "marked delivered" closed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from bot.broadcast import outbox
from bot.broadcast.audience import Audience
from bot.broadcast.message import delivery_key
from bot.broadcast.service import Broadcasts, Draft
from bot.broadcast.worker import DeliveryWorker
from bot.clock import utcnow
from bot.notify import Notice
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, BroadcastStatus
from tests.broadcast.conftest import FAST, slack_sender
from tests.broadcast.delivery import delivered_posts, drain, status
from tests.broadcast.directory import STAFF, Seeded
from tests.slack_harness.fake_slack import FakeSlack


@pytest.fixture
def live(make_broadcasts: Callable[..., Broadcasts]) -> Broadcasts:
    """The service on the real clock, so what it schedules is due for the worker at once."""
    return make_broadcasts(use_clock=False)


def _send(live: Broadcasts, audience: Audience, text: str = "Husk borgmestersamlingen", ack: bool = False) -> int:
    preview = live.compose(STAFF, Draft(audience, text, ack_requested=ack))
    live.confirm(STAFF, preview.broadcast_id)
    return preview.broadcast_id


def test_everyone_gets_it_once_with_progress_and_a_report(
    database: Database, seeded: Seeded, live: Broadcasts, make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack
) -> None:
    broadcast_id = _send(live, Audience(AudienceKind.ALL_MAYORS), ack=True)
    worker = make_worker()
    assert worker.deliver_due() == 98
    assert delivered_posts(fake_slack, broadcast_id) == {user: 1 for user in seeded.mayors}
    assert status(database, broadcast_id) is BroadcastStatus.DONE
    [progress] = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == "D0STAFF"]
    assert "Sendt til 0 af 98" in progress.text
    updates = fake_slack.calls("chat.update")
    assert updates and all(u.args["ts"] == progress.response["ts"] for u in updates)
    assert "Sendt til" in updates[0].text
    assert "leveret til 98 af 98" in updates[-1].text and "Læst" in updates[-1].text
    post = next(c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == "D0M00000")
    assert "Husk borgmestersamlingen" in post.text and post.action_ids() == ["broadcast_ack"]
    mayor = seeded.mayors[0]
    counted, refresh = live.acknowledge(mayor, broadcast_id)
    assert counted and refresh is not None and "1 af 98" in str(refresh.notice.facts)


def test_retry_after_is_honoured(
    database: Database, seeded: Seeded, live: Broadcasts, make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack
) -> None:
    broadcast_id = _send(live, Audience(AudienceKind.NETWORK, network_id=seeded.network_id))
    fake_slack.rate_limit_next("chat.postMessage", n=1, retry_after=1)
    drain(make_worker(), database, broadcast_id)
    posts = fake_slack.calls("chat.postMessage")
    limited = next(c for c in posts if c.status == 429)
    after = [c for c in posts if c.at > limited.at]
    assert after and min(c.at for c in after) - limited.at >= 0.95, "nothing was posted before Retry-After had passed"
    assert delivered_posts(fake_slack, broadcast_id) == {user: 1 for user in seeded.network_members}


def test_permanent_failures_are_reported_with_reasons(
    database: Database, seeded: Seeded, live: Broadcasts, make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack
) -> None:
    gone, bot_user = seeded.network_members[1], seeded.network_members[3]
    fake_slack.fail_for_channel(gone, "account_inactive")
    fake_slack.fail_for_channel(bot_user, "cannot_dm_bot")
    broadcast_id = _send(live, Audience(AudienceKind.NETWORK, network_id=seeded.network_id))
    make_worker().deliver_due()
    figures = live.figures(broadcast_id)
    assert (figures.status, figures.delivered, figures.failed) == (BroadcastStatus.DONE, 3, 2)
    assert {(f.recipient_id, f.reason) for f in figures.failures} == {
        (gone, "brugeren er deaktiveret"), (bot_user, "modtageren er en bot"),
    }
    assert not [c for c in fake_slack.calls("conversations.open") if c.args["users"] == gone][1:], "never retried"
    report = fake_slack.calls("chat.update")[-1].text
    assert "brugeren er deaktiveret" in report and f"<@{gone}>" in report and "leveret til 3 af 5" in report


def test_transient_errors_are_retried_with_backoff_and_still_sent_once(
    database: Database, seeded: Seeded, live: Broadcasts, make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack
) -> None:
    broadcast_id = _send(live, Audience(AudienceKind.NETWORK, network_id=seeded.network_id))
    fake_slack.fail_next("chat.postMessage", n=3, error="internal_error", status=500)
    drain(make_worker(), database, broadcast_id)
    assert delivered_posts(fake_slack, broadcast_id) == {user: 1 for user in seeded.network_members}
    failed = {c.args["channel"] for c in fake_slack.calls("chat.postMessage") if c.status == 500 and c.args["channel"] != "D0STAFF"}
    looked_up = {c.args["channel"] for c in fake_slack.calls("conversations.history")}
    assert failed and failed <= looked_up, "an ambiguous error is looked up in the DM before the message is sent again"


def test_gives_up_after_max_attempts_with_the_last_error(
    database: Database, seeded: Seeded, live: Broadcasts, make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack
) -> None:
    broadcast_id = _send(live, Audience(AudienceKind.MUNICIPALITIES, municipalities=("Aarhus",)))
    fake_slack.fail_next("chat.postMessage", n=50, error="fatal_error", status=500)
    drain(make_worker(replace(FAST, max_attempts=3)), database, broadcast_id)
    [failure] = live.figures(broadcast_id).failures
    assert failure.reason == "gav op efter 3 forsøg: fatal_error"


def test_a_crash_after_slack_accepted_but_before_marking_sends_nothing_twice(
    database: Database, seeded: Seeded, live: Broadcasts, make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack
) -> None:
    """The dying worker claimed a batch and got the first message out; the row stayed claimed.
    The next worker takes the stale claims over, finds that message in the DM, and sends the rest."""
    broadcast_id = _send(live, Audience(AudienceKind.NETWORK, network_id=seeded.network_id))
    outbox.start_due(database, utcnow())
    claimed = outbox.claim(database, "dead-worker", utcnow(), limit=3, stale_before=utcnow())
    first = claimed[0]
    slack_sender(fake_slack).send(first.recipient_id, Notice(text="Husk borgmestersamlingen", key=delivery_key(broadcast_id, first.recipient_id)))
    drain(make_worker(replace(FAST, claim_timeout=0.0)), database, broadcast_id)
    assert delivered_posts(fake_slack, broadcast_id) == {user: 1 for user in seeded.network_members}
    looked_up = {c.args["channel"] for c in fake_slack.calls("conversations.history")}
    assert looked_up == {"D" + c.recipient_id[1:] for c in claimed}, "exactly the stale rows were looked up"


def test_a_worker_that_lost_its_claim_can_neither_renew_nor_settle_it(database: Database, seeded: Seeded, live: Broadcasts) -> None:
    """The worker renews its claim right before each send and sends only if that succeeds."""
    _send(live, Audience(AudienceKind.MUNICIPALITIES, municipalities=("Aarhus",)))
    outbox.start_due(database, utcnow())
    [slow] = outbox.claim(database, "slow-worker", utcnow(), limit=1, stale_before=utcnow())
    [taken] = outbox.claim(database, "rescuer", utcnow(), limit=1, stale_before=utcnow())
    assert (taken.id, taken.needs_check) == (slow.id, True)
    assert not outbox.renew(database, slow, "slow-worker", utcnow())
    assert not outbox.mark_delivered(database, slow, "slow-worker", "D0X", "1.0", utcnow())
    assert outbox.renew(database, taken, "rescuer", utcnow())

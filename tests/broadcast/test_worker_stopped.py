"""SIGTERM to a bot process in the middle of a broadcast: it finishes the message in flight, hands
its other claims back and exits 0 within seconds; another worker then delivers the rest at once
(its claim timeout is far longer than the test), and every recipient has the message exactly
once, as seen at the fake Slack API, on SQLite and PostgreSQL."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from bot.broadcast.audience import Audience
from bot.broadcast.service import Broadcasts, Draft
from bot.broadcast.worker import DeliveryWorker
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, BroadcastStatus, OutboxMessage, OutboxState
from tests.broadcast.conftest import FAST
from tests.broadcast.delivery import delivered_posts, status
from tests.broadcast.directory import STAFF, Seeded
from tests.slack.serving import start_serve
from tests.slack_harness.fake_slack import ApiCall, FakeSlack

STOP_AFTER = 20
NEVER_STALE = 3600.0


def _is_recipient_post(call: ApiCall) -> bool:
    return call.args.get("channel", "").startswith("D0M")


def test_sigterm_mid_broadcast_hands_back_and_another_worker_finishes_at_once(
    database: Database, db_url: str, seeded: Seeded, make_broadcasts: Callable[..., Broadcasts],
    make_worker: Callable[..., DeliveryWorker], fake_slack: FakeSlack, tmp_path: Path,
) -> None:
    live = make_broadcasts(use_clock=False)
    preview = live.compose(STAFF, Draft(Audience(AudienceKind.ALL_MAYORS), "Program for borgmestersamlingen"))
    live.confirm(STAFF, preview.broadcast_id)
    served = start_serve(
        tmp_path, fake_slack, DATABASE_URL=db_url,
        BROADCAST_RATE_PER_SECOND="40", BROADCAST_BURST="5", BROADCAST_CLAIM_TIMEOUT=str(NEVER_STALE),
    )
    try:
        fake_slack.wait_for("chat.postMessage", _is_recipient_post, count=STOP_AFTER, timeout=30)
        fake_slack.slow_down("chat.postMessage", 1.0)
        fake_slack.wait_for("chat.postMessage", _is_recipient_post, count=STOP_AFTER + 1, timeout=10)
        asked = time.monotonic()
    finally:
        code, output = served.stop()
    took = time.monotonic() - asked
    fake_slack.slow_down("chat.postMessage", 0.0)
    assert code == 0, output[-3000:]
    assert took < 10, f"stopping took {took:.1f} s"

    with database.session() as session:
        states = dict(session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all())
    assert OutboxState.CLAIMED not in states, "every claim was handed back or settled"
    assert 0 < states.get(OutboxState.DELIVERED, 0) < len(seeded.mayors)
    assert sum(delivered_posts(fake_slack, preview.broadcast_id).values()) == states[OutboxState.DELIVERED], (
        "the message in flight was finished and recorded"
    )

    successor = make_worker(replace(FAST, claim_timeout=NEVER_STALE))
    successor.deliver_due()
    assert status(database, preview.broadcast_id) is BroadcastStatus.DONE, "nothing waited for a claim timeout"
    assert delivered_posts(fake_slack, preview.broadcast_id) == {user: 1 for user in seeded.mayors}
    figures = live.figures(preview.broadcast_id)
    assert (figures.delivered, figures.failed) == (len(seeded.mayors), 0)

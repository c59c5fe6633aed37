"""What the fake Slack saw of a broadcast, counted per recipient: the ground truth for "nobody
missed, nobody twice"."""
from __future__ import annotations

import time
from collections import Counter

from bot.broadcast.worker import DeliveryWorker
from bot.storage.db import Database
from bot.storage.models.broadcast import Broadcast, BroadcastStatus
from tests.slack_harness.fake_slack import FakeSlack


def delivered_posts(fake: FakeSlack, broadcast_id: int) -> Counter[str]:
    """Recipient user id → number of messages of this broadcast Slack accepted for them."""
    prefix = f"broadcast:{broadcast_id}:"
    counts: Counter[str] = Counter()
    for call in fake.calls("chat.postMessage"):
        key = ((call.args.get("metadata") or {}).get("event_payload") or {}).get("key", "")
        if call.ok and key.startswith(prefix):
            counts[key.removeprefix(prefix)] += 1
    return counts


def status(db: Database, broadcast_id: int) -> BroadcastStatus:
    with db.session() as session:
        broadcast = session.get(Broadcast, broadcast_id)
        assert broadcast is not None
        return broadcast.status


def drain(worker: DeliveryWorker, db: Database, broadcast_id: int, timeout: float = 20.0) -> None:
    """Run rounds until the broadcast is done (rows waiting for a backoff need later rounds)."""
    deadline = time.monotonic() + timeout
    while status(db, broadcast_id) is not BroadcastStatus.DONE:
        assert time.monotonic() < deadline, f"broadcast {broadcast_id} not done within {timeout}s"
        if not worker.deliver_due():
            time.sleep(0.02)

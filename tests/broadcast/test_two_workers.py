"""Two worker processes deliver one broadcast together: they share it without overlap (on
PostgreSQL through FOR UPDATE SKIP LOCKED, on SQLite through IMMEDIATE transactions), and the
fake Slack API sees every recipient exactly once."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.broadcast import outbox
from bot.broadcast.audience import Audience
from bot.broadcast.service import Broadcasts, Draft
from bot.clock import utcnow
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, BroadcastStatus, OutboxMessage
from tests.broadcast.delivery import delivered_posts, status
from tests.broadcast.directory import STAFF, seed
from tests.broadcast.workers import start_worker, stop_worker, wait_running, worker_env
from tests.slack_harness.fake_slack import FakeSlack

RECIPIENTS = 300


def test_two_workers_share_one_broadcast_without_overlap(
    database: Database, db_url: str, make_broadcasts: Callable[..., Broadcasts], fake_slack: FakeSlack, tmp_path: Path
) -> None:
    seeded = seed(database, mayors=RECIPIENTS)
    live = make_broadcasts(use_clock=False)
    preview = live.compose(STAFF, Draft(Audience(AudienceKind.ALL_MAYORS), "Ny vidensbank om kommunaløkonomi"))
    assert preview.recipient_count == RECIPIENTS
    env = worker_env(db_url, fake_slack, tmp_path, BROADCAST_RATE_PER_SECOND="60", BROADCAST_BURST="5")
    logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
    workers = [start_worker(env, log) for log in logs]
    try:
        for worker, log in zip(workers, logs):
            wait_running(worker, log)  # both are polling before there is anything to take
        live.confirm(STAFF, preview.broadcast_id)
        deadline = time.monotonic() + 60
        while status(database, preview.broadcast_id) is not BroadcastStatus.DONE:
            assert all(w.poll() is None for w in workers), "a worker exited"
            assert time.monotonic() < deadline, "the two workers did not finish"
            time.sleep(0.1)
    finally:
        codes = [stop_worker(worker) for worker in workers]
    assert codes == [0, 0]

    assert delivered_posts(fake_slack, preview.broadcast_id) == {user: 1 for user in seeded.mayors}
    with database.session() as session:
        by_worker = Counter(session.scalars(select(OutboxMessage.claimed_by).where(OutboxMessage.broadcast_id == preview.broadcast_id)))
    assert len(by_worker) == 2 and all(n > 0 for n in by_worker.values()), f"both workers took part: {by_worker}"
    assert sum(by_worker.values()) == RECIPIENTS


def test_concurrent_claims_never_hand_out_a_row_twice(database: Database, db_url: str, make_broadcasts: Callable[..., Broadcasts]) -> None:
    """The claim itself under heavy contention: four claimers, each on its own connection pool,
    take batches of 5 as fast as they can until nothing is left. (Without the row locks,
    PostgreSQL hands out hundreds of rows twice here.)"""
    seed(database, mayors=RECIPIENTS)
    live = make_broadcasts(use_clock=False)
    preview = live.compose(STAFF, Draft(Audience(AudienceKind.ALL_MAYORS), "Hej"))
    live.confirm(STAFF, preview.broadcast_id)
    outbox.start_due(database, utcnow())
    start = threading.Barrier(4)

    def claimer(name: str) -> list[int]:
        db = Database(db_url)
        taken: list[int] = []
        start.wait()
        while batch := outbox.claim(db, name, utcnow(), limit=5, stale_before=utcnow() - timedelta(minutes=5)):
            taken.extend(item.id for item in batch)
        db.dispose()
        return taken

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(claimer, [f"claimer-{n}" for n in range(4)]))
    every = [row for taken in results for row in taken]
    assert len(every) == len(set(every)) == RECIPIENTS
    if database.engine.dialect.name == "postgresql":
        assert sum(1 for taken in results if taken) >= 2, "SKIP LOCKED let the claimers work side by side"

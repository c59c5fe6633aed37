"""Broadcast delivery through the fake Slack Web API, which enforces a chat.postMessage rate
limit (HTTP 429 with Retry-After beyond it) and is told to answer some extra 429s, some 500s and
a few permanent errors along the way.

For each size it prints the elapsed time against the ideal time the limit allows
(recipients / rate), what Slack refused (429, 5xx), and the two figures that must be 0:
**lost** (a recipient with neither a delivered message nor a recorded permanent failure) and
**duplicated** (a recipient Slack accepted the message for more than once). Counted at the fake
Slack API, not from the bot's own bookkeeping.

    python bench/broadcast_bench.py [--sizes 1000 10000] [--rate 150] [--workers 1] [--postgres SERVER_URL]

The default rate (150 messages/s, burst 10) keeps the 10,000 run under two minutes; Slack's own
limit is about 1 message per second per channel plus a workspace-wide limit, so a real broadcast to
the 98 mayors at the default BROADCAST_RATE_PER_SECOND=1 takes a minute and a half.
"""
from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace

from slack_sdk import WebClient

from bot import PROJECT_ROOT
from bot.broadcast.audience import Audience
from bot.broadcast.service import Broadcasts, Draft
from bot.broadcast.worker import DeliveryPolicy, DeliveryWorker
from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.members.staff import StaffPolicy
from bot.resources import packaged_path
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, Broadcast, BroadcastStatus
from bot.storage.models.members import Member, Role

sys.path.insert(0, str(PROJECT_ROOT))
from scratch_db import fresh_database  # noqa: E402 (beside this script)

from tests.slack_harness.fake_slack import FakeSlack  # noqa: E402 (the harness lives with the tests)

STAFF = "U0STAFF"
HEADROOM = 0.95
"""The workers together run 5 % below the enforced limit, as they should against Slack: at the
limit exactly, the server's bucket sits empty and any network jitter becomes a 429 (and a
one-second pause)."""
PERMANENT_EVERY = 200
"""One recipient in this many is deactivated: a permanent failure, reported, never retried."""


@dataclass(frozen=True)
class Result:
    recipients: int
    rate: float
    elapsed: float
    delivered: int
    failed: int
    refused_429: int
    refused_5xx: int
    lost: int
    duplicated: int

    @property
    def ideal(self) -> float:
        return self.recipients / self.rate

    @property
    def ideal_with_pauses(self) -> float:
        """Plus the second every 429 in this run asks for (the fake's Retry-After is 1 here)."""
        return self.ideal + self.refused_429


def _seed(db: Database, size: int) -> list[str]:
    users = [f"U0B{n:06d}" for n in range(size)]
    now = utcnow()
    with db.session() as session:
        session.execute(
            Member.__table__.insert(),
            [{"slack_user_id": u, "name": f"Borgmester {n}", "municipality": "Aarhus", "role": Role.MAYOR.value,
              "first_term": False, "created_at": now, "updated_at": now} for n, u in enumerate(users)],
        )
    return users


def _trouble(fake: FakeSlack, stop: threading.Event) -> None:
    """Besides the enforced limit: an extra 429 (Retry-After: 1) every 5 s and two 500s every 2 s."""
    started = time.monotonic()
    next_429, next_500 = 5.0, 2.0
    while not stop.wait(0.1):
        now = time.monotonic() - started
        if now >= next_429:
            fake.rate_limit_next("chat.postMessage", n=1, retry_after=1)
            next_429 += 5.0
        if now >= next_500:
            fake.fail_next("chat.postMessage", n=2, error="internal_error", status=500)
            next_500 += 2.0


def _status(db: Database, broadcast_id: int) -> BroadcastStatus:
    with db.session() as session:
        broadcast = session.get(Broadcast, broadcast_id)
        assert broadcast is not None
        return broadcast.status


def run(size: int, rate: float, workers: int, server_url: str | None) -> Result:
    with fresh_database(server_url) as url, FakeSlack() as fake:
        db = Database(url)
        db.migrate()
        users = _seed(db, size)
        gone = set(users[::PERMANENT_EVERY])
        for user in gone:
            fake.fail_for_channel(user, "account_inactive")
        catalogue = CatalogueStore(packaged_path("offers.yaml"))
        service = Broadcasts(db, catalogue, StaffPolicy(db, frozenset({STAFF})), requires_approval=False)
        preview = service.compose(STAFF, Draft(Audience(AudienceKind.ALL_MAYORS), "Benchmark: husk *borgmestersamlingen*", ack_requested=True))
        fake.enforce_rate_limit("chat.postMessage", per_second=rate, burst=10)
        policy = replace(DeliveryPolicy(), rate_per_second=rate * HEADROOM / workers, burst=max(1, 10 // workers),
                         backoff_base=0.5, backoff_cap=5.0, progress_interval=2.0)
        client = WebClient(token="xoxb-bench", base_url=fake.url, retry_handlers=[])
        pool = [DeliveryWorker(db, catalogue, SlackNoticeSender(client), policy, name=f"bench-{n}") for n in range(workers)]
        stop = threading.Event()
        threads = [threading.Thread(target=w.run, args=(stop, 0.05), daemon=True) for w in pool]
        trouble = threading.Thread(target=_trouble, args=(fake, stop), daemon=True)

        started = time.monotonic()
        service.confirm(STAFF, preview.broadcast_id)
        for thread in (*threads, trouble):
            thread.start()
        while _status(db, preview.broadcast_id) is not BroadcastStatus.DONE:
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        stop.set()
        for thread in (*threads, trouble):
            thread.join()

        prefix = f"broadcast:{preview.broadcast_id}:"
        accepted: Counter[str] = Counter()
        posts = fake.calls("chat.postMessage")
        for call in posts:
            key = ((call.args.get("metadata") or {}).get("event_payload") or {}).get("key", "")
            if call.ok and key.startswith(prefix):
                accepted[key.removeprefix(prefix)] += 1
        figures = service.figures(preview.broadcast_id)
        failed = {f.recipient_id for f in figures.failures}
        db.dispose()
    return Result(
        recipients=size, rate=rate, elapsed=elapsed, delivered=len(accepted), failed=len(failed),
        refused_429=sum(1 for c in posts if c.status == 429), refused_5xx=sum(1 for c in posts if c.status >= 500),
        lost=sum(1 for u in users if u not in accepted and u not in failed),
        duplicated=sum(1 for n in accepted.values() if n > 1) + len(failed & set(accepted)),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rate", type=float, default=150.0, help="the limit the fake Slack enforces, messages/s")
    parser.add_argument("--workers", type=int, default=1, help="delivery workers sharing the broadcast")
    parser.add_argument("--postgres", metavar="URL", default=None,
                        help="run on a new database of this PostgreSQL server (dropped afterwards); default: a temporary SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(f"{'recipients':>10} {'limit/s':>8} {'ideal s':>8} {'+429 s':>7} {'elapsed s':>9} {'ratio':>6} {'delivered':>9} "
          f"{'failed':>6} {'429s':>5} {'5xx':>4} {'lost':>5} {'duplicated':>10}")
    ok = True
    for size in args.sizes:
        r = run(size, args.rate, args.workers, args.postgres)
        print(f"{r.recipients:>10} {r.rate:>8g} {r.ideal:>8.1f} {r.ideal_with_pauses:>7.1f} {r.elapsed:>9.1f} {r.elapsed / r.ideal:>6.2f} {r.delivered:>9} "
              f"{r.failed:>6} {r.refused_429:>5} {r.refused_5xx:>4} {r.lost:>5} {r.duplicated:>10}", flush=True)
        ok = ok and r.lost == 0 and r.duplicated == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

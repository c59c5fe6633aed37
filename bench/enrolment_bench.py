"""Enrolment under load: many mayors press Tilmeld at the same moment for a session with few
seats, on SQLite and on PostgreSQL.

Each round releases ``--threads`` enrolments at once (a barrier) for a session with
``--capacity`` seats and prints the wall time, the throughput and the latency of one enrolment
(p50, p95, max). Every round is checked the way the tests check it: exactly ``capacity``
enrolled, the rest waitlisted with positions 1..n in arrival order. DMs are counted, not sent,
so the figures are the database's.

    python bench/enrolment_bench.py [--threads 50] [--capacity 10] [--rounds 5]
                                    [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from scratch_db import fresh_database
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.answers import Answerer
from bot.catalogue.store import CatalogueStore
from bot.enrolment.context import EnrolmentContext
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin, SessionDraft
from bot.notify import DeliveryResult, DeliveryStatus, Notice, Postman
from bot.resources import packaged_path
from bot.staffdesk import AuditLog, StaffDesk
from bot.storage.db import Database
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus
from bot.storage.models.members import Member, Role

START = datetime(2099, 1, 14, 9, tzinfo=timezone.utc)


class CountingSender:
    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        with self._lock:
            self.count += 1
        return DeliveryResult(DeliveryStatus.DELIVERED)

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        return DeliveryResult(DeliveryStatus.DELIVERED)


def run_round(db: Database, service: EnrolmentService, admin: SessionAdmin, round_no: int, threads: int, capacity: int) -> tuple[float, list[float]]:
    users = [f"U{round_no:02d}B{i:04d}" for i in range(threads)]
    with db.session() as session:
        session.add_all(Member(slack_user_id=u, name=u, municipality="Vejle", role=Role.MAYOR) for u in users)
    start = START + timedelta(days=round_no)
    view = admin.add(SessionDraft("modeledelse", start, start + timedelta(hours=2), capacity, place="KL-huset"))
    barrier = threading.Barrier(threads + 1)
    latencies: list[float] = []
    lock = threading.Lock()

    def enrol(user: str) -> None:
        barrier.wait()
        began = time.perf_counter()
        service.enrol(user, view.id)
        with lock:
            latencies.append(time.perf_counter() - began)

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(enrol, u) for u in users]
        barrier.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        wall = time.perf_counter() - began

    with db.session() as session:
        rows = list(session.scalars(select(Enrolment).where(Enrolment.session_id == view.id).order_by(Enrolment.queue_no)))
        statuses = [row.status for row in rows]
        numbers = [row.queue_no for row in rows]
    expected = [EnrolmentStatus.ENROLLED] * capacity + [EnrolmentStatus.WAITLISTED] * (threads - capacity)
    if statuses != expected or numbers != list(range(1, threads + 1)):
        raise SystemExit(f"round {round_no}: WRONG: {statuses.count(EnrolmentStatus.ENROLLED)} enrolled, queue {numbers[:5]}…")
    return wall, latencies


def bench(label: str, url: str, threads: int, capacity: int, rounds: int) -> None:
    db = Database(url, pool_size=10, max_overflow=max(threads - 10, 0))
    db.migrate()
    store = CatalogueStore(packaged_path("offers.yaml"))
    sender = CountingSender()
    postman = Postman(sender)
    context = EnrolmentContext(db, store, postman, StaffDesk(db, postman, AuditLog(db)))
    service = EnrolmentService(context, Answerer(store.current).match_offers)
    admin = SessionAdmin(context)
    walls, latencies = [], []
    for round_no in range(rounds):
        wall, lat = run_round(db, service, admin, round_no, threads, capacity)
        walls.append(wall)
        latencies += lat
    latencies.sort()
    total = threads * rounds
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{label:<11} {rounds} × {threads} at once for {capacity} seats: correct every round; "
        f"{total / sum(walls):6.0f} enrolments/s, wall {statistics.median(walls) * 1000:5.0f} ms per round (median); "
        f"one enrolment p50 {statistics.median(latencies) * 1000:5.1f} ms, p95 {p95 * 1000:5.1f} ms, max {latencies[-1] * 1000:5.1f} ms; "
        f"{sender.count} DMs handed over"
    )
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--capacity", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test", help="admin URL; '' skips PostgreSQL")
    args = parser.parse_args()
    with fresh_database(None) as url:
        bench("SQLite", url, args.threads, args.capacity, args.rounds)
    if args.postgres:
        try:
            with fresh_database(args.postgres) as url:
                bench("PostgreSQL", url, args.threads, args.capacity, args.rounds)
        except OperationalError as error:
            print(f"PostgreSQL skipped: {str(error.orig).strip().splitlines()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

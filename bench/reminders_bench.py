"""How long the reminders tick takes at the size of the real thing: 98 mayors in 14 networks, a
network meeting each, a B98 meeting and a hotline round all due at once, sent through the real
Slack sender to the fake Slack Web API of the test harness.

- **idle tick**: the every-minute run when nothing is due (planning only);
- **busy run**: the run that sends everything due (DMs per second, .ics files included);
- **after**: the tick once all is sent (the delivery log answers "already done").

    python bench/reminders_bench.py [--database-url URL] [--rounds N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.catalogue.store import CatalogueStore  # noqa: E402
from bot.members.municipalities import municipality_names  # noqa: E402
from bot.reminders.delivery import ReminderRunner  # noqa: E402
from bot.reminders.meetings import Meetings  # noqa: E402
from bot.reminders.networks import Networks  # noqa: E402
from bot.resources import packaged_path  # noqa: E402
from bot.storage.db import Database  # noqa: E402
from tests.reminders.helpers import Clock, add_member, cph, slack_sender  # noqa: E402
from tests.slack_harness.fake_slack import FakeSlack  # noqa: E402

NETWORK_SIZE = 7


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"


def _populate(db: Database, catalogue: CatalogueStore, clock: Clock) -> None:
    towns = municipality_names()
    for i, town in enumerate(towns):
        add_member(db, f"U0M{i:03d}", f"Borgmester {town}", town, at=cph(2026, 12, 1))
    networks, meetings = Networks(db), Meetings(db, catalogue, clock)
    for n in range(0, len(towns), NETWORK_SIZE):
        name = f"Netværk {n // NETWORK_SIZE + 1}"
        networks.create(name)
        networks.set_members(name, [f"U0M{i:03d}" for i in range(n, min(n + NETWORK_SIZE, len(towns)))])
        meetings.set_network_meeting(name, cph(2027, 1, 18, 10), f"{towns[n]} Rådhus", "1. Budget\n2. Eventuelt")
    meetings.set_forum_meeting("b98", cph(2027, 1, 18, 13), "Aalborg Kongres & Kultur Center")


def _idle(runner: ReminderRunner, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        runner.run_due()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        db = Database(args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        db.migrate()
        catalogue = CatalogueStore(packaged_path("offers.yaml"))
        clock = Clock(cph(2027, 1, 2, 9))
        _populate(db, catalogue, clock)
        runner = ReminderRunner(db, catalogue, slack_sender(fake), clock=clock)
        idle = _idle(runner, args.rounds)

        clock.set(cph(2027, 1, 4, 10))
        start = time.perf_counter()
        report = runner.run_due()
        busy = time.perf_counter() - start
        after = _idle(runner, args.rounds)
        db.dispose()
    sent = report["sent"]
    print(f"database: {db.engine.dialect.name}; {len(municipality_names())} mayors in networks of {NETWORK_SIZE}")
    print(f"idle tick (nothing due): {_ms(idle)}")
    print(f"busy run: {sent} DMs ({len(fake.uploads)} with .ics) in {busy:.1f} s = {sent / busy:.0f} DMs/s; {report}")
    print(f"tick after everything is sent: {_ms(after)}")


if __name__ == "__main__":
    main()

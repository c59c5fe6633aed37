"""A Slack delivery is claimed once, on both databases, also when two threads race for it."""
from __future__ import annotations

import threading

from bot.inbound import HandledEvents
from bot.storage.db import Database


def test_a_delivery_is_first_only_once(database: Database) -> None:
    handled = HandledEvents(database)
    assert handled.first_time("event:Ev1", "message:C1:1.0")
    assert not handled.first_time("event:Ev1", "message:C1:1.0")
    assert not handled.first_time("event:Ev2", "message:C1:1.0"), "same message, other event id"
    assert handled.first_time("event:Ev2", "message:C1:2.0"), "nothing of a refused claim was kept"


def test_no_keys_means_nothing_to_dedupe(database: Database) -> None:
    assert HandledEvents(database).first_time()
    assert HandledEvents(database).first_time("")


def test_racing_claims_let_exactly_one_through(database: Database) -> None:
    handled = HandledEvents(database)
    start = threading.Barrier(8)
    wins: list[bool] = []

    def claim() -> None:
        start.wait()
        wins.append(handled.first_time("event:EvRACE", "message:C1:9.0"))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 7 + [True]

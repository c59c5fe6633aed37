"""The catalogue in the database: how long `ask` takes to start (no database, and a database
whose version is in use), how long a staff edit takes to store, and how soon a second replica
answers from it (its follower polls every CATALOGUE_POLL_SECONDS; the swap and the index rebuild
are what it costs beyond the poll).

    .venv/bin/python bench/catalogue_bench.py [--postgres URL] [--rounds N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch_db import fresh_database  # noqa: E402
from bot import PROJECT_ROOT  # noqa: E402
from bot.answers import Answerer  # noqa: E402
from bot.catalogue.store import Author, CatalogueStore  # noqa: E402
from bot.resources import packaged_path  # noqa: E402
from bot.storage.db import Database  # noqa: E402
from tests.catalogue.test_store import draft_of  # noqa: E402

SEED = packaged_path("offers.yaml")


def ask_startup(env: dict[str, str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "--json"], input="", capture_output=True, check=True, cwd=PROJECT_ROOT, env=env)
        times.append(time.perf_counter() - started)
    return times


def line(name: str, times: list[float]) -> None:
    print(f"{name:<38} median {statistics.median(times) * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms   ({len(times)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL server URL to run on instead of SQLite")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k not in ("OFFERS_PATH", "DATABASE_URL")}
    with tempfile.TemporaryDirectory() as empty:
        line("ask start-up, no database", ask_startup({**base, "DATA_DIR": empty}, args.rounds))
    with fresh_database(args.postgres) as url:
        db = Database(url)
        db.migrate()
        ours, theirs = CatalogueStore(SEED, db), CatalogueStore(SEED, Database(url))
        line("ask start-up, version in the database", ask_startup({**base, "DATABASE_URL": url}, args.rounds))
        edits, follows, rebuilds = [], [], []
        for round_ in range(args.rounds):
            started = time.perf_counter()
            ours.edit_offer("b98", draft_of(ours, "b98", summary=f"Runde {round_}."), Author("bench", "bench"))
            edits.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert theirs.refresh()
            follows.append(time.perf_counter() - started)
            started = time.perf_counter()
            Answerer(theirs.current)
            rebuilds.append(time.perf_counter() - started)
        started = time.perf_counter()
        polls = [theirs.refresh() for _ in range(100)]
        idle = (time.perf_counter() - started) / len(polls)
        line("staff edit stored (a new version)", edits)
        line("other replica: poll, read and swap", follows)
        line("other replica: answer index rebuilt", rebuilds)
        print(f"{'poll with nothing new':<38} mean {idle * 1000:7.2f} ms")
        db.dispose()


if __name__ == "__main__":
    main()

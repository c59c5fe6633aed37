"""How long pairing one borgmesterpraktik round takes with all 98 mayors as the history grows,
and how fair it stays: repeats (must be 0 while someone new is possible) and pairs within one
region (kommuner.csv), per round.

    python bench/praktik_bench.py [--rounds N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.members.municipalities import municipality_names, region_of  # noqa: E402
from bot.praktik.pairing import Mayor, met_counts, pair_mayors  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    mayors = [Mayor(i, region_of(name)) for i, name in enumerate(municipality_names(), start=1)]
    region = {m.member_id: m.region for m in mayors}
    history: list[tuple[int, ...]] = []
    print("round  seconds  repeats  same-region")
    for round_no in range(args.rounds):
        started = time.perf_counter()
        groups = pair_mayors(mayors, history, seed=round_no)
        took = time.perf_counter() - started
        history += groups
        repeats = sum(count - 1 for count in met_counts(history).values() if count > 1)
        same = sum(1 for g in groups if len({region[i] for i in g}) == 1)
        print(f"{round_no + 1:>5}  {took:7.2f}  {repeats:>7}  {same:>11}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The pairing's fairness over many rounds with all 98 mayors: no pair repeats while someone new
is possible, pairs cross regions (kommuner.csv) where they can, and an odd count makes one trio."""
from __future__ import annotations

from itertools import combinations

from bot.members.municipalities import municipality_names, region_of
from bot.praktik.pairing import Mayor, met_counts, pair_mayors


def _mayors() -> list[Mayor]:
    return [Mayor(i, region_of(name)) for i, name in enumerate(municipality_names(), start=1)]


def test_ten_rounds_with_98_mayors_repeat_nobody_and_cross_regions() -> None:
    mayors = _mayors()
    assert len(mayors) == 98
    region = {m.member_id: m.region for m in mayors}
    history: list[tuple[int, ...]] = []
    for round_no in range(10):
        groups = pair_mayors(mayors, history, seed=round_no)
        assert sorted(i for g in groups for i in g) == [m.member_id for m in mayors], "everyone once"
        assert all(len(g) == 2 for g in groups)
        assert max(met_counts(history + groups).values()) == 1, f"round {round_no + 1}: someone met a mayor again"
        same_region = [g for g in groups if region[g[0]] == region[g[1]]]
        assert same_region == [], f"round {round_no + 1}: {len(same_region)} pairs from one region"
        history += groups


def test_nobody_meets_anyone_twice_before_everyone_has_met_everyone() -> None:
    """Six mayors: five rounds can have everyone meet everyone once; only then do repeats begin."""
    mayors = [Mayor(i) for i in range(1, 7)]
    history: list[tuple[int, ...]] = []
    for round_no in range(5):  # six mayors, five perfect matchings (a round-robin)
        history += pair_mayors(mayors, history, seed=round_no)
        assert max(met_counts(history).values()) == 1, f"a repeat in round {round_no + 1}"
    assert set(met_counts(history)) == {frozenset(p) for p in combinations(range(1, 7), 2)}, "everyone has met everyone"
    assert len(pair_mayors(mayors, history, seed=5)) == 3, "after that, repeats are allowed"


def test_an_odd_count_makes_one_trio_and_too_few_make_none() -> None:
    groups = pair_mayors([Mayor(i, "Midtjylland" if i % 2 else "Sjælland") for i in range(1, 8)])
    assert sorted(len(g) for g in groups) == [2, 2, 3]
    assert pair_mayors([Mayor(1)]) == []

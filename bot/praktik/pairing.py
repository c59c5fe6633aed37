"""Pairing mayors for borgmesterpraktik, fairly: nobody meets a mayor they have met before while
someone new is still possible, and a pair from different regions (or sizes, when the data has
them) is preferred to one from the same. With an odd number one pair becomes a trio.

The cost of a pair is what it breaks: a repeat costs far more than a shared region. A greedy pass
pairs the mayor with the fewest new partners left first (so nobody is left with only repeats),
and an improving pass swaps partners between two pairs while that lowers the total, which is
what lets the last pairs of a round avoid a repeat the greedy pass would have made.
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

REPEAT = 1000.0
SAME_GROUP = 1.0
_MAX_PASSES = 50


@dataclass(frozen=True)
class Mayor:
    member_id: int
    region: str | None = None
    size: str | None = None


def met_counts(past_groups: Iterable[Sequence[int]]) -> Counter[frozenset[int]]:
    """How often each two mayors have been in a group together."""
    counts: Counter[frozenset[int]] = Counter()
    for group in past_groups:
        for a, b in combinations(group, 2):
            counts[frozenset((a, b))] += 1
    return counts


class _Costs:
    def __init__(self, mayors: Sequence[Mayor], met: Counter[frozenset[int]], rng: random.Random) -> None:
        self._by_id = {m.member_id: m for m in mayors}
        self._met = met
        self._jitter = {frozenset(p): rng.random() * 0.01 for p in combinations(self._by_id, 2)}

    def pair(self, a: int, b: int) -> float:
        first, second = self._by_id[a], self._by_id[b]
        cost = REPEAT * self._met[frozenset((a, b))] + self._jitter[frozenset((a, b))]
        if first.region and first.region == second.region:
            cost += SAME_GROUP
        if first.size and first.size == second.size:
            cost += SAME_GROUP / 2
        return cost

    def group(self, members: Sequence[int]) -> float:
        return sum(self.pair(a, b) for a, b in combinations(members, 2))

    def new_partners(self, a: int, among: Iterable[int]) -> int:
        return sum(1 for b in among if b != a and not self._met[frozenset((a, b))])


def pair_mayors(mayors: Sequence[Mayor], past_groups: Iterable[Sequence[int]] = (), *, seed: int = 0) -> list[tuple[int, ...]]:
    """The groups for one round (pairs, and one trio for an odd count); ``seed`` varies which of
    equally good pairings is chosen, so rounds differ without being random to a test."""
    if len(mayors) < 2:
        return []
    rng = random.Random(seed)
    costs = _Costs(mayors, met_counts(past_groups), rng)
    order = [m.member_id for m in mayors]
    rng.shuffle(order)
    rank = {member_id: i for i, member_id in enumerate(order)}
    left = set(order)
    groups: list[list[int]] = []
    while len(left) > 1:
        first = min(left, key=lambda a: (costs.new_partners(a, left), rank[a]))
        left.discard(first)
        second = min(left, key=lambda b: (costs.pair(first, b), rank[b]))
        left.discard(second)
        groups.append([first, second])
    if left:
        odd = left.pop()
        best = min(groups, key=lambda g: costs.group([*g, odd]) - costs.group(g))
        best.append(odd)
    _improve(groups, costs)
    return [tuple(sorted(g)) for g in groups]


def _improve(groups: list[list[int]], costs: _Costs) -> None:
    """Swap one member between two groups while that lowers the total cost."""
    for _ in range(_MAX_PASSES):
        improved = False
        for gi, gj in combinations(range(len(groups)), 2):
            first, second = groups[gi], groups[gj]
            before = costs.group(first) + costs.group(second)
            for x in range(len(first)):
                for y in range(len(second)):
                    first[x], second[y] = second[y], first[x]
                    if costs.group(first) + costs.group(second) < before - 1e-9:
                        before = costs.group(first) + costs.group(second)
                        improved = True
                    else:
                        first[x], second[y] = second[y], first[x]
        if not improved:
            return

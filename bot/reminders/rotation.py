"""Whose turn it is to host a network's meeting.

Fair means nobody hosts twice before everyone has hosted once: the proposal is the member who
has hosted fewest of the network's meetings, and among those the one whose last turn lies
furthest back (never before first). A member who joins late is therefore next in line, and a
staff override simply becomes part of the history the next proposal reads.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

_NEVER = datetime.min.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Candidate:
    member_id: int
    joined_at: datetime
    name: str


def propose_host(candidates: Sequence[Candidate], hosted: Iterable[tuple[int, datetime]]) -> int | None:
    """`hosted` is (host member id, meeting start) for the network's meetings with a host."""
    if not candidates:
        return None
    counts = {c.member_id: 0 for c in candidates}
    last = {c.member_id: _NEVER for c in candidates}
    for member_id, starts_at in hosted:
        if member_id in counts:
            counts[member_id] += 1
            last[member_id] = max(last[member_id], starts_at)
    best = min(candidates, key=lambda c: (counts[c.member_id], last[c.member_id], c.joined_at, c.name))
    return best.member_id

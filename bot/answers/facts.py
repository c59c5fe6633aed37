"""Live facts an answer may state: what staff have entered in the database (dated sessions with
their seats, waitlist, price and deadline; the asker's network and its next meeting; the dates
set for B98 and the borgmestersamlinger). The answering core reads them through this protocol,
so it knows nothing of the database; without facts it answers from the catalogue alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class SessionFact:
    starts_at: datetime
    ends_at: datetime
    where: str | None  # None: online only
    seats_left: int
    waitlisted: int
    fee: str | None
    deadline: datetime | None


@dataclass(frozen=True)
class MeetingFact:
    starts_at: datetime
    place: str


@dataclass(frozen=True)
class NetworkFact:
    """The asker's network and its next meeting (None when none is set)."""

    name: str
    next_meeting: MeetingFact | None


class Facts(Protocol):
    def sessions(self, offer_id: str) -> list[SessionFact]:
        """The offer's coming sessions, soonest first (cancelled ones left out)."""

    def forum_meetings(self, offer_id: str) -> list[MeetingFact]:
        """The coming meetings staff have set for a forum every mayor belongs to (B98 …)."""

    def own_networks(self) -> list[NetworkFact] | None:
        """The asker's networks; None when the asker is not known (no facts about them)."""

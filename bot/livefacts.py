"""The answering core's live facts (bot/answers/facts.py) read from the database: the sessions
staff have set up, the meetings of the asker's network, and the dates set for B98 and the
borgmestersamlinger. Built per question, for one asker."""
from __future__ import annotations

from bot.answers.facts import MeetingFact, NetworkFact, SessionFact
from bot.enrolment.sessions import SessionAdmin
from bot.reminders.meetings import MeetingInfo, Meetings
from bot.reminders.networks import Networks
from bot.storage.models.reminders import MeetingKind

# Enough for an answer: the next few, not the whole plan.
SHOWN = 3


def _meeting(info: MeetingInfo) -> MeetingFact:
    return MeetingFact(info.starts_at, info.place)


class LiveFacts:
    def __init__(self, sessions: SessionAdmin, meetings: Meetings, networks: Networks, asker: str | None) -> None:
        self._sessions = sessions
        self._meetings = meetings
        self._networks = networks
        self._asker = asker

    def sessions(self, offer_id: str) -> list[SessionFact]:
        coming = [s for s in self._sessions.list(offer_id) if not s.cancelled][:SHOWN]
        return [
            SessionFact(s.starts_at, s.ends_at, s.where, s.seats_left, s.waitlisted, s.fee, s.deadline)
            for s in coming
        ]

    def forum_meetings(self, offer_id: str) -> list[MeetingFact]:
        coming = self._meetings.upcoming(limit=50)
        return [_meeting(m) for m in coming if m.kind is MeetingKind.FORUM and m.offer_id == offer_id][:SHOWN]

    def own_networks(self) -> list[NetworkFact] | None:
        if self._asker is None:
            return None
        mine = self._networks.of_member(self._asker)
        coming = self._meetings.upcoming_for(self._asker, limit=20)
        facts = []
        for network in mine:
            next_one = next((m for m in coming if m.network_id == network.id), None)
            facts.append(NetworkFact(network.name, _meeting(next_one) if next_one else None))
        return facts

"""Taking an offer out of the catalogue. The offer leaves answers and lists at once, but what
was made for it stays: enrolments, requests and past sessions keep its name. Dates still to
come are staff's call, so retiring asks first: cancel them (everyone with a seat or a waitlist
place is told, as with any cancellation) or keep them (they take place as planned, and their
participants keep their seats)."""
from __future__ import annotations

from dataclasses import dataclass

from bot.catalogue.errors import UnknownOffer
from bot.catalogue.schema import Offer
from bot.catalogue.store import Author, CatalogueStore
from bot.enrolment.results import SessionView
from bot.enrolment.sessions import SessionAdmin


@dataclass(frozen=True)
class Retired:
    version: int
    title: str
    cancelled: int
    notified: int
    kept: int


class Retirement:
    def __init__(self, store: CatalogueStore, sessions: SessionAdmin) -> None:
        self._store = store
        self._sessions = sessions

    def offer(self, offer_id: str) -> Offer:
        offer = self._store.current.get(offer_id)
        if offer is None:
            raise UnknownOffer(offer_id)
        return offer

    def upcoming(self, offer_id: str) -> list[SessionView]:
        """The offer's dates still to come and not cancelled: what staff must decide about."""
        return [s for s in self._sessions.list(offer_id) if not s.cancelled]

    def retire(self, offer_id: str, author: Author, *, cancel_sessions: bool) -> Retired:
        title = self.offer(offer_id).title
        upcoming = self.upcoming(offer_id)
        version = self._store.retire_offer(offer_id, author)
        cancelled = notified = 0
        if cancel_sessions:
            for session in upcoming:
                notified += self._sessions.cancel(session.id).notified
                cancelled += 1
        return Retired(version, title, cancelled, notified, len(upcoming) - cancelled)

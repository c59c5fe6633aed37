"""Reminding staff of offers nobody has confirmed for a while (CATALOGUE_CONFIRM_MONTHS, six
months by default), run by the scheduler. The database says what was told: one notice row per
confirmation, written before the message goes out and removed again if it could not be sent, so
neither a restart nor a second scheduler tells staff twice, and a failed send is tried again at
the next run."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.catalogue.freshness import StaleOffer, stale_offers
from bot.catalogue.store import CatalogueStore
from bot.clock import date_text
from bot.notify import Notice
from bot.storage.db import Database
from bot.storage.models.catalogue import StaleOfferNotice

log = logging.getLogger(__name__)

TITLE = "Tilbud, der skal bekræftes"
_LISTED = 30


def stale_notice(stale: list[StaleOffer], months: int) -> Notice:
    count = len(stale)
    lines = [
        f"• {s.offer.title} – sidst bekræftet {date_text(s.confirmation.at)} af {s.confirmation.by_name}" for s in stale[:_LISTED]
    ]
    if count > _LISTED:
        lines.append(f"… og {count - _LISTED} til.")
    subject = "1 tilbud er" if count == 1 else f"{count} tilbud er"
    text = (
        f"{subject} ikke blevet bekræftet i over {months} måneder:\n" + "\n".join(lines) + "\n\n"
        "Er teksten stadig rigtig, så tryk *Bekræft uændret* ud for tilbuddet under fanen Hjem; ellers *Ret*."
    )
    return Notice(text=text, title=TITLE, mrkdwn=True)


class StaleReminder:
    def __init__(
        self,
        db: Database,
        store: CatalogueStore,
        tell_staff: Callable[[Notice], bool],
        *,
        months: int,
        clock: Callable[[], datetime],
    ) -> None:
        self._db = db
        self._store = store
        self._tell_staff = tell_staff
        self._months = months
        self._clock = clock

    def run(self) -> int:
        """Tell staff of the offers that went stale since the last run; how many were told of."""
        self._store.refresh()
        stale = stale_offers(self._store.snapshot, self._clock(), self._months)
        if not stale:
            return 0
        with self._db.session() as session:
            told = set(session.scalars(
                select(StaleOfferNotice.confirmation_id).where(
                    StaleOfferNotice.confirmation_id.in_([s.confirmation.id for s in stale])
                )
            ))
        fresh = [s for s in stale if s.confirmation.id not in told]
        if not fresh:
            return 0
        ids = [s.confirmation.id for s in fresh]
        try:
            with self._db.session() as session:
                session.add_all(StaleOfferNotice(offer_id=s.offer.id, confirmation_id=s.confirmation.id, sent_at=self._clock()) for s in fresh)
        except IntegrityError:
            log.info("another scheduler is telling staff of the same stale offers")
            return 0
        if not self._tell_staff(stale_notice(fresh, self._months)):
            with self._db.session() as session:
                session.execute(delete(StaleOfferNotice).where(StaleOfferNotice.confirmation_id.in_(ids)))
            log.warning("could not tell staff of %d stale offers; trying again at the next run", len(fresh))
            return 0
        log.info("told staff of %d offers not confirmed for %d months", len(fresh), self._months)
        return len(fresh)

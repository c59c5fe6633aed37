"""Reminding staff of offers nobody has confirmed for a while (CATALOGUE_CONFIRM_MONTHS, six
months by default), run by the scheduler, through the staff desk (the staff channel, or each
staff member's DM). The database says what is due: one notice row per confirmation, written
before the note goes out, so neither a restart nor a second scheduler tells staff twice and each
stale period is told once. When there is nobody to tell (no staff channel, no staff members) the
row is kept as an attempt and the notice is due again a day later, not at every tick."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.catalogue.freshness import StaleOffer, stale_offers
from bot.catalogue.store import CatalogueStore
from bot.clock import date_text
from bot.danish import count
from bot.storage.db import Database, rowcount
from bot.storage.models.catalogue import StaleOfferNotice

log = logging.getLogger(__name__)

TITLE = "Tilbud, der skal bekræftes"
RETRY_AFTER = timedelta(days=1)
"""How long a notice nobody could be told waits before it is tried again."""
_LISTED = 30


class _Taken(Exception):
    """Another scheduler claimed the same notices first."""


def stale_notice(stale: list[StaleOffer], months: int) -> str:
    many = len(stale)
    lines = [
        f"• {s.offer.title} – sidst bekræftet {date_text(s.confirmation.at)} af {s.confirmation.by_name}" for s in stale[:_LISTED]
    ]
    if many > _LISTED:
        lines.append(f"… og {many - _LISTED} til.")
    subject = f"{many} tilbud er"
    return (
        f"*{TITLE}*\n{subject} ikke blevet bekræftet i over {count(months, 'måned', 'måneder')}:\n" + "\n".join(lines) + "\n\n"
        "Er teksten stadig rigtig, så tryk *Bekræft uændret* ud for tilbuddet under fanen Hjem; ellers *Ret*."
    )


class StaleReminder:
    def __init__(
        self,
        db: Database,
        store: CatalogueStore,
        tell_staff: Callable[[str], bool],
        *,
        months: int,
        clock: Callable[[], datetime],
    ) -> None:
        """``tell_staff`` is the staff desk's ``tell``: False when the note had nowhere to go."""
        self._db = db
        self._store = store
        self._tell_staff = tell_staff
        self._months = months
        self._clock = clock

    def run(self) -> int:
        """Tell staff of the offers whose notice is due; how many were told of."""
        self._store.refresh()
        now = self._clock()
        stale = stale_offers(self._store.snapshot, now, self._months)
        if not stale:
            return 0
        with self._db.session() as session:
            notices = {
                notice.confirmation_id: (notice.reached, notice.sent_at)
                for notice in session.scalars(
                    select(StaleOfferNotice).where(StaleOfferNotice.confirmation_id.in_([s.confirmation.id for s in stale]))
                )
            }
        retried = [i for i, (reached, at) in notices.items() if not reached and at <= now - RETRY_AFTER]
        due = [s for s in stale if s.confirmation.id not in notices or s.confirmation.id in retried]
        if not due:
            return 0
        ids = [s.confirmation.id for s in due]
        try:
            self._claim(due, retried, now)
        except (IntegrityError, _Taken):
            log.info("another scheduler is telling staff of the same stale offers")
            return 0
        if not self._tell_staff(stale_notice(due, self._months)):
            with self._db.session() as session:
                session.execute(update(StaleOfferNotice).where(StaleOfferNotice.confirmation_id.in_(ids)).values(reached=False))
            log.warning("nobody to tell of %d stale offers; trying again in %d hours", len(due), RETRY_AFTER // timedelta(hours=1))
            return 0
        log.info("told staff of %d offers not confirmed for %d months", len(due), self._months)
        return len(due)

    def _claim(self, due: list[StaleOffer], retried: list[int], now: datetime) -> None:
        """Write the notices about to be told, in one transaction; an earlier attempt that
        reached nobody is replaced (unless another scheduler replaced it first)."""
        with self._db.session() as session:
            if retried:
                gone = rowcount(session.execute(
                    delete(StaleOfferNotice).where(
                        StaleOfferNotice.confirmation_id.in_(retried),
                        StaleOfferNotice.reached.is_(False),
                        StaleOfferNotice.sent_at <= now - RETRY_AFTER,
                    )
                ))
                if gone != len(retried):
                    raise _Taken()
            session.add_all(
                StaleOfferNotice(offer_id=s.offer.id, confirmation_id=s.confirmation.id, sent_at=now, reached=True) for s in due
            )

"""What the enrolment services share: the database, the catalogue, the way to reach people,
the clock, and how long an offered seat is held. Built once in the composition root."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.catalogue.model import Catalogue
from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.enrolment.seats import SEAT_HOLD
from bot.notify import Postman
from bot.staffdesk.desk import StaffDesk
from bot.storage.db import Database


@dataclass(frozen=True)
class EnrolmentContext:
    db: Database
    catalogue_store: CatalogueStore
    postman: Postman
    desk: StaffDesk
    clock: Callable[[], datetime] = utcnow
    seat_hold: timedelta = SEAT_HOLD

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue in use now (it may have been reloaded since start)."""
        return self.catalogue_store.current

"""The catalogue in use: the newest version in the database, held as one immutable snapshot.

Every reader takes the snapshot once and works from it, so an answer is always given from one
whole version. A change is written as a new version and the snapshot is swapped in one
assignment; another replica on the same database sees the new version number at its next
``refresh`` (a cheap query of two numbers) and swaps too. A database with no catalogue yet
starts from the seed file (the bundled offers.yaml, or OFFERS_PATH).

Without a database (``ask`` on a fresh machine, some tests) the store holds the seed file alone
and cannot be changed.
"""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.catalogue import document, edits
from bot.catalogue.errors import NotStored, UnknownOffer, UnknownVersion, offer_field_errors
from bot.catalogue.loader import load_catalogue
from bot.catalogue.model import Catalogue
from bot.clock import utcnow
from bot.storage.db import Database
from bot.storage.models.catalogue import CatalogueVersion, OfferConfirmation

log = logging.getLogger(__name__)

_RETRIES = 5
SEED_AUTHOR_ID = "offers.yaml"


@dataclass(frozen=True)
class Author:
    """Who made a change: a Slack user id (or 'cli:<login>') and the name shown in the history."""

    id: str
    name: str


class ChangeKind(StrEnum):
    """What a change did, so the audit log can say it in words (its values are audit actions)."""

    IMPORTED = "catalogue_imported"
    EDITED = "offer_edited"
    ADDED = "offer_added"
    RETIRED = "offer_retired"
    ROLLED_BACK = "catalogue_rolled_back"
    CONFIRMED = "offer_confirmed"


Recorder = Callable[[Session, Author, ChangeKind, str, str], None]
"""Writes one audit row (who, what kind, about what, detail) in the change's own transaction, so
the row exists exactly when the change was committed."""


@dataclass(frozen=True)
class Confirmation:
    id: int
    at: datetime
    by_name: str


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    author_name: str
    reason: str
    offers: int


@dataclass(frozen=True)
class Snapshot:
    """One version with the confirmations known when it was taken. ``version`` is 0 for a
    catalogue read from the seed file alone."""

    version: int
    catalogue: Catalogue
    confirmations: Mapping[str, Confirmation] = field(default_factory=dict)
    stamp: tuple[int, int] = (0, 0)


def _stamp(session: Session) -> tuple[int, int]:
    newest = session.execute(
        select(
            select(func.max(CatalogueVersion.number)).scalar_subquery(),
            select(func.max(OfferConfirmation.id)).scalar_subquery(),
        )
    ).one()
    return int(newest[0] or 0), int(newest[1] or 0)


def _confirmations(session: Session) -> dict[str, Confirmation]:
    latest: dict[str, Confirmation] = {}
    for row in session.scalars(select(OfferConfirmation).order_by(OfferConfirmation.id)):
        latest[row.offer_id] = Confirmation(row.id, row.confirmed_at, row.confirmed_by_name)
    return latest


def _info(row: CatalogueVersion) -> VersionInfo:
    offers = json.loads(row.document).get("offers", [])
    return VersionInfo(row.number, row.created_at, row.author_name, row.reason, sum(1 for o in offers if not o.get("retired")))


class CatalogueStore:
    def __init__(
        self, seed: Path, db: Database | None = None, *, clock: Callable[[], datetime] = utcnow, record: Recorder | None = None
    ) -> None:
        self._seed = seed
        self._db = db
        self._clock = clock
        self._record = record
        self._refreshing = threading.Lock()
        if db is None:
            self._snapshot = Snapshot(0, load_catalogue(seed))
        else:
            self._snapshot = self._read(db) or self._start_from_seed(db)

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def current(self) -> Catalogue:
        return self._snapshot.catalogue

    # Reading -----------------------------------------------------------------------------------

    def _read(self, db: Database, keep: Snapshot | None = None) -> Snapshot | None:
        """The newest version (None when there is none yet). The catalogue of ``keep`` is reused
        when only confirmations changed, so the answer index is not rebuilt for them."""
        with db.session() as session:
            stamp = _stamp(session)
            if stamp[0] == 0:
                return None
            if keep is not None and keep.version == stamp[0]:
                catalogue = keep.catalogue
            else:
                row = session.get(CatalogueVersion, stamp[0])
                assert row is not None
                catalogue = document.from_json(row.document, f"version {row.number}")
            return Snapshot(stamp[0], catalogue, _confirmations(session), stamp)

    def refresh(self, *, wait: bool = False) -> bool:
        """Follow the database: True when a newer version or confirmation was swapped in. A
        refresh already running in another thread is left to finish (this one returns False),
        unless ``wait``: a change made here waits for it, since that refresh may have read the
        database before the change and the next answer must come from the new version. A
        database that cannot be read keeps the snapshot in use."""
        if self._db is None or not self._refreshing.acquire(blocking=wait):
            return False
        try:
            with self._db.session() as session:
                if _stamp(session) == self._snapshot.stamp:
                    return False
            fresh = self._read(self._db, keep=self._snapshot)
        except SQLAlchemyError:
            log.exception("could not read the catalogue from the database; keeping version %s", self._snapshot.version)
            return False
        finally:
            self._refreshing.release()
        if fresh is None:
            return False
        changed_version = fresh.version != self._snapshot.version
        self._snapshot = fresh
        if changed_version:
            log.info("catalogue version %s is now in use", fresh.version)
        return True

    def history(self) -> list[VersionInfo]:
        with self._database().session() as session:
            return [_info(row) for row in session.scalars(select(CatalogueVersion).order_by(CatalogueVersion.number.desc()))]

    def version(self, number: int) -> Catalogue:
        with self._database().session() as session:
            row = session.get(CatalogueVersion, number)
            if row is None:
                raise UnknownVersion(number)
            return document.from_json(row.document, f"version {number}")

    def export(self, number: int | None = None) -> str:
        """The version in use (or version ``number``) as offers.yaml."""
        number = number or self._snapshot.version
        catalogue = self.version(number) if number else self.current
        return document.to_yaml(catalogue, f"version {number}" if number else self._seed.name)

    # Changing ------------------------------------------------------------------------------------

    def _database(self) -> Database:
        if self._db is None:
            raise NotStored()
        return self._db

    def _start_from_seed(self, db: Database) -> Snapshot:
        catalogue = load_catalogue(self._seed)
        author = Author(SEED_AUTHOR_ID, catalogue.contact.organisation)
        try:
            self._commit(
                db, lambda _data: (document.as_data(catalogue), None), author, None, f"Startkatalog fra {self._seed.name}"
            )
        except IntegrityError:
            log.info("another process seeded the catalogue first")
        snapshot = self._read(db)
        assert snapshot is not None
        return snapshot

    def _commit(
        self,
        db: Database,
        change: Callable[[dict[str, Any]], tuple[dict[str, Any], int | None]],
        author: Author,
        kind: ChangeKind | None,
        reason: str,
    ) -> int:
        """Write ``change`` of the newest document as the next version and confirm the offers it
        changed; recorded as ``kind`` (the seed of a new database, no one's action, as nothing). A writer that lost the race for the number retries on top of the winner's
        version; ``change`` raises (and nothing is stored) when the result is not valid."""
        for attempt in range(_RETRIES):
            before: dict[str, Any] | None = None
            try:
                with db.session() as session:
                    newest = session.scalar(select(func.max(CatalogueVersion.number))) or 0
                    row = session.get(CatalogueVersion, newest) if newest else None
                    before = json.loads(row.document) if row else None
                    after, position = change(before or {})
                    try:
                        checked = document.validate(after)
                    except ValidationError as exc:
                        if position is None:
                            raise
                        raise offer_field_errors(exc, position) from None
                    now = self._clock()
                    session.add(CatalogueVersion(
                        number=newest + 1, created_at=now, author_id=author.id, author_name=author.name[:200],
                        reason=reason[:500], document=document.to_json(checked),
                    ))
                    changed = edits.changed_offers(before, after)
                    for offer_id in changed:
                        session.add(OfferConfirmation(
                            offer_id=offer_id, confirmed_at=now, confirmed_by_id=author.id, confirmed_by_name=author.name[:200]
                        ))
                    if self._record is not None and kind is not None:
                        detail = f"version {newest + 1}; ændrede tilbud: {', '.join(changed) or 'ingen'}"
                        self._record(session, author, kind, reason, detail)
                    session.flush()
                return newest + 1
            except IntegrityError:
                if attempt == _RETRIES - 1 or before is None:
                    raise
                log.info("catalogue version %s was taken by another writer; trying again", newest + 1)
        raise AssertionError("unreachable")

    def _change(
        self, change: Callable[[dict[str, Any]], tuple[dict[str, Any], int | None]], author: Author, kind: ChangeKind, reason: str
    ) -> int:
        number = self._commit(self._database(), change, author, kind, reason)
        self.refresh(wait=True)
        return number

    def import_catalogue(self, catalogue: Catalogue, author: Author, reason: str) -> int:
        """A whole catalogue (a file already validated by the loader) as the next version."""
        return self._change(lambda _data: (document.as_data(catalogue), None), author, ChangeKind.IMPORTED, reason)

    def edit_offer(self, offer_id: str, draft: edits.OfferDraft, author: Author, *, seen: str | None = None) -> int:
        title = self._title(offer_id)
        return self._change(lambda data: edits.edit(data, offer_id, draft, seen), author, ChangeKind.EDITED, f"Rettede {title}")

    def add_offer(self, offer: edits.NewOffer, author: Author) -> str:
        made: list[str] = []

        def change(data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
            result, position, offer_id = edits.add(data, offer)
            made[:] = [offer_id]
            return result, position

        self._change(change, author, ChangeKind.ADDED, f"Nyt tilbud: {offer.draft.title.strip()}")
        return made[0]

    def retire_offer(self, offer_id: str, author: Author) -> int:
        title = self._title(offer_id)
        return self._change(lambda data: (edits.retire(data, offer_id), None), author, ChangeKind.RETIRED, f"Tog {title} ud af kataloget")

    def rollback(self, number: int, author: Author) -> int:
        """Make version ``number`` current again, as a new version on top (history is kept)."""
        old = self.version(number)
        return self._change(lambda _data: (document.as_data(old), None), author, ChangeKind.ROLLED_BACK, f"Tilbage til version {number}")

    def confirm(self, offer_id: str, author: Author) -> Confirmation:
        """The offer's text is still right: no new version, only a new 'Sidst bekræftet'."""
        title = self._title(offer_id)
        with self._database().session() as session:
            row = OfferConfirmation(
                offer_id=offer_id, confirmed_at=self._clock(), confirmed_by_id=author.id, confirmed_by_name=author.name[:200]
            )
            session.add(row)
            if self._record is not None:
                self._record(session, author, ChangeKind.CONFIRMED, title, f"version {self._snapshot.version}")
            session.flush()
            confirmation = Confirmation(row.id, row.confirmed_at, row.confirmed_by_name)
        self.refresh(wait=True)
        return confirmation

    def fingerprint(self, offer_id: str) -> str:
        """What an edit form is opened on (see edits.fingerprint)."""
        data = document.as_data(self.current)
        return edits.fingerprint(data["offers"][edits.position_of(data, offer_id)])

    def _title(self, offer_id: str) -> str:
        offer = self.current.get(offer_id)
        if offer is None:
            raise UnknownOffer(offer_id)
        return offer.title


"""The outbox's state changes, each its own short transaction, so a worker never holds a lock
while it talks to Slack.

Claiming: on PostgreSQL ``FOR UPDATE ... SKIP LOCKED`` lets several workers (on several
machines) take disjoint batches of one broadcast at the same time; on SQLite the IMMEDIATE
transaction (bot.storage.db) serialises the claims. Every later change is guarded by "still
claimed by me", so a worker that lost its claim to a recovery cannot overwrite the outcome.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select, update

from bot.storage.db import Database, rowcount
from bot.storage.models.broadcast import Broadcast, BroadcastStatus, OutboxMessage, OutboxState

OPEN = (OutboxState.PENDING, OutboxState.CLAIMED)


@dataclass(frozen=True)
class Claim:
    id: int
    broadcast_id: int
    recipient_id: str
    attempts: int
    needs_check: bool
    since: datetime
    """When the broadcast started: no earlier message can be this delivery."""


def start_due(db: Database, now: datetime) -> list[int]:
    """Move scheduled broadcasts whose time has come to sending; return the ones this call moved,
    so exactly one worker announces each start."""
    with db.session() as session:
        ids = list(
            session.scalars(
                select(Broadcast.id)
                .where(Broadcast.status == BroadcastStatus.SCHEDULED, Broadcast.scheduled_at <= now)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            session.execute(
                update(Broadcast).where(Broadcast.id.in_(ids)).values(status=BroadcastStatus.SENDING, started_at=now)
            )
    return ids


def claim(db: Database, worker_id: str, now: datetime, limit: int, stale_before: datetime) -> list[Claim]:
    """Take up to ``limit`` due rows of broadcasts being sent. A row still claimed since before
    ``stale_before`` belonged to a worker that died: it is taken over and marked to be checked
    in Slack before it is sent again."""
    due = or_(
        and_(OutboxMessage.state == OutboxState.PENDING, OutboxMessage.next_attempt_at <= now),
        and_(OutboxMessage.state == OutboxState.CLAIMED, OutboxMessage.claimed_at < stale_before),
    )
    with db.session() as session:
        rows = session.execute(
            select(OutboxMessage, Broadcast.started_at)
            .join(Broadcast, Broadcast.id == OutboxMessage.broadcast_id)
            .where(Broadcast.status == BroadcastStatus.SENDING, due)
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=OutboxMessage)
        ).all()
        claims = []
        for row, started_at in rows:
            if row.state is OutboxState.CLAIMED:
                row.needs_check = True
            row.state = OutboxState.CLAIMED
            row.claimed_by = worker_id
            row.claimed_at = now
            row.attempts += 1
            claims.append(Claim(row.id, row.broadcast_id, row.recipient_id, row.attempts, row.needs_check, started_at or now))
    return claims


def _settle(db: Database, item: Claim, worker_id: str, **values: Any) -> bool:
    with db.session() as session:
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == item.id,
                OutboxMessage.state == OutboxState.CLAIMED,
                OutboxMessage.claimed_by == worker_id,
            )
            .values(**values)
        )
        return rowcount(result) == 1


def renew(db: Database, item: Claim, worker_id: str, now: datetime) -> bool:
    """Refresh the claim right before sending; False when another worker has taken it over."""
    return _settle(db, item, worker_id, claimed_at=now)


def mark_delivered(db: Database, item: Claim, worker_id: str, channel: str | None, ts: str | None, now: datetime) -> bool:
    return _settle(
        db, item, worker_id,
        state=OutboxState.DELIVERED, channel=channel, ts=ts, delivered_at=now, needs_check=False, last_error=None,
    )


def mark_failed(db: Database, item: Claim, worker_id: str, reason: str) -> bool:
    return _settle(db, item, worker_id, state=OutboxState.FAILED, last_error=reason[:500], needs_check=False)


def release(
    db: Database, item: Claim, worker_id: str, error: str, next_attempt_at: datetime, *, needs_check: bool, counts_as_attempt: bool
) -> bool:
    """Back to pending for a later attempt by any worker. A rate-limited attempt is not counted:
    Slack never looked at the message, so it must not use up the row's attempts."""
    attempts = OutboxMessage.attempts if counts_as_attempt else OutboxMessage.attempts - 1
    return _settle(
        db, item, worker_id,
        state=OutboxState.PENDING, last_error=error[:500], next_attempt_at=next_attempt_at,
        needs_check=needs_check, claimed_by=None, claimed_at=None, attempts=attempts,
    )


def hand_back(db: Database, items: list[Claim], worker_id: str) -> None:
    """Claims a stopping worker has not started on: pending again, due now, the claim's attempt
    not counted. ``needs_check`` stays as it was, so a row taken over from a dead worker is still
    looked up before it is sent."""
    with db.session() as session:
        session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_([item.id for item in items]),
                OutboxMessage.state == OutboxState.CLAIMED,
                OutboxMessage.claimed_by == worker_id,
            )
            .values(state=OutboxState.PENDING, claimed_by=None, claimed_at=None, attempts=OutboxMessage.attempts - 1)
        )


def finish_complete(db: Database, now: datetime) -> list[int]:
    """Mark done every broadcast being sent that has no open row left; return those this call
    finished, so exactly one worker posts each report (also after a worker died at the end)."""
    open_rows = exists().where(OutboxMessage.broadcast_id == Broadcast.id, OutboxMessage.state.in_(OPEN))
    with db.session() as session:
        ids = list(
            session.scalars(
                select(Broadcast.id).where(Broadcast.status == BroadcastStatus.SENDING, ~open_rows).with_for_update(skip_locked=True)
            )
        )
        if ids:
            session.execute(
                update(Broadcast).where(Broadcast.id.in_(ids)).values(status=BroadcastStatus.DONE, finished_at=now)
            )
    return ids


def record_progress_message(db: Database, broadcast_id: int, channel: str, ts: str) -> None:
    with db.session() as session:
        session.execute(update(Broadcast).where(Broadcast.id == broadcast_id).values(progress_channel=channel, progress_ts=ts))

"""Composing and managing broadcasts: preview with the exact recipient count, confirmation,
approval by a second staff member, cancelling until the delivery starts, "Læst" clicks.

Every step checks again that the user is staff (a modal submit or a button can be replayed by
anyone who has seen it), and every step is written to the audit log with the audience and text
as they were at that moment.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.broadcast.audience import Audience, AudienceChoices, audience_choices, resolve
from bot.broadcast.errors import BroadcastError, InvalidBroadcast, NotAllowed
from bot.broadcast.message import (
    APPROVE_ACTION,
    CANCEL_ACTION,
    check_text,
    recipient_notice,
)
from bot.broadcast.outbox import record_progress_message
from bot.broadcast.report import (
    STATUS_NAMES,
    Figures,
    figures,
    report_notice,
    status_notice,
)
from bot.catalogue.model import Catalogue
from bot.catalogue.store import CatalogueStore
from bot.clock import Clock, moment_text, utcnow
from bot.danish import count
from bot.inbound import claim_once
from bot.members.staff import REFUSAL, StaffPolicy
from bot.notify import Notice, NoticeButton, Person
from bot.staffdesk.audit import Action, AuditLog
from bot.storage.db import Database
from bot.storage.models.broadcast import (
    Acknowledgement,
    AudienceKind,
    Broadcast,
    BroadcastAudit,
    BroadcastStatus,
    OutboxMessage,
    OutboxState,
)
from bot.storage.models.members import Member, Role

CANCELLABLE = (BroadcastStatus.DRAFT, BroadcastStatus.AWAITING_APPROVAL, BroadcastStatus.SCHEDULED)
LISTED = (BroadcastStatus.AWAITING_APPROVAL, BroadcastStatus.SCHEDULED, BroadcastStatus.SENDING)
MAX_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class Draft:
    """What the staff member filled in; ``send_at`` None means as soon as it is confirmed."""

    audience: Audience
    text: str
    offer_id: str | None = None
    send_at: datetime | None = None
    ack_requested: bool = False


@dataclass(frozen=True)
class Preview:
    broadcast_id: int
    audience_label: str
    recipient_count: int
    notice: Notice
    send_at: datetime | None
    needs_approval: bool


@dataclass(frozen=True)
class Confirmation:
    """``approvers`` are the other staff members to send ``approval_request`` to (none when the
    broadcast needs no approval)."""

    figures: Figures
    needs_approval: bool
    starts_now: bool = False
    approvers: tuple[str, ...] = ()
    approval_request: Notice | None = None


@dataclass(frozen=True)
class MessageUpdate:
    channel: str
    ts: str
    notice: Notice


class Broadcasts:
    """The staff-facing operations. They return what should be sent to staff (approval requests,
    a refreshed report) for the adapter to send; recipients are reached only by the worker."""

    def __init__(
        self,
        db: Database,
        catalogue: CatalogueStore,
        staff: StaffPolicy,
        *,
        requires_approval: bool,
        approval_threshold: int = 10,
        configured_staff: frozenset[str] = frozenset(),
        clock: Clock = utcnow,
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._staff = staff
        self._requires_approval = requires_approval
        self._approval_threshold = approval_threshold
        self._configured_staff = configured_staff
        self._clock = clock

    def require_staff(self, user_id: str, action: str) -> None:
        if not self._staff.check(user_id, action):
            raise NotAllowed(REFUSAL)

    # -- composing ---------------------------------------------------------------------------
    def choices(self, actor_id: str) -> AudienceChoices:
        """The networks and coming sessions to offer in the compose form."""
        self.require_staff(actor_id, "udsend: åbn")
        with self._db.session() as session:
            return audience_choices(session, self._catalogue.current, self._clock())

    def compose(self, author_id: str, draft: Draft, *, once: str | None = None) -> Preview:
        """Check everything (all faults at once), resolve the audience and store the draft with
        its outbox, so the count shown is exactly the set that will be sent to. Nothing goes out
        yet, and nothing is stored when anything is wrong."""
        self.require_staff(author_id, "udsend: forhåndsvis")
        now = self._clock()
        catalogue = self._catalogue.current
        text, errors = _check_fields(draft, now, catalogue)
        with self._db.session() as session:
            try:
                recipients = resolve(session, draft.audience, catalogue)
            except InvalidBroadcast as exc:
                raise InvalidBroadcast({**errors, **exc.errors}) from None
            if not recipients.user_ids:
                errors["audience"] = f"Målgruppen '{recipients.label}' har ingen modtagere. Vælg en anden målgruppe."
            if errors:
                raise InvalidBroadcast(errors)
            claim_once(session, once)  # a replayed compose leaves no second, orphaned draft
            needs_approval = self._needs_approval(draft.audience.kind, len(recipients.user_ids))
            broadcast = Broadcast(
                author_id=author_id,
                audience_kind=draft.audience.kind,
                audience_label=recipients.label,
                text=text,
                offer_id=draft.offer_id or None,
                ack_requested=draft.ack_requested,
                scheduled_at=draft.send_at,
                status=BroadcastStatus.DRAFT,
                recipient_count=len(recipients.user_ids),
                requires_approval=needs_approval,
                created_at=now,
            )
            session.add(broadcast)
            session.flush()
            session.execute(
                cast(Table, OutboxMessage.__table__).insert(),
                [
                    {"broadcast_id": broadcast.id, "recipient_id": user, "state": OutboxState.PENDING.value,
                     "attempts": 0, "needs_check": False, "next_attempt_at": now}
                    for user in recipients.user_ids
                ],
            )
            _audit(session, broadcast, author_id, "created", now)
            notice = recipient_notice(broadcast.id, text, broadcast.offer_id, broadcast.ack_requested, catalogue)
            return Preview(broadcast.id, recipients.label, len(recipients.user_ids), notice, draft.send_at, needs_approval)

    def _needs_approval(self, kind: AudienceKind, recipients: int) -> bool:
        """Four eyes by reach, not by the audience's name: 'udvalgte kommuner' listing them all,
        or 'nye borgmestre', reaches as many as 'alle borgmestre' can."""
        if not self._requires_approval:
            return False
        return kind is AudienceKind.ALL_MAYORS or recipients > self._approval_threshold

    def confirm(self, actor_id: str, broadcast_id: int) -> Confirmation:
        """Schedule the draft (now, or at its time), or put it before a second staff member."""
        self.require_staff(actor_id, "udsend: bekræft")
        now = self._clock()
        with self._db.session() as session:
            broadcast = self._locked(session, broadcast_id)
            if broadcast.author_id != actor_id:
                raise NotAllowed("Kun den, der har skrevet udsendelsen, kan bekræfte den.")
            if broadcast.status is not BroadcastStatus.DRAFT:
                raise BroadcastError(f"Udsendelse #{broadcast.id} er allerede {_status_word(broadcast)}; den kan ikke bekræftes igen.")
            if broadcast.scheduled_at is None or broadcast.scheduled_at < now:
                broadcast.scheduled_at = now
            broadcast.status = BroadcastStatus.AWAITING_APPROVAL if broadcast.requires_approval else BroadcastStatus.SCHEDULED
            _audit(session, broadcast, actor_id, "confirmed", now)
            result = figures(session, broadcast)
            if not broadcast.requires_approval:
                return Confirmation(result, needs_approval=False, starts_now=broadcast.scheduled_at <= now)
            approvers = self._approvers(session, exclude=actor_id)
            return Confirmation(result, needs_approval=True, approvers=approvers, approval_request=_approval_request(result))

    def discard(self, actor_id: str, broadcast_id: int) -> bool:
        """Forget a draft its author closed without confirming (with its outbox rows); True if
        there was one. A draft was never a broadcast, so nothing of it is kept."""
        self.require_staff(actor_id, "udsend: kassér kladde")
        with self._db.session() as session:
            broadcast = self._locked(session, broadcast_id)
            if broadcast.status is not BroadcastStatus.DRAFT or broadcast.author_id != actor_id:
                return False
            session.delete(broadcast)
            return True

    def approve(self, actor_id: str, broadcast_id: int) -> tuple[Figures, MessageUpdate | None]:
        """The four-eyes rule: the author cannot approve their own broadcast. Also returns the
        author's status message, refreshed to say who approved it."""
        self.require_staff(actor_id, "udsend: godkend")
        now = self._clock()
        with self._db.session() as session:
            broadcast = self._locked(session, broadcast_id)
            if broadcast.status is not BroadcastStatus.AWAITING_APPROVAL:
                raise BroadcastError(f"Udsendelse #{broadcast.id} venter ikke på godkendelse; den er {_status_word(broadcast)}.")
            if broadcast.author_id == actor_id:
                raise NotAllowed("Du kan ikke godkende din egen udsendelse. Bed en kollega om at godkende den.")
            broadcast.status = BroadcastStatus.SCHEDULED
            broadcast.approved_by = actor_id
            broadcast.approved_at = now
            broadcast.scheduled_at = max(broadcast.scheduled_at or now, now)
            _audit(session, broadcast, actor_id, "approved", now)
            result = figures(session, broadcast)
            return result, _author_update(broadcast, status_notice(result))

    def cancel(self, actor_id: str, broadcast_id: int) -> tuple[Figures, MessageUpdate | None]:
        """Possible until the worker has started delivering; after that, nothing is taken back.
        Also returns the author's status message, refreshed to say it was cancelled."""
        self.require_staff(actor_id, "udsend: annullér")
        now = self._clock()
        with self._db.session() as session:
            broadcast = self._locked(session, broadcast_id)
            if broadcast.status not in CANCELLABLE:
                raise BroadcastError(
                    f"Udsendelse #{broadcast.id} er {_status_word(broadcast)} og kan ikke længere annulleres."
                )
            broadcast.status = BroadcastStatus.CANCELLED
            _audit(session, broadcast, actor_id, "cancelled", now)
            result = figures(session, broadcast)
            return result, _author_update(broadcast, status_notice(result))

    # -- reading -----------------------------------------------------------------------------
    def upcoming(self, actor_id: str) -> list[Figures]:
        """Awaiting approval, scheduled and in progress, soonest first."""
        self.require_staff(actor_id, "udsend: liste")
        with self._db.session() as session:
            rows = session.scalars(
                select(Broadcast).where(Broadcast.status.in_(LISTED)).order_by(Broadcast.scheduled_at, Broadcast.id)
            ).all()
            return [figures(session, row) for row in rows]

    def all_figures(self, limit: int = 50) -> list[Figures]:
        """The newest broadcasts with their figures (for the CLI, which runs as an operator)."""
        with self._db.session() as session:
            rows = session.scalars(
                select(Broadcast).where(Broadcast.status != BroadcastStatus.DRAFT).order_by(Broadcast.id.desc()).limit(limit)
            ).all()
            return [figures(session, row) for row in rows]

    def figures(self, broadcast_id: int) -> Figures:
        with self._db.session() as session:
            return figures(session, self._get(session, broadcast_id))

    def keep_status_message(self, broadcast_id: int, channel: str, ts: str) -> None:
        """The DM that told the author the broadcast is scheduled becomes its progress message,
        so the author follows one message from "planlagt" to the final report."""
        record_progress_message(self._db, broadcast_id, channel, ts)

    # -- recipients --------------------------------------------------------------------------
    def acknowledge(self, user_id: str, broadcast_id: int) -> tuple[bool, MessageUpdate | None]:
        """Count a "Læst" click once per recipient; True the first time (the unique key settles a
        double click). For a finished broadcast also the refreshed report, so its author sees
        the count grow."""
        now = self._clock()
        try:
            with self._db.session() as session:
                is_recipient = session.scalar(
                    select(OutboxMessage.id).where(OutboxMessage.broadcast_id == broadcast_id, OutboxMessage.recipient_id == user_id)
                )
                if is_recipient is None:
                    raise BroadcastError("Den besked er ikke sendt til dig, så der er intet at kvittere for.")
                session.add(Acknowledgement(broadcast_id=broadcast_id, user_id=user_id, acknowledged_at=now))
        except IntegrityError:
            return False, None
        with self._db.session() as session:
            broadcast = self._get(session, broadcast_id)
            if broadcast.status is not BroadcastStatus.DONE:
                return True, None
            return True, _author_update(broadcast, report_notice(figures(session, broadcast)))

    # -- helpers -----------------------------------------------------------------------------
    def _get(self, session: Session, broadcast_id: int) -> Broadcast:
        broadcast = session.get(Broadcast, broadcast_id)
        if broadcast is None:
            raise BroadcastError(f"Der er ingen udsendelse #{broadcast_id}. Se de planlagte med `/udsend liste`.")
        return broadcast

    def _locked(self, session: Session, broadcast_id: int) -> Broadcast:
        """The row locked for the rest of the transaction, so a cancel and the worker's start
        cannot both win (SQLite: the IMMEDIATE transaction already holds the write lock)."""
        broadcast = session.scalar(select(Broadcast).where(Broadcast.id == broadcast_id).with_for_update())
        if broadcast is None:
            raise BroadcastError(f"Der er ingen udsendelse #{broadcast_id}. Se de planlagte med `/udsend liste`.")
        return broadcast

    def _approvers(self, session: Session, exclude: str) -> tuple[str, ...]:
        directory = session.scalars(select(Member.slack_user_id).where(Member.role == Role.STAFF)).all()
        return tuple(sorted((set(directory) | self._configured_staff) - {exclude}))


def _check_fields(draft: Draft, now: datetime, catalogue: Catalogue) -> tuple[str, dict[str, str]]:
    """The text to send, and a Danish message per field that is wrong (the audience aside)."""
    errors: dict[str, str] = {}
    text = ""
    try:
        text = check_text(draft.text)
    except ValueError as exc:
        errors["text"] = str(exc)
    if draft.offer_id and catalogue.get(draft.offer_id) is None:
        errors["button_offer"] = f"Kender ikke tilbuddet '{draft.offer_id}'. Vælg et tilbud fra listen."
    if draft.send_at is not None and draft.send_at < now - timedelta(minutes=1):
        errors["send_at"] = f"Tidspunktet {moment_text(draft.send_at)} er allerede passeret. Vælg et senere tidspunkt, eller send nu."
    elif draft.send_at is not None and draft.send_at > now + MAX_AHEAD:
        errors["send_at"] = "Udsendelser kan planlægges højst et år frem. Vælg et tidligere tidspunkt."
    return text, errors


def _status_word(broadcast: Broadcast) -> str:
    return STATUS_NAMES[broadcast.status]


def _author_update(broadcast: Broadcast, notice: Notice) -> MessageUpdate | None:
    if broadcast.progress_channel and broadcast.progress_ts:
        return MessageUpdate(broadcast.progress_channel, broadcast.progress_ts, notice)
    return None


# The staff actions of a broadcast as the bot's one audit log names them (a draft is none yet).
_AUDITED = {"confirmed": Action.BROADCAST_SCHEDULED, "approved": Action.BROADCAST_APPROVED, "cancelled": Action.BROADCAST_CANCELLED}


def _audit(session: Session, broadcast: Broadcast, actor_id: str, action: str, now: datetime) -> None:
    """The broadcast's own history (audience and text as they were), and the staff action in
    the audit log, in the same transaction."""
    session.add(
        BroadcastAudit(
            broadcast_id=broadcast.id, actor_id=actor_id, action=action,
            audience_label=broadcast.audience_label, text=broadcast.text, at=now,
        )
    )
    if action in _AUDITED:
        when = f", afsendes {moment_text(broadcast.scheduled_at)}" if broadcast.scheduled_at else ""
        AuditLog.add(
            session, actor_id, _AUDITED[action], f"udsendelse #{broadcast.id} til {broadcast.audience_label}",
            f"{count(broadcast.recipient_count, 'modtager', 'modtagere')}{when}: {broadcast.text[:200]}",
        )


def _approval_request(f: Figures) -> Notice:
    when = moment_text(f.scheduled_at) if f.scheduled_at else "straks"
    return Notice(
        title=f"Udsendelse #{f.broadcast_id} venter på din godkendelse",
        text=(Person(f.author_id), f" vil sende til alle borgmestre ({f.recipients}):\n\n{f.text}"),
        facts=(("Målgruppe", f.audience_label), ("Afsendes", when)),
        buttons=(
            NoticeButton(label="Godkend", action_id=APPROVE_ACTION, value=str(f.broadcast_id), primary=True),
            NoticeButton(label="Annullér", action_id=CANCEL_ACTION, value=str(f.broadcast_id)),
        ),
        mrkdwn=True,
    )

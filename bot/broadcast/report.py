"""A broadcast's figures (delivered, failed with reasons, waiting, "Læst") and the Danish texts
built from them: the staff member's progress message, the final report and the CLI listing."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.broadcast.message import CANCEL_ACTION
from bot.clock import moment_text
from bot.danish import count
from bot.notify import Notice, NoticeButton, Person, Text
from bot.storage.models.broadcast import (
    Acknowledgement,
    Broadcast,
    BroadcastStatus,
    OutboxMessage,
    OutboxState,
)

STATUS_NAMES = {
    BroadcastStatus.DRAFT: "kladde",
    BroadcastStatus.AWAITING_APPROVAL: "venter på godkendelse",
    BroadcastStatus.SCHEDULED: "planlagt",
    BroadcastStatus.SENDING: "sendes",
    BroadcastStatus.DONE: "sendt",
    BroadcastStatus.CANCELLED: "annulleret",
}
REASONS = {
    "account_inactive": "brugeren er deaktiveret",
    "user_not_found": "brugeren findes ikke i arbejdsområdet",
    "user_disabled": "brugeren er deaktiveret",
    "cannot_dm_bot": "modtageren er en bot",
    "messages_tab_disabled": "modtageren har slået beskeder til appen fra",
    "not_allowed_token_type": "appen må ikke skrive privat til modtageren",
    "restricted_action": "arbejdsområdets regler tillader ikke beskeden",
    "channel_not_found": "den private samtale kunne ikke åbnes",
    "is_archived": "den private samtale er arkiveret",
}


def reason_text(error: str | None) -> str:
    """A Slack error code in words staff understand; unknown codes are shown as they are."""
    if not error:
        return "ukendt fejl"
    return REASONS.get(error, error)


@dataclass(frozen=True)
class Failure:
    recipient_id: str
    reason: str


@dataclass(frozen=True)
class Figures:
    broadcast_id: int
    status: BroadcastStatus
    author_id: str
    audience_label: str
    text: str
    scheduled_at: datetime | None
    recipients: int
    delivered: int
    failed: int
    acknowledged: int
    ack_requested: bool
    approved_by: str | None = None
    failures: tuple[Failure, ...] = ()

    @property
    def waiting(self) -> int:
        return self.recipients - self.delivered - self.failed


def figures(session: Session, broadcast: Broadcast) -> Figures:
    states = dict(
        session.execute(
            select(OutboxMessage.state, func.count()).where(OutboxMessage.broadcast_id == broadcast.id).group_by(OutboxMessage.state)
        ).all()
    )
    failures = session.execute(
        select(OutboxMessage.recipient_id, OutboxMessage.last_error)
        .where(OutboxMessage.broadcast_id == broadcast.id, OutboxMessage.state == OutboxState.FAILED)
        .order_by(OutboxMessage.recipient_id)
    ).all()
    acks = session.scalar(select(func.count()).select_from(Acknowledgement).where(Acknowledgement.broadcast_id == broadcast.id))
    return Figures(
        broadcast_id=broadcast.id,
        status=broadcast.status,
        author_id=broadcast.author_id,
        audience_label=broadcast.audience_label,
        text=broadcast.text,
        scheduled_at=broadcast.scheduled_at,
        recipients=broadcast.recipient_count,
        delivered=states.get(OutboxState.DELIVERED, 0),
        failed=states.get(OutboxState.FAILED, 0),
        acknowledged=acks or 0,
        ack_requested=broadcast.ack_requested,
        approved_by=broadcast.approved_by,
        failures=tuple(Failure(recipient, reason_text(error)) for recipient, error in failures),
    )


def summary_line(f: Figures) -> str:
    """One line for listings: number, state, audience, and the figures that exist so far."""
    when = f" {moment_text(f.scheduled_at)}" if f.scheduled_at and f.status is BroadcastStatus.SCHEDULED else ""
    line = f"#{f.broadcast_id} {STATUS_NAMES[f.status]}{when} · {f.audience_label} · {count(f.recipients, 'modtager', 'modtagere')}"
    if f.status in (BroadcastStatus.SENDING, BroadcastStatus.DONE):
        line += f" · sendt til {f.delivered} · fejlet {f.failed}"
        if f.ack_requested:
            line += f" · læst af {f.acknowledged}"
    return line


def status_notice(f: Figures) -> Notice:
    """The author's DM before delivery starts: when it goes out, awaiting approval, or cancelled;
    the worker later turns the same message into the progress and the report."""
    when = moment_text(f.scheduled_at) if f.scheduled_at else "straks"
    if f.status is BroadcastStatus.AWAITING_APPROVAL:
        when = f"når den er godkendt, tidligst {when}"
    facts = [("Målgruppe", f.audience_label), ("Modtagere", str(f.recipients)), ("Afsendes", when)]
    buttons: tuple[NoticeButton, ...] = ()
    text: Text
    if f.status is BroadcastStatus.CANCELLED:
        text = "Udsendelsen er annulleret; den sendes ikke."
    elif f.status is BroadcastStatus.AWAITING_APPROVAL:
        text = "Udsendelsen går til alle borgmestre og venter derfor på, at en kollega godkender den."
    else:
        approved: tuple[str | Person, ...] = (" Godkendt af ", Person(f.approved_by), ".") if f.approved_by else ()
        text = ("Udsendelsen er planlagt.", *approved, " Du kan annullere den, indtil den begynder at blive sendt.")
    if f.status in (BroadcastStatus.AWAITING_APPROVAL, BroadcastStatus.SCHEDULED):
        buttons = (NoticeButton(label="Annullér udsendelsen", action_id=CANCEL_ACTION, value=str(f.broadcast_id)),)
    return Notice(title=f"Udsendelse #{f.broadcast_id}: {STATUS_NAMES[f.status]}", text=text, facts=tuple(facts), buttons=buttons, mrkdwn=True)


def progress_notice(f: Figures) -> Notice:
    return Notice(
        title=f"Udsendelse #{f.broadcast_id} sendes",
        text=f"Sendt til {f.delivered} af {f.recipients}.",
        facts=(("Målgruppe", f.audience_label), ("Fejlet indtil nu", str(f.failed))),
    )


def report_notice(f: Figures) -> Notice:
    """The final report: what arrived, what did not and why (naming each person it failed for,
    whom the adapter shows as it can), and how many have read it."""
    facts = [("Målgruppe", f.audience_label), ("Leveret", f"{f.delivered} af {f.recipients}"), ("Fejlet", str(f.failed))]
    if f.ack_requested:
        facts.append(("Læst", f"{f.acknowledged} af {f.delivered}"))
    lines: list[str | Person] = [f"Udsendelsen er færdig: leveret til {f.delivered} af {f.recipients}."]
    if f.failures:
        reasons = Counter(failure.reason for failure in f.failures)
        lines.append("\nIkke leveret: " + "; ".join(f"{count} × {reason}" for reason, count in reasons.most_common()) + ".")
        for failure in f.failures[:20]:
            lines += ["\n• ", Person(failure.recipient_id), f": {failure.reason}"]
        if len(f.failures) > 20:
            lines.append(f"\n… og {len(f.failures) - 20} mere (se `borgmesterbot broadcasts`).")
    return Notice(title=f"Udsendelse #{f.broadcast_id}: rapport", text=tuple(lines), facts=tuple(facts), mrkdwn=True)

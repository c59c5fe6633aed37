"""Composing, confirming, approving, cancelling: exact counts, clear Danish refusals, nothing
half-stored, staff checked at every step, and every step in the audit log."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.broadcast.audience import Audience
from bot.broadcast.errors import BroadcastError, InvalidBroadcast, NotAllowed
from bot.broadcast.message import ACK_ACTION, APPROVE_ACTION, OFFER_ACTION
from bot.broadcast.service import Broadcasts, Draft
from bot.members.staff import REFUSAL
from bot.notify import Person, plain
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, Broadcast, BroadcastAudit, BroadcastStatus, OutboxMessage
from tests.broadcast.directory import SECOND_STAFF, STAFF, Seeded, mayor_id
from tests.enrolment.support import Clock

ALL = Audience(AudienceKind.ALL_MAYORS)


def _count(database: Database, model: type, **where: object) -> int:
    with database.session() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return session.scalar(query) or 0


def test_preview_counts_exactly_and_fills_the_outbox(database: Database, seeded: Seeded, broadcasts: Broadcasts) -> None:
    preview = broadcasts.compose(STAFF, Draft(Audience(AudienceKind.NEW_MAYORS), "Velkommen til *Borgmesterbot*!",
                                              offer_id="samling-nye-borgmestre", ack_requested=True))
    assert preview.recipient_count == len(seeded.first_term) == 33
    assert _count(database, OutboxMessage, broadcast_id=preview.broadcast_id) == 33
    assert [b.action_id for b in preview.notice.buttons] == [OFFER_ACTION, ACK_ACTION]
    assert preview.notice.mrkdwn and preview.notice.text == "Velkommen til *Borgmesterbot*!"
    assert broadcasts.figures(preview.broadcast_id).status is BroadcastStatus.DRAFT


@pytest.mark.parametrize(
    ("draft", "field", "words"),
    [
        (Draft(ALL, "   "), "text", "Skriv den besked"),
        (Draft(ALL, "x" * 3001), "text", "3.001 tegn"),
        (Draft(ALL, "Hej <!channel> alle"), "text", "<!channel>"),
        (Draft(ALL, "Hej <!here|here>"), "text", "fjern den"),
        (Draft(ALL, "Hej", offer_id="findes-ikke"), "button_offer", "findes-ikke"),
        (Draft(Audience(AudienceKind.MUNICIPALITIES), "Hej"), "municipalities", "mindst én kommune"),
        (Draft(Audience(AudienceKind.NETWORK), "Hej"), "network", "netværk"),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_stored(
    database: Database, seeded: Seeded, broadcasts: Broadcasts, draft: Draft, field: str, words: str
) -> None:
    with pytest.raises(InvalidBroadcast) as caught:
        broadcasts.compose(STAFF, draft)
    assert words in caught.value.errors[field]
    assert _count(database, Broadcast) == 0 and _count(database, OutboxMessage) == 0


def test_times_in_the_past_or_too_far_ahead_and_empty_segments(database: Database, seeded: Seeded, broadcasts: Broadcasts, clock: Clock) -> None:
    with pytest.raises(InvalidBroadcast) as caught:
        broadcasts.compose(STAFF, Draft(ALL, "Hej", send_at=clock.now - timedelta(hours=1)))
    assert "allerede passeret" in caught.value.errors["send_at"]
    with pytest.raises(InvalidBroadcast) as caught:
        broadcasts.compose(STAFF, Draft(ALL, "Hej", send_at=clock.now + timedelta(days=400)))
    assert "højst et år" in caught.value.errors["send_at"]
    with pytest.raises(InvalidBroadcast) as caught:
        broadcasts.compose(STAFF, Draft(Audience(AudienceKind.MUNICIPALITIES, municipalities=("Aarhus",)), "Hej",
                                        send_at=clock.now - timedelta(hours=1)))
    assert set(caught.value.errors) == {"send_at"}, "a valid segment with recipients gives no audience error"
    with pytest.raises(InvalidBroadcast) as caught:
        broadcasts.compose(STAFF, Draft(Audience(AudienceKind.ENROLLED, offer_id="forhandlingsteknik"), "Hej"))
    assert "ingen modtagere" in caught.value.errors["audience"]


def test_non_staff_are_refused_at_every_step(
    database: Database, seeded: Seeded, broadcasts: Broadcasts, caplog: pytest.LogCaptureFixture
) -> None:
    mayor = mayor_id(1)
    preview = broadcasts.compose(STAFF, Draft(ALL, "Hej"))
    steps: list[Callable[[], object]] = [
        lambda: broadcasts.compose(mayor, Draft(ALL, "Hej")),
        lambda: broadcasts.confirm(mayor, preview.broadcast_id),
        lambda: broadcasts.approve(mayor, preview.broadcast_id),
        lambda: broadcasts.cancel(mayor, preview.broadcast_id),
        lambda: broadcasts.upcoming(mayor),
        lambda: broadcasts.choices(mayor),
    ]
    with caplog.at_level(logging.WARNING):
        for step in steps:
            with pytest.raises(NotAllowed) as caught:
                step()
            assert str(caught.value) == REFUSAL
    assert caplog.text.count(f"user={mayor}") == len(steps)
    assert broadcasts.figures(preview.broadcast_id).status is BroadcastStatus.DRAFT
    assert _count(database, Broadcast) == 1


def test_schedule_list_and_cancel_until_it_starts(database: Database, seeded: Seeded, broadcasts: Broadcasts, clock: Clock) -> None:
    later = clock.now + timedelta(days=2)
    first = broadcasts.compose(STAFF, Draft(Audience(AudienceKind.NETWORK, network_id=seeded.network_id), "Møde i morgen", send_at=later))
    second = broadcasts.compose(STAFF, Draft(ALL, "Nyhedsbrev", send_at=later - timedelta(days=1)))
    for preview in (first, second):
        confirmation = broadcasts.confirm(STAFF, preview.broadcast_id)
        assert confirmation.figures.status is BroadcastStatus.SCHEDULED and not confirmation.needs_approval
    assert [f.broadcast_id for f in broadcasts.upcoming(SECOND_STAFF)] == [second.broadcast_id, first.broadcast_id]
    with pytest.raises(BroadcastError, match="allerede planlagt"):
        broadcasts.confirm(STAFF, first.broadcast_id)
    cancelled, _ = broadcasts.cancel(SECOND_STAFF, first.broadcast_id)
    assert cancelled.status is BroadcastStatus.CANCELLED
    assert [f.broadcast_id for f in broadcasts.upcoming(STAFF)] == [second.broadcast_id]
    with database.session() as session:
        session.get(Broadcast, second.broadcast_id).status = BroadcastStatus.SENDING
    with pytest.raises(BroadcastError, match="kan ikke længere annulleres"):
        broadcasts.cancel(STAFF, second.broadcast_id)
    with pytest.raises(BroadcastError, match="ingen udsendelse #999"):
        broadcasts.cancel(STAFF, 999)


def test_only_the_author_confirms_and_a_send_now_is_due_at_once(database: Database, seeded: Seeded, broadcasts: Broadcasts, clock: Clock) -> None:
    preview = broadcasts.compose(STAFF, Draft(ALL, "Hej"))
    with pytest.raises(NotAllowed, match="Kun den, der har skrevet"):
        broadcasts.confirm(SECOND_STAFF, preview.broadcast_id)
    confirmed = broadcasts.confirm(STAFF, preview.broadcast_id).figures
    assert (confirmed.status, confirmed.scheduled_at) == (BroadcastStatus.SCHEDULED, clock.now)


def test_all_mayors_needs_a_second_staff_member_when_the_setting_says_so(
    database: Database, seeded: Seeded, make_broadcasts: Callable[..., Broadcasts]
) -> None:
    broadcasts = make_broadcasts(requires_approval=True)
    network = broadcasts.compose(STAFF, Draft(Audience(AudienceKind.NETWORK, network_id=seeded.network_id), "Hej"))
    assert not broadcasts.confirm(STAFF, network.broadcast_id).needs_approval, "only all-mayor broadcasts need approval"
    preview = broadcasts.compose(STAFF, Draft(ALL, "Til alle"))
    assert preview.needs_approval
    confirmation = broadcasts.confirm(STAFF, preview.broadcast_id)
    assert confirmation.figures.status is BroadcastStatus.AWAITING_APPROVAL
    assert confirmation.approvers == (SECOND_STAFF,), "the author is not asked to approve their own broadcast"
    request = confirmation.approval_request
    assert request is not None and APPROVE_ACTION in [b.action_id for b in request.buttons] and "Til alle" in plain(request.text)
    assert Person(STAFF) in request.text, "the domain names the author; the adapter renders the mention"
    with pytest.raises(NotAllowed, match="din egen udsendelse"):
        broadcasts.approve(STAFF, preview.broadcast_id)
    approved, _ = broadcasts.approve(SECOND_STAFF, preview.broadcast_id)
    assert (approved.status, approved.approved_by) == (BroadcastStatus.SCHEDULED, SECOND_STAFF)
    with pytest.raises(BroadcastError, match="venter ikke på godkendelse"):
        broadcasts.approve(SECOND_STAFF, preview.broadcast_id)


def test_every_step_is_in_the_audit_log(database: Database, seeded: Seeded, make_broadcasts: Callable[..., Broadcasts]) -> None:
    broadcasts = make_broadcasts(requires_approval=True)
    preview = broadcasts.compose(STAFF, Draft(ALL, "Revideret program"))
    broadcasts.confirm(STAFF, preview.broadcast_id)
    broadcasts.approve(SECOND_STAFF, preview.broadcast_id)
    broadcasts.cancel(SECOND_STAFF, preview.broadcast_id)
    with database.session() as session:
        rows = session.execute(
            select(BroadcastAudit.actor_id, BroadcastAudit.action, BroadcastAudit.audience_label, BroadcastAudit.text)
            .where(BroadcastAudit.broadcast_id == preview.broadcast_id).order_by(BroadcastAudit.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (STAFF, "created", "Alle borgmestre", "Revideret program"),
        (STAFF, "confirmed", "Alle borgmestre", "Revideret program"),
        (SECOND_STAFF, "approved", "Alle borgmestre", "Revideret program"),
        (SECOND_STAFF, "cancelled", "Alle borgmestre", "Revideret program"),
    ]


def test_laest_counts_once_and_only_for_recipients(database: Database, seeded: Seeded, broadcasts: Broadcasts) -> None:
    preview = broadcasts.compose(STAFF, Draft(Audience(AudienceKind.NETWORK, network_id=seeded.network_id), "Læs venligst", ack_requested=True))
    member = seeded.network_members[0]
    assert broadcasts.acknowledge(member, preview.broadcast_id) == (True, None)
    assert broadcasts.acknowledge(member, preview.broadcast_id) == (False, None)
    with pytest.raises(BroadcastError, match="ikke sendt til dig"):
        broadcasts.acknowledge(mayor_id(90), preview.broadcast_id)
    assert broadcasts.figures(preview.broadcast_id).acknowledged == 1


def test_the_form_offers_networks_and_coming_sessions(database: Database, seeded: Seeded, broadcasts: Broadcasts) -> None:
    choices = broadcasts.choices(STAFF)
    assert choices.networks == ((seeded.network_id, "Nordjyske borgmestre"),)
    assert choices.sessions == ((seeded.session_id, "Mødeledelse, fredag d. 12. marts 2027 kl. 10.00"),)


def test_a_closed_draft_is_forgotten_only_by_its_author(database: Database, seeded: Seeded, broadcasts: Broadcasts) -> None:
    preview = broadcasts.compose(STAFF, Draft(ALL, "Kladde"))
    assert not broadcasts.discard(SECOND_STAFF, preview.broadcast_id)
    assert broadcasts.discard(STAFF, preview.broadcast_id)
    assert _count(database, Broadcast) == 0 and _count(database, OutboxMessage) == 0 and _count(database, BroadcastAudit) == 0
    confirmed = broadcasts.compose(STAFF, Draft(ALL, "Sendes"))
    broadcasts.confirm(STAFF, confirmed.broadcast_id)
    assert not broadcasts.discard(STAFF, confirmed.broadcast_id), "a confirmed broadcast is cancelled, never discarded"
    assert _count(database, OutboxMessage) == 98

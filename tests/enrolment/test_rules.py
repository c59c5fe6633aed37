"""The rules a mayor meets: kinds of enrolment explained, deadlines, audiences, who may enrol
for whom, and /mine. Every refusal is Danish, says what to do, and stores nothing."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.catalogue.schema import EnrolmentKind
from bot.enrolment.errors import (
    AlreadyRequested,
    AudienceNotAllowed,
    DeadlinePassed,
    NoMayorLinked,
    NoSessions,
    NotEnrolled,
    NothingToEnrol,
    NotRegistered,
    SessionCancelled,
    SessionStarted,
    UnknownOffer,
    UnknownSession,
)
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.storage.db import Database
from bot.storage.models.enrolment import Audience, Enrolment, EnrolmentStatus, OfferRequest, RequestKind, RequestStatus
from bot.storage.models.members import Member, Role
from tests.enrolment.support import Clock, Inbox, add_members, add_session


def _enrolments(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Enrolment)) or 0


def _link_secretariat(db: Database, mayor_id: str, secretariat_id: str = "U0SEC") -> str:
    with db.session() as session:
        mayor = session.scalar(select(Member).where(Member.slack_user_id == mayor_id))
        session.add(Member(slack_user_id=secretariat_id, name="Sekretær Sørensen", municipality="Vejle", role=Role.SECRETARIAT, acts_for=mayor))
    return secretariat_id


def test_find_offers_uses_the_answer_matching(enrolment: EnrolmentService) -> None:
    assert [o.id for o in enrolment.find_offers("modeledelse")] == ["modeledelse"]
    assert [o.id for o in enrolment.find_offers("Mødeledelse")] == ["modeledelse"]
    with pytest.raises(UnknownOffer, match="Skriv fx /tilmeld"):
        enrolment.find_offers("   ")


@pytest.mark.parametrize("offer_id", ["b98", "nyhedsbreve", "borgmesterfortaellinger"])
def test_nothing_to_enrol_is_explained_with_the_catalogues_words(
    database: Database, enrolment: EnrolmentService, offer_id: str
) -> None:
    with pytest.raises(NothingToEnrol) as error:
        enrolment.plan("U0UNKNOWN", offer_id)
    assert "kræver ingen tilmelding" in str(error.value)
    assert error.value.offer.enrolment.how in str(error.value)


def test_unknown_offer_and_session(database: Database, enrolment: EnrolmentService) -> None:
    add_members(database, 1)
    with pytest.raises(UnknownOffer, match="'karaoke'"):
        enrolment.plan("U0M000", "karaoke")
    with pytest.raises(UnknownSession, match="Skriv /tilmeld"):
        enrolment.enrol("U0M000", 9999)


def test_a_stranger_is_asked_who_they_are(database: Database, enrolment: EnrolmentService, admin: SessionAdmin) -> None:
    session = add_session(admin)
    with pytest.raises(NotRegistered, match="hvilken kommune"):
        enrolment.plan("U0NEW", "modeledelse")
    with pytest.raises(NotRegistered):
        enrolment.enrol("U0NEW", session.id)
    assert enrolment.mine("U0NEW").empty
    assert _enrolments(database) == 0


def test_a_session_offer_without_dates_says_so(database: Database, enrolment: EnrolmentService) -> None:
    add_members(database, 1)
    with pytest.raises(NoSessions, match="ingen kommende datoer for Forhandlingsteknik") as error:
        enrolment.plan("U0M000", "forhandlingsteknik")
    assert "oci@kl.dk" in str(error.value)


def test_plan_shows_each_session_and_why_one_is_closed(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock
) -> None:
    [mayor] = add_members(database, 1)
    later = add_session(admin, starts_at=clock.now + timedelta(days=60), ends_at=clock.now + timedelta(days=60, hours=2), deadline=None)
    soon = add_session(admin, deadline=clock.now + timedelta(days=1))
    new_only = add_session(admin, audience=Audience.FIRST_TERM, starts_at=clock.now + timedelta(days=90), ends_at=clock.now + timedelta(days=90, hours=1))
    enrolment.enrol(mayor, later.id)
    clock.advance(days=2)
    plan = enrolment.plan(mayor, "modeledelse")
    assert plan.kind is EnrolmentKind.SESSION and not plan.on_behalf
    by_id = {choice.session.id: choice for choice in plan.sessions}
    assert [c.session.id for c in plan.sessions] == [soon.id, later.id, new_only.id]
    assert by_id[soon.id].closed == "Tilmeldingsfristen er overskredet"
    assert by_id[later.id].status is EnrolmentStatus.ENROLLED
    assert by_id[new_only.id].closed == "Kun for nyvalgte borgmestre"
    assert plan.open_sessions == ()


def test_deadline_audience_cancelled_and_started_are_refused(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock
) -> None:
    [mayor] = add_members(database, 1)
    [newcomer] = add_members(database, 1, first_term=True, prefix="U0NY")
    closing = add_session(admin, deadline=clock.now + timedelta(days=1))
    new_only = add_session(admin, audience=Audience.FIRST_TERM)
    cancelled = add_session(admin)
    admin.cancel(cancelled.id)
    with pytest.raises(AudienceNotAllowed, match="kun for nyvalgte borgmestre.*oci@kl.dk"):
        enrolment.enrol(mayor, new_only.id)
    assert enrolment.enrol(newcomer, new_only.id).status is EnrolmentStatus.ENROLLED
    with pytest.raises(SessionCancelled, match="er aflyst"):
        enrolment.enrol(mayor, cancelled.id)
    clock.advance(days=2)
    with pytest.raises(DeadlinePassed, match="Tilmeldingsfristen for Mødeledelse .* var .*Vil du gerne med alligevel"):
        enrolment.enrol(mayor, closing.id)
    clock.now = closing.starts_at
    with pytest.raises(SessionStarted):
        enrolment.enrol(mayor, closing.id)
    assert _enrolments(database) == 1


def test_requests_are_stored_once_and_can_be_withdrawn(
    database: Database, enrolment: EnrolmentService, inbox: Inbox
) -> None:
    [mayor] = add_members(database, 1)
    plan = enrolment.plan(mayor, "mentorordning")
    assert plan.kind is EnrolmentKind.REQUEST and plan.request is None
    outcome = enrolment.request(mayor, "mentorordning", note="  Gerne en   fra Jylland ")
    assert "KL har fået din anmodning om Mentorordning" in outcome.message
    assert outcome.request.note == "Gerne en fra Jylland"
    assert inbox.to(mayor)[-1].title == "Anmodning modtaget"
    with pytest.raises(AlreadyRequested, match="Du har allerede bedt om Mentorordning"):
        enrolment.request(mayor, "mentorordning")
    assert enrolment.plan(mayor, "mentorordning").request is not None
    [open_request] = enrolment.mine(mayor).requests
    assert open_request.offer_title == "Mentorordning"

    withdrawn = enrolment.withdraw(mayor, "mentorordning")
    assert withdrawn.request is not None and "trukket tilbage" in withdrawn.message
    assert enrolment.mine(mayor).empty
    again = enrolment.request(mayor, "mentorordning")
    assert again.request.status is RequestStatus.OPEN
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(OfferRequest)) == 1


def test_network_membership_is_a_membership_request(database: Database, enrolment: EnrolmentService) -> None:
    [mayor] = add_members(database, 1)
    outcome = enrolment.request(mayor, "borgmesternetvaerk")
    assert outcome.request.kind is RequestKind.MEMBERSHIP


def test_a_secretariat_enrols_its_mayor(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    [mayor] = add_members(database, 1)
    secretariat = _link_secretariat(database, mayor)
    session = add_session(admin)
    plan = enrolment.plan(secretariat, "modeledelse")
    assert plan.on_behalf and plan.participant.slack_user_id == mayor
    outcome = enrolment.enrol(secretariat, session.id)
    assert outcome.on_behalf and outcome.message.startswith("Borgmester U0M000 er tilmeldt")
    assert inbox.to(mayor)[-1].text.startswith("Sekretær Sørensen fra sekretariatet har tilmeldt dig Mødeledelse")
    assert inbox.to(secretariat)[-1].text.startswith("Borgmester U0M000 er tilmeldt")
    overview = enrolment.mine(secretariat)
    assert overview.on_behalf and [e.session.id for e in overview.enrolments] == [session.id]
    with database.session() as s:
        row = s.scalar(select(Enrolment))
        assert row.member.slack_user_id == mayor and row.enrolled_by.slack_user_id == secretariat
    enrolment.withdraw(secretariat, "modeledelse")
    assert enrolment.mine(mayor).empty


def test_an_unlinked_secretariat_is_told_to_ask_kl(database: Database, enrolment: EnrolmentService, admin: SessionAdmin) -> None:
    session = add_session(admin)
    with database.session() as s:
        s.add(Member(slack_user_id="U0SEC", name="Sekretær", municipality="Vejle", role=Role.SECRETARIAT))
    with pytest.raises(NoMayorLinked, match="knytte dig til din borgmester"):
        enrolment.enrol("U0SEC", session.id)
    assert _enrolments(database) == 0


def test_withdraw_asks_which_date_when_there_are_several(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock
) -> None:
    [mayor] = add_members(database, 1)
    first = add_session(admin)
    second = add_session(admin, starts_at=first.starts_at + timedelta(days=7), ends_at=first.ends_at + timedelta(days=7))
    enrolment.enrol(mayor, first.id)
    enrolment.enrol(mayor, second.id)
    choice = enrolment.withdraw(mayor, "modeledelse")
    assert choice.session is None and [s.id for s in choice.choices] == [first.id, second.id]
    assert "Vælg" in choice.message
    assert enrolment.withdraw(mayor, "modeledelse", second.id).session.id == second.id
    assert [e.session.id for e in enrolment.mine(mayor).enrolments] == [first.id]
    enrolment.withdraw(mayor, "modeledelse")
    with pytest.raises(NotEnrolled, match="Du er ikke tilmeldt Mødeledelse"):
        enrolment.withdraw(mayor, "modeledelse")


def test_mine_lists_upcoming_in_date_order_and_drops_past_and_cancelled(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock
) -> None:
    [mayor] = add_members(database, 1)
    later = add_session(admin, offer_id="staerk-taler", starts_at=clock.now + timedelta(days=40), ends_at=clock.now + timedelta(days=40, hours=2))
    sooner = add_session(admin, starts_at=clock.now + timedelta(days=3), ends_at=clock.now + timedelta(days=3, hours=2), deadline=None)
    gone = add_session(admin, offer_id="sociale-medier")
    for session in (later, sooner, gone):
        enrolment.enrol(mayor, session.id)
    admin.cancel(gone.id)
    assert [e.session.id for e in enrolment.mine(mayor).enrolments] == [sooner.id, later.id]
    clock.advance(days=4)
    [left] = enrolment.mine(mayor).enrolments
    assert left.session.id == later.id and left.text.endswith(": tilmeldt")

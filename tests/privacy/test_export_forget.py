"""GDPR: `members export` writes every row that names a person; `members forget` leaves nothing of
them in any table (every string column is searched for their Slack id, every members foreign
key for their row id) while what others need stays (a broadcast and its counts); and every
column that can name a person, in any table, now or added later, has a handling."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, select

from bot.broadcast.audience import Audience
from bot.broadcast.service import Broadcasts, Draft
from bot.catalogue.store import Author, CatalogueStore
from bot.cli import main
from bot.clock import utcnow
from bot.feedback import FeedbackLog, Reason
from bot.inbound import HandledEvents
from bot.privacy import HANDLING, Refers, handled, person_columns, unhandled
from bot.storage.base import Base
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, Broadcast, BroadcastAudit, BroadcastStatus, OutboxMessage, OutboxState
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferRequest, RequestKind
from bot.storage.models.members import Member
from bot.storage.models.praktik import PraktikOptIn, PraktikPair, PraktikRound
from bot.storage.models.reminders import DeliveryState, HotlineOptOut, Meeting, MeetingKind, ReminderDelivery, ReminderSettings
from bot.storage.models.rhythm import HostTurn
from bot.storage.models.staff import AuditEntry, ItemKind, WorkItem
from tests.broadcast.directory import STAFF, Seeded, mayor_id
from tests.conftest import OFFERS_PATH

PERSON = mayor_id(0)
OTHER = mayor_id(1)


def _member_id(db: Database, slack_id: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Member.id).where(Member.slack_user_id == slack_id))
    assert found is not None
    return found


def _everywhere(db: Database, broadcasts: Broadcasts, seeded: Seeded) -> int:
    """The person in every table that can hold them: as a member, enrolled and enrolling someone,
    requesting, hosting, opted out, reminded, asking, clicking, receiving, reading, writing and
    approving a broadcast, editing the settings. Returns the broadcast they received."""
    person, other = _member_id(db, PERSON), _member_id(db, OTHER)
    with db.session() as session:
        session.get(Member, other).acts_for_id = person  # type: ignore[union-attr]
        session.add(Enrolment(session_id=seeded.session_id, member_id=person, status=EnrolmentStatus.ENROLLED, queue_no=90))
        session.add(Enrolment(session_id=seeded.session_id, member_id=other, enrolled_by_id=person,
                              status=EnrolmentStatus.WAITLISTED, queue_no=91))
        session.add(OfferRequest(offer_id="sparring", kind=RequestKind.REQUEST, member_id=person))
        session.add(OfferRequest(offer_id="mentorordning", kind=RequestKind.REQUEST, member_id=other, requested_by_id=person))
        session.add(Meeting(kind=MeetingKind.NETWORK, network_id=seeded.network_id, starts_at=utcnow() + timedelta(days=30),
                            place="Aalborg", host_member_id=person, created_by=PERSON))
        session.add(HotlineOptOut(member_id=person))
        session.add(ReminderDelivery(reminder_key="hotline:2027Q1", member_id=person, state=DeliveryState.SENT,
                                     due_at=utcnow(), channel="D0PERSON", ts="1.1"))
        session.add(ReminderSettings(id=1, meeting_offsets_days=[14, 1], hotline_every_months=3, send_hour=10, grace_hours=12,
                                     updated_by=PERSON))
        own = Broadcast(author_id=PERSON, audience_kind=AudienceKind.ALL_MAYORS, audience_label="Alle borgmestre",
                        text="Fra borgmesteren", status=BroadcastStatus.DONE, approved_by=PERSON)
        session.add(own)
        session.flush()
        session.add(BroadcastAudit(broadcast_id=own.id, actor_id=PERSON, action="approve", audience_label="Alle borgmestre",
                                   text="Fra borgmesteren"))
        session.add(AuditEntry(actor_id=PERSON, actor_name="Personen", action="item_taken", subject="En sag"))
        session.add(WorkItem(kind=ItemKind.REQUEST, title="Mentor", details="", asker_id=PERSON))
        session.add(WorkItem(kind=ItemKind.QUESTION, title="Spørgsmål", details="", assignee_id=PERSON, assignee_name="Personen"))

    third = _member_id(db, mayor_id(2))
    with db.session() as session:
        session.add(HostTurn(network_id=seeded.network_id, period_start=date(2027, 1, 1), member_id=person))
        session.add(PraktikOptIn(member_id=person))
        praktik = PraktikRound(period_start=date(2027, 1, 1), sent_by=PERSON)
        session.add(praktik)
        session.flush()
        session.add_all([
            PraktikPair(round_id=praktik.id, first_id=person, second_id=other),
            PraktikPair(round_id=praktik.id, first_id=other, second_id=person),
            PraktikPair(round_id=praktik.id, first_id=other, second_id=third, third_id=person),
        ])
    catalogue = CatalogueStore(OFFERS_PATH, db)
    as_person = Author(PERSON, "Borgmester 0")
    catalogue.import_catalogue(catalogue.current, as_person, "Ny pris")
    catalogue.confirm("mentorordning", as_person)
    feedback = FeedbackLog(db)
    entry = feedback.record("hvornår er der netværksmøde i Aalborg?", Reason.ABSTAINED)
    assert entry is not None and feedback.consent(entry, PERSON)
    assert HandledEvents(db).first_time(f"feedback:{PERSON}:C0GENERAL:1.2")
    preview = broadcasts.compose(STAFF, Draft(Audience(AudienceKind.ALL_MAYORS), "Husk borgmestersamlingen", ack_requested=True))
    broadcasts.confirm(STAFF, preview.broadcast_id)
    with db.session() as session:
        for row in session.scalars(select(OutboxMessage).where(OutboxMessage.broadcast_id == preview.broadcast_id)):
            row.state, row.channel, row.ts = OutboxState.DELIVERED, "D" + row.recipient_id[1:], "1.3"
    broadcasts.acknowledge(PERSON, preview.broadcast_id)
    broadcasts.acknowledge(OTHER, preview.broadcast_id)
    return preview.broadcast_id


def _traces(db: Database, slack_id: str, member_id: int, name: str = "Borgmester 0") -> list[str]:
    """Every column of every table that still names the person, by row id, Slack id or name."""
    found = []
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if any(fk.column.table.name == Member.__tablename__ for fk in column.foreign_keys) or (
                    table.name == Member.__tablename__ and column.name == "id"
                ):
                    condition = column == member_id
                elif isinstance(column.type, String):
                    condition = column.contains(slack_id, autoescape=True) | column.contains(name, autoescape=True)
                else:
                    continue
                if connection.execute(select(column).where(condition).limit(1)).first() is not None:
                    found.append(f"{table.name}.{column.name}")
    return found


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)


def test_export_then_forget_leaves_nothing_of_the_person(
    environment: None, database: Database, seeded: Seeded, broadcasts: Broadcasts, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
) -> None:
    broadcast_id = _everywhere(database, broadcasts, seeded)
    member_id = _member_id(database, PERSON)
    before = _traces(database, PERSON, member_id)
    reachable = {f"{table}.{column}" for (table, column), handling in HANDLING.items() if handling.refers is not Refers.NOBODY}
    assert reachable <= set(before), "the fixture puts the person in every column that can hold them"

    exported = tmp_path / "udtræk.json"
    assert main(["members", "export", PERSON, "--fil", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["slack_id"] == PERSON
    tables = data["tables"]
    assert {row["name"] for row in tables["members"]} == {"Borgmester 0", "Borgmester 1"}, "them, and who acts for them"
    assert {table for table, _ in (entry.split(".") for entry in before)} <= set(tables), "every table that names them is exported"
    assert {row["offer_id"] for row in tables["offer_requests"]} == {"sparring", "mentorordning"}
    assert tables["question_log"][0]["question"] == "hvornår er der netværksmøde i Aalborg?"

    figures = broadcasts.figures(broadcast_id)
    with caplog.at_level("INFO", logger="bot.privacy"):
        assert main(["members", "forget", PERSON]) == 0
    assert f"{PERSON} er glemt" in capsys.readouterr().out
    assert any("GDPR" in r.message and PERSON in r.message for r in caplog.records), "the erasure is logged"

    assert _traces(database, PERSON, member_id) == []
    after = broadcasts.figures(broadcast_id)
    assert (after.delivered, after.failed, after.acknowledged) == (figures.delivered, figures.failed, figures.acknowledged)
    other = _member_id(database, OTHER)
    with database.session() as session:
        assert session.scalar(select(Broadcast.author_id).where(Broadcast.text == "Fra borgmesteren")) == "slettet"
        assert session.get(Member, other).acts_for_id is None  # type: ignore[union-attr]
    assert main(["members", "forget", PERSON]) == 2
    assert "ingen oplysninger" in capsys.readouterr().err


def test_every_column_that_can_name_a_person_is_handled() -> None:
    assert unhandled() == set(), "add these columns to bot.privacy.HANDLING (delete, blank or pseudonymise)"
    stale = {key for key in handled() if key not in {(t.name, c.name) for t in Base.metadata.sorted_tables for c in t.columns}}
    assert stale == set(), "HANDLING names columns that no longer exist"


def test_a_new_table_with_a_person_is_caught() -> None:
    """What the check above does when a later table names a person, by foreign key or by name."""
    metadata = MetaData()
    Table("members", metadata, Column("id", Integer, primary_key=True))
    Table("work_items", metadata, Column("id", Integer, primary_key=True), Column("taken_by", String(32)),
          Column("mayor_id", ForeignKey("members.id")), Column("offer_id", String(80)))
    Table("notes", metadata, Column("id", Integer, primary_key=True), Column("written_by_id", String(32)),
          Column("author_name", String(200)), Column("title", String(200)))
    assert person_columns(metadata) == {
        ("work_items", "taken_by"), ("work_items", "mayor_id"), ("notes", "written_by_id"), ("notes", "author_name"),
    }

"""Reminders before each session a mayor is enrolled in (the enrolment tables are the truth)."""
from __future__ import annotations

from icalendar import Calendar

from bot.catalogue.store import CatalogueStore
from bot.reminders.delivery import ReminderRunner
from bot.storage.db import Database
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferSession
from tests.reminders.helpers import Clock, add_member, cph, dms_to, slack_sender
from tests.slack_harness.fake_slack import FakeSlack


def _session(database: Database, offer_id: str, starts: tuple[int, ...], enrolled: dict[int, EnrolmentStatus], *, at) -> int:
    with database.session() as session:
        row = OfferSession(
            offer_id=offer_id, starts_at=cph(*starts), ends_at=cph(*starts[:3], starts[3] + 3), place="KL-huset, Weidekampsgade 10",
            capacity=20, created_at=at, updated_at=at,
        )
        session.add(row)
        session.flush()
        for queue_no, (member_id, status) in enumerate(enrolled.items(), start=1):
            session.add(Enrolment(session_id=row.id, member_id=member_id, status=status, queue_no=queue_no, created_at=at, updated_at=at))
        return row.id


def test_enrolled_mayors_are_reminded_of_their_sessions(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock
) -> None:
    signed_up = cph(2027, 1, 12)
    anna = add_member(database, "U0ANNA", "Anna", "Aarhus", at=signed_up)
    bo = add_member(database, "U0BO", "Bo", "Vejle", at=signed_up)
    session_id = _session(
        database, "forhandlingsteknik", (2027, 3, 3, 9), {anna: EnrolmentStatus.ENROLLED, bo: EnrolmentStatus.WAITLISTED}, at=signed_up
    )
    _session(database, "mediehaandtering", (2027, 3, 3, 13), {bo: EnrolmentStatus.WITHDRAWN}, at=signed_up)
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)

    clock.set(cph(2027, 2, 17, 10))
    assert runner.run_due()["sent"] == 1
    [reminder] = dms_to(fake_slack, "U0ANNA")
    assert "Påmindelse: Forhandlingsteknik om 14 dage" in reminder and "KL-huset" in reminder and "/afmeld Forhandlingsteknik" in reminder
    assert dms_to(fake_slack, "U0BO") == [], "waitlisted and withdrawn are not reminded"
    [upload] = fake_slack.uploads
    event = next(iter(Calendar.from_ical(upload.content).walk("VEVENT")))
    assert str(event["uid"]) == f"session-{session_id}@borgmesterbot", "the same calendar entry as the enrolment's"

    with database.session() as session:
        session.get(OfferSession, session_id).cancelled_at = cph(2027, 2, 20)
    clock.set(cph(2027, 3, 2, 10))
    assert runner.run_due()["sent"] == 0, "a cancelled session is not reminded"

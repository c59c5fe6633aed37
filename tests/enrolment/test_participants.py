"""The staff roster and its CSV: per session, seats first and then the waitlist in order."""
from __future__ import annotations

import csv
import io

import pytest

from bot.enrolment.context import EnrolmentContext
from bot.enrolment.errors import UnknownOffer
from bot.enrolment.participants import CSV_COLUMNS, Participants, roster_csv
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.storage.db import Database
from bot.storage.models.enrolment import EnrolmentStatus
from tests.enrolment.support import add_members, add_session


def test_roster_lists_seats_then_the_waitlist(
    database: Database, context: EnrolmentContext, enrolment: EnrolmentService, admin: SessionAdmin
) -> None:
    m0, m1, m2, m3, m4 = add_members(database, 5)
    session = add_session(admin, capacity=2)
    for mayor in (m0, m1, m2, m3, m4):
        enrolment.enrol(mayor, session.id)
    enrolment.withdraw(m1, "modeledelse")

    roster = Participants(context).roster("modeledelse")
    [entry] = roster.sessions
    assert [(p.slack_user_id, p.status, p.position) for p in entry.participants] == [
        (m0, EnrolmentStatus.ENROLLED, None),
        (m2, EnrolmentStatus.ENROLLED, None),
        (m3, EnrolmentStatus.WAITLISTED, 1),
        (m4, EnrolmentStatus.WAITLISTED, 2),
    ]
    assert not roster.empty and roster.requests == ()


def test_csv_opens_in_danish_excel(
    database: Database, context: EnrolmentContext, enrolment: EnrolmentService, admin: SessionAdmin
) -> None:
    m0, m1 = add_members(database, 2)
    session = add_session(admin, capacity=1)
    enrolment.enrol(m0, session.id)
    enrolment.enrol(m1, session.id)
    content = roster_csv(Participants(context).roster("modeledelse"))
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r[3], r[6], r[7]) for r in rows[1:]] == [(f"Borgmester {m0}", "tilmeldt", ""), (f"Borgmester {m1}", "på venteliste", "1")]
    assert rows[1][1] == "torsdag d. 14. januar 2027 kl. 10.00–13.00"


def test_requests_appear_for_request_offers(database: Database, context: EnrolmentContext, enrolment: EnrolmentService) -> None:
    [mayor] = add_members(database, 1)
    enrolment.request(mayor, "borgmesternetvaerk")
    roster = Participants(context).roster("borgmesternetvaerk")
    assert [(r.slack_user_id, r.request.offer_title) for r in roster.requests] == [(mayor, "Borgmesternetværk")]
    rows = list(csv.reader(io.StringIO(roster_csv(roster).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][6] == "anmodning om netværk"


def test_empty_and_unknown(context: EnrolmentContext) -> None:
    assert Participants(context).roster("modeledelse").empty
    with pytest.raises(UnknownOffer):
        Participants(context).roster("karaoke")

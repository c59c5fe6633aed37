"""Who takes part, for staff: per session the seats, seat offers and the waitlist in order, the
open requests, and the same as a CSV file that opens correctly in a Danish Excel."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.clock import moment_text
from bot.danish import count
from bot.enrolment.context import EnrolmentContext
from bot.enrolment.errors import UnknownOffer
from bot.enrolment.results import (
    STATUS_NAMES,
    OfferRoster,
    Participant,
    RequestEntry,
    RequestView,
    SessionRoster,
)
from bot.enrolment.seats import session_views
from bot.staffdesk.audit import Action, AuditLog
from bot.storage.models.enrolment import (
    ACTIVE,
    Enrolment,
    EnrolmentStatus,
    OfferRequest,
    OfferSession,
    RequestKind,
    RequestStatus,
)

# A cell starting with one of these is read by Excel (and LibreOffice) as a formula, which can
# fetch a URL or run a command when the file is opened.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("Tilbud", "Dato", "Sted", "Navn", "Kommune", "Slack-id", "Status", "Venteliste nr.", "Tilmeldt af", "Senest ændret")


class Participants:
    def __init__(self, context: EnrolmentContext) -> None:
        self._context = context

    def roster(self, offer_id: str, *, include_past: bool = False, exported_by: str | None = None) -> OfferRoster:
        """``exported_by``: the staff member the list (with its CSV) is for, kept in the audit log."""
        offer = self._context.catalogue.known(offer_id)
        if offer is None:
            raise UnknownOffer(offer_id)
        query = select(OfferSession).where(OfferSession.offer_id == offer.id).order_by(OfferSession.starts_at)
        if not include_past:
            query = query.where(OfferSession.ends_at > self._context.clock())
        with self._context.db.session() as session:
            rows = list(session.scalars(query))
            sessions = []
            for row, view in zip(rows, session_views(session, rows, self._context.catalogue), strict=True):
                enrolments = session.scalars(
                    select(Enrolment)
                    .where(Enrolment.session_id == row.id, Enrolment.status.in_(ACTIVE))
                    .order_by(Enrolment.queue_no)
                    .options(selectinload(Enrolment.member), selectinload(Enrolment.enrolled_by))
                )
                participants = []
                waiting = 0
                for enrolment in enrolments:
                    waiting += enrolment.status is EnrolmentStatus.WAITLISTED
                    participants.append(
                        Participant(
                            name=enrolment.member.name,
                            slack_user_id=enrolment.member.slack_user_id,
                            municipality=enrolment.member.municipality,
                            status=enrolment.status,
                            position=waiting if enrolment.status is EnrolmentStatus.WAITLISTED else None,
                            since=enrolment.updated_at,
                            enrolled_by=enrolment.enrolled_by.name if enrolment.enrolled_by else None,
                        )
                    )
                participants.sort(key=lambda p: (p.status is EnrolmentStatus.WAITLISTED, p.position or 0))
                sessions.append(SessionRoster(session=view, participants=tuple(participants)))
            requests = tuple(
                RequestEntry(
                    request=RequestView.of(request, offer.title),
                    name=request.member.name,
                    slack_user_id=request.member.slack_user_id,
                    municipality=request.member.municipality,
                )
                for request in session.scalars(
                    select(OfferRequest)
                    .where(OfferRequest.offer_id == offer.id, OfferRequest.status == RequestStatus.OPEN)
                    .order_by(OfferRequest.created_at)
                    .options(selectinload(OfferRequest.member))
                )
            )
            if exported_by is not None:
                seats = sum(len(s.participants) for s in sessions)
                AuditLog.add(session, exported_by, Action.ROSTER_EXPORTED, offer.title, f"{count(len(sessions), 'dato', 'datoer')}, {count(seats, 'person', 'personer')} på listen")
        return OfferRoster(offer=offer, sessions=tuple(sessions), requests=requests)


def _inert(value: object) -> str:
    """The cell as text that no spreadsheet runs: a leading apostrophe makes Excel show it as
    typed (the OWASP advice for CSV injection)."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def roster_csv(roster: OfferRoster) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark: what Excel with Danish settings opens
    with æ, ø and å intact and every field in its own column. Names come from people, so every
    cell is made inert."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows: list[tuple[object, ...]] = []
    for entry in roster.sessions:
        s = entry.session
        for p in entry.participants:
            rows.append(
                (s.name, s.when, s.where, p.name, p.municipality or "", p.slack_user_id, STATUS_NAMES[p.status], p.position or "", p.enrolled_by or "", moment_text(p.since))
            )
    for r in roster.requests:
        kind = "anmodning om netværk" if r.request.kind is RequestKind.MEMBERSHIP else "anmodning"
        rows.append((roster.offer.title, "", "", r.name, r.municipality or "", r.slack_user_id, kind, "", "", moment_text(r.request.created_at)))
    writer.writerows(tuple(_inert(cell) for cell in row) for row in rows)
    return out.getvalue().encode("utf-8-sig")

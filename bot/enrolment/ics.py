"""A session as an .ics attachment. The UID is stable per session and the SEQUENCE is the
session's, so a calendar that already holds the session updates it when a changed session is
sent again, and removes it on a cancellation or a withdrawal."""
from __future__ import annotations

from datetime import datetime

from bot.calendar.ics import CalendarEvent, to_ics
from bot.enrolment.results import SessionView
from bot.notify import NoticeFile


def session_uid(session_id: int) -> str:
    return f"session-{session_id}@borgmesterbot"


def session_file(session: SessionView, *, stamp: datetime, cancelled: bool = False, organizer: str | None = None) -> NoticeFile:
    event = CalendarEvent(
        uid=session_uid(session.id),
        title=session.name,
        start=session.starts_at,
        end=session.ends_at,
        location=session.where,
        description="\n".join(f"{label}: {value}" for label, value in session.facts() if label != "Pladser"),
        sequence=session.sequence,
        cancelled=cancelled,
        organizer=organizer,
    )
    return NoticeFile(filename=f"{session.offer_id}-{session.id}.ics", content=to_ics(event, stamp=stamp), title=session.name)

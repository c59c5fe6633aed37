"""Meetings as plain text lines, for the adapters that print (the CLI and the console chat)."""
from __future__ import annotations

from bot.clock import moment_text
from bot.reminders.meetings import MeetingInfo


def meeting_lines(meeting: MeetingInfo) -> list[str]:
    """With the holiday warning staff need before anyone is reminded."""
    lines = [f"#{meeting.id} {meeting.title}: {moment_text(meeting.starts_at)}, {meeting.place}"]
    if meeting.host:
        lines.append(f"    Vært: {meeting.host.label}")
    if meeting.agenda:
        lines.append("    Dagsorden: " + meeting.agenda.replace("\n", "; "))
    if meeting.holiday:
        lines.append(f"    Bemærk: dagen er {meeting.holiday}.")
    return lines

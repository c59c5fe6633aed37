"""Members as the reminders domain hands them out, and finding one from what staff typed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.members.municipalities import find_municipality
from bot.reminders.errors import ReminderError
from bot.storage.models.members import Approval, Member, is_mayor

SLACK_USER_ID = re.compile(r"^<?@?([UW][A-Z0-9]{2,})(\|[^>]*)?>?$")


@dataclass(frozen=True)
class Person:
    id: int
    slack_user_id: str
    name: str
    municipality: str | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.municipality})" if self.municipality else self.name


def person(member: Member) -> Person:
    return Person(member.id, member.slack_user_id, member.name, member.municipality)


def find_member(session: Session, who: str) -> Member:
    """A Slack user id (U012ABC, <@U012ABC>) or a municipality, meaning its mayor."""
    text = who.strip()
    user = SLACK_USER_ID.match(text)
    if user:
        member = session.scalar(select(Member).where(Member.slack_user_id == user[1]))
        if member is None:
            raise ReminderError(f"{user[1]} er ikke i medlemslisten. Tilføj personen til medlemslisten først (importen af medlemmer).")
        if member.approval is not Approval.APPROVED:
            raise ReminderError(f"{member.name} venter på godkendelse af KL og kan ikke komme i et netværk endnu.")
        return member
    municipality = find_municipality(text)
    if municipality is None:
        raise ReminderError(f"'{text[:60]}' er hverken et Slack-bruger-id (fx U012ABC) eller en kommune.")
    mayor = session.scalar(select(Member).where(Member.municipality == municipality, is_mayor()))
    if mayor is None:
        raise ReminderError(f"Der er ingen borgmester for {municipality} i medlemslisten.")
    return mayor

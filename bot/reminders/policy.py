"""When reminders go out: offsets before meetings, the hotline rhythm, the hour and the grace
period, as staff set them (one row in reminder_settings; the defaults when it is missing)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.reminders.errors import ReminderError
from bot.storage.db import Database
from bot.storage.models.reminders import ReminderSettings

SETTINGS_ID = 1
HOTLINE_RHYTHMS = (1, 2, 3, 4, 6, 12)
MAX_OFFSETS = 5


@dataclass(frozen=True)
class ReminderPolicy:
    meeting_offsets_days: tuple[int, ...] = (14, 1)
    hotline_every_months: int = 3
    send_hour: int = 10
    grace_hours: int = 12

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.grace_hours)

    @property
    def hotline_months(self) -> tuple[int, ...]:
        """The months a hotline round goes out: every n months from January."""
        return tuple(range(1, 13, self.hotline_every_months))

    def validated(self) -> "ReminderPolicy":
        offsets = tuple(sorted(set(self.meeting_offsets_days), reverse=True))
        if not offsets or len(offsets) > MAX_OFFSETS or any(not 1 <= d <= 90 for d in offsets):
            raise ReminderError(f"Angiv 1-{MAX_OFFSETS} påmindelser før møder, hver mellem 1 og 90 dage før (fx 14,1).")
        if self.hotline_every_months not in HOTLINE_RHYTHMS:
            raise ReminderError("Hotline-påmindelsen kan komme hver 1., 2., 3., 4., 6. eller 12. måned (3 = hvert kvartal).")
        if not 7 <= self.send_hour <= 20:
            raise ReminderError("Påmindelser sendes i dagtimerne: vælg et klokkeslæt mellem 7 og 20.")
        if not 1 <= self.grace_hours <= 72:
            raise ReminderError("Henstandsperioden skal være mellem 1 og 72 timer.")
        return ReminderPolicy(offsets, self.hotline_every_months, self.send_hour, self.grace_hours)


def parse_offsets(text: str) -> tuple[int, ...]:
    """'14,1' or '14 1' as day offsets."""
    try:
        return tuple(int(part) for part in text.replace(",", " ").split())
    except ValueError:
        raise ReminderError(f"'{text[:40]}' er ikke en liste af dage. Skriv fx 14,1.") from None


def load_policy(session: Session) -> ReminderPolicy:
    row = session.get(ReminderSettings, SETTINGS_ID)
    if row is None:
        return ReminderPolicy()
    return ReminderPolicy(tuple(row.meeting_offsets_days), row.hotline_every_months, row.send_hour, row.grace_hours)


def save_policy(session: Session, policy: ReminderPolicy, updated_by: str | None) -> ReminderPolicy:
    policy = policy.validated()
    row = session.get(ReminderSettings, SETTINGS_ID) or ReminderSettings(id=SETTINGS_ID)
    row.meeting_offsets_days = list(policy.meeting_offsets_days)
    row.hotline_every_months = policy.hotline_every_months
    row.send_hour = policy.send_hour
    row.grace_hours = policy.grace_hours
    row.updated_by = updated_by
    session.add(row)
    return policy


class PolicyStore:
    """The policy as adapters read and change it, each in its own unit of work."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> ReminderPolicy:
        with self._db.session() as session:
            return load_policy(session)

    def set(self, policy: ReminderPolicy, updated_by: str | None) -> ReminderPolicy:
        with self._db.session() as session:
            return save_policy(session, policy, updated_by)

"""When reminders go out: offsets before meetings, the hotline rhythm, the hour, the grace
period, the quiet hours and how long a host has to choose a date before being reminded, as staff
set them (one row in reminder_settings; the defaults when it or a column is missing)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.reminders.errors import ReminderError
from bot.reminders.quiet import QuietHours
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
    quiet: QuietHours = QuietHours()
    host_reminder_days: int = 7
    """A host who has not chosen a date is reminded after this many days, and staff are told
    after as many again."""
    praktik_every_months: int = 6
    """How often a borgmesterpraktik round pairs the mayors who are in (6 = twice a year)."""

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.grace_hours)

    @property
    def host_reminder_after(self) -> timedelta:
        return timedelta(days=self.host_reminder_days)

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
        quiet = self.quiet
        if not (0 <= quiet.from_hour <= 23 and 0 <= quiet.until_hour <= 23):
            raise ReminderError("Stille timer angives som to klokkeslæt mellem 0 og 23, fx 20-7.")
        if quiet.hour_is_quiet(self.send_hour):
            raise ReminderError(f"Klokken {self.send_hour} ligger i de stille timer ({quiet.from_hour}-{quiet.until_hour}). Vælg et andet klokkeslæt.")
        if not 1 <= self.host_reminder_days <= 60:
            raise ReminderError("Værten mindes efter 1-60 dage, hvis der ikke er valgt en dato.")
        if self.praktik_every_months not in HOTLINE_RHYTHMS:
            raise ReminderError("Borgmesterpraktik kan have en runde hver 1., 2., 3., 4., 6. eller 12. måned (6 = hvert halve år).")
        return ReminderPolicy(
            offsets, self.hotline_every_months, self.send_hour, self.grace_hours, quiet, self.host_reminder_days, self.praktik_every_months
        )


def parse_offsets(text: str) -> tuple[int, ...]:
    """'14,1' or '14 1' as day offsets."""
    try:
        return tuple(int(part) for part in text.replace(",", " ").split())
    except ValueError:
        raise ReminderError(f"'{text[:40]}' er ikke en liste af dage. Skriv fx 14,1.") from None


def parse_quiet(text: str) -> tuple[int, int]:
    """'20-7' as (from, until) hours."""
    parts = text.replace(".", "-").replace(":", "-").split("-")
    try:
        start, end = (int(part) for part in parts)
    except ValueError:
        raise ReminderError(f"'{text[:40]}' er ikke stille timer. Skriv fx 20-7 (fra kl. 20 til kl. 7).") from None
    return start, end


def load_policy(session: Session) -> ReminderPolicy:
    row = session.get(ReminderSettings, SETTINGS_ID)
    if row is None:
        return ReminderPolicy()
    default = ReminderPolicy()
    quiet = QuietHours(
        default.quiet.from_hour if row.quiet_from_hour is None else row.quiet_from_hour,
        default.quiet.until_hour if row.quiet_until_hour is None else row.quiet_until_hour,
        default.quiet.weekends if row.quiet_weekends is None else row.quiet_weekends,
        default.quiet.holidays if row.quiet_holidays is None else row.quiet_holidays,
    )
    host_days = default.host_reminder_days if row.host_reminder_days is None else row.host_reminder_days
    praktik = default.praktik_every_months if row.praktik_every_months is None else row.praktik_every_months
    return ReminderPolicy(tuple(row.meeting_offsets_days), row.hotline_every_months, row.send_hour, row.grace_hours, quiet, host_days, praktik)


def save_policy(session: Session, policy: ReminderPolicy, updated_by: str | None) -> ReminderPolicy:
    policy = policy.validated()
    row = session.get(ReminderSettings, SETTINGS_ID) or ReminderSettings(id=SETTINGS_ID)
    row.meeting_offsets_days = list(policy.meeting_offsets_days)
    row.hotline_every_months = policy.hotline_every_months
    row.send_hour = policy.send_hour
    row.grace_hours = policy.grace_hours
    row.quiet_from_hour, row.quiet_until_hour = policy.quiet.from_hour, policy.quiet.until_hour
    row.quiet_weekends, row.quiet_holidays = policy.quiet.weekends, policy.quiet.holidays
    row.host_reminder_days = policy.host_reminder_days
    row.praktik_every_months = policy.praktik_every_months
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

"""The periodic hotline reminder: when each round goes out, and the mayors who turned it off.

A round goes out on the first working day of its month (never on nytårsdag or a weekend) at the
policy's hour, Copenhagen time. Turning it off only stops these rounds: the hotline details in
answers about threats and in the welcome DM are always given.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.clock import at_local, first_working_day, local
from bot.reminders.policy import ReminderPolicy
from bot.storage.db import Database
from bot.storage.models.members import Member
from bot.storage.models.reminders import HotlineOptOut


@dataclass(frozen=True)
class HotlineRound:
    key: str
    fires_at: datetime


def hotline_round(year: int, month: int, policy: ReminderPolicy) -> HotlineRound:
    return HotlineRound(f"hotline:{year}-{month:02d}", at_local(first_working_day(year, month), policy.send_hour))


def latest_hotline_round(now: datetime, policy: ReminderPolicy) -> HotlineRound:
    """The most recent round that has fired at `now` (looking back at most a year)."""
    year, month = local(now).year, local(now).month
    for _ in range(13):
        if month in policy.hotline_months:
            candidate = hotline_round(year, month, policy)
            if candidate.fires_at <= now:
                return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    raise AssertionError("a hotline rhythm always has a round within a year")


def next_hotline_round(now: datetime, policy: ReminderPolicy) -> HotlineRound:
    year, month = local(now).year, local(now).month
    for _ in range(25):
        if month in policy.hotline_months:
            candidate = hotline_round(year, month, policy)
            if candidate.fires_at > now:
                return candidate
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    raise AssertionError("a hotline rhythm always has a round within a year")


class HotlineOptOuts:
    def __init__(self, db: Database) -> None:
        self._db = db

    def set_opted_out(self, slack_user_id: str, opted_out: bool) -> bool:
        """Turn the periodic reminder off (True) or on again; False when the user is unknown.
        Repeating either is harmless."""
        try:
            with self._db.session() as session:
                member = session.scalar(select(Member).where(Member.slack_user_id == slack_user_id))
                if member is None:
                    return False
                existing = session.get(HotlineOptOut, member.id)
                if opted_out and existing is None:
                    session.add(HotlineOptOut(member_id=member.id))
                elif not opted_out and existing is not None:
                    session.delete(existing)
                return True
        except IntegrityError:
            return True

    def is_opted_out(self, slack_user_id: str) -> bool:
        with self._db.session() as session:
            found = session.scalar(
                select(HotlineOptOut.member_id).join(Member, Member.id == HotlineOptOut.member_id).where(Member.slack_user_id == slack_user_id)
            )
            return found is not None

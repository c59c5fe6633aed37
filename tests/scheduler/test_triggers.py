"""Fire times computed, not waited for: the tick and the housekeeping across both DST nights,
and why no reminder is a wall-clock cron job."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import COPENHAGEN
from scheduler.service import housekeeping_trigger


def _fire_times(trigger, start: datetime, count: int) -> list[datetime]:
    times, previous, now = [], None, start
    for _ in range(count):
        fire = trigger.get_next_fire_time(previous, now)
        times.append(fire)
        previous, now = fire, fire + timedelta(seconds=1)
    return times


def test_housekeeping_runs_once_a_day_at_04_15_across_both_changes() -> None:
    for night in (datetime(2027, 3, 27, 12, tzinfo=COPENHAGEN), datetime(2027, 10, 30, 12, tzinfo=COPENHAGEN)):
        fires = _fire_times(housekeeping_trigger(), night, 3)
        assert [(f.date(), f.hour, f.minute) for f in fires] == [(night.date() + timedelta(days=i), 4, 15) for i in (1, 2, 3)]
        assert len({f.astimezone(timezone.utc) for f in fires}) == 3


def test_the_tick_keeps_its_pace_through_the_repeated_hour() -> None:
    tick = IntervalTrigger(seconds=60, timezone=COPENHAGEN, start_date=datetime(2027, 10, 31, 1, 30, tzinfo=COPENHAGEN))
    fires = _fire_times(tick, datetime(2027, 10, 31, 1, 30, tzinfo=COPENHAGEN), 150)
    gaps = {(b.astimezone(timezone.utc) - a.astimezone(timezone.utc)).total_seconds() for a, b in zip(fires, fires[1:])}
    assert gaps == {60.0}
    assert fires[-1].astimezone(timezone.utc) - fires[0].astimezone(timezone.utc) == timedelta(minutes=149)


def test_a_02_30_cron_fires_twice_on_the_autumn_night() -> None:
    """The measured fact the design avoids: reminders are computed from the database and guarded
    by the delivery log, so a double firing like this could not send anything twice."""
    fires = _fire_times(CronTrigger(hour=2, minute=30, timezone=COPENHAGEN), datetime(2027, 10, 30, 12, tzinfo=COPENHAGEN), 2)
    assert [f.astimezone(timezone.utc).hour for f in fires] == [0, 1]
    assert fires[0].date() == fires[1].date()

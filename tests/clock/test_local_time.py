"""Reminder times are wall-clock times in Copenhagen, across both daylight-saving changes."""
from __future__ import annotations

from datetime import date, timezone

import pytest

from bot.clock import days_before, first_working_day, holiday_name, local
from tests.reminders.helpers import cph


@pytest.mark.parametrize(
    ("meeting", "days", "expected_utc"),
    [
        # Spring: the clocks go forward on Sunday 28 March 2027.
        (cph(2027, 3, 29, 10), 1, (2027, 3, 28, 8)),    # 10:00 CEST the day before
        (cph(2027, 3, 29, 10), 14, (2027, 3, 15, 9)),   # 10:00 CET two weeks before
        # Autumn: the clocks go back on Sunday 25 October 2026.
        (cph(2026, 10, 25, 12), 1, (2026, 10, 24, 8)),  # 10:00 CEST on the Saturday
        (cph(2026, 10, 26, 9), 1, (2026, 10, 25, 9)),   # 10:00 CET on the changeover Sunday
    ],
)
def test_reminders_keep_the_local_hour_across_dst(meeting, days, expected_utc) -> None:
    fires = days_before(meeting, days, 10)
    assert fires.astimezone(timezone.utc).timetuple()[:5] == (*expected_utc, 0)
    assert local(fires).hour == 10
    assert (local(meeting).date() - local(fires).date()).days == days


def test_danish_holidays_by_their_danish_names() -> None:
    assert holiday_name(date(2027, 5, 6)) == "Kristi himmelfartsdag"
    assert holiday_name(date(2027, 3, 29)) == "Anden påskedag"
    assert holiday_name(date(2027, 6, 5)) == "Grundlovsdag"
    assert holiday_name(date(2027, 5, 7)) is None


def test_first_working_day_skips_new_year_and_the_weekend() -> None:
    assert first_working_day(2027, 1) == date(2027, 1, 4)   # 1 January is a Friday and a holiday
    assert first_working_day(2027, 4) == date(2027, 4, 1)
    assert first_working_day(2027, 5) == date(2027, 5, 3)   # 1 May: Saturday (and Arbejdernes kampdag)

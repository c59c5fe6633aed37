"""Danish dates and times, in Copenhagen time whatever the season."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.clock import DateError, moment_text, parse_local, span_text


def test_wording_in_winter_and_summer() -> None:
    assert moment_text(datetime(2027, 1, 14, 9, tzinfo=timezone.utc)) == "torsdag d. 14. januar 2027 kl. 10.00"
    assert moment_text(datetime(2027, 6, 3, 7, 30, tzinfo=timezone.utc)) == "torsdag d. 3. juni 2027 kl. 09.30"
    start = datetime(2027, 3, 1, 8, tzinfo=timezone.utc)
    assert span_text(start, start.replace(hour=10)) == "mandag d. 1. marts 2027 kl. 09.00–11.00"
    assert span_text(start, start.replace(day=2)) == "mandag d. 1. marts 2027 kl. 09.00 til tirsdag d. 2. marts 2027 kl. 09.00"


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("14.1.2027 10:00", datetime(2027, 1, 14, 9, tzinfo=timezone.utc)),
        ("14-01-2027 kl. 10.00", datetime(2027, 1, 14, 9, tzinfo=timezone.utc)),
        ("2027-06-03 09:30", datetime(2027, 6, 3, 7, 30, tzinfo=timezone.utc)),
        ("2027-06-03", datetime(2027, 6, 2, 22, tzinfo=timezone.utc)),
    ],
)
def test_parse_local(typed: str, utc: datetime) -> None:
    assert parse_local(typed) == utc


def test_a_deadline_without_time_lasts_the_day() -> None:
    assert moment_text(parse_local("6.1.2027", end_of_day=True)) == "onsdag d. 6. januar 2027 kl. 23.59"


@pytest.mark.parametrize("typed", ["i morgen", "31.2.2027", "2027-13-01 10:00", "14.1.2027 25:00", ""])
def test_unreadable_dates_say_the_format(typed: str) -> None:
    with pytest.raises(DateError, match="14.1.2027 10:00|gyldig"):
        parse_local(typed)

"""Times on the daylight-saving nights: 02.30 on the spring night does not exist and is refused in
Danish; 02.30 on the autumn night happens twice and is refused with what to choose instead; every
other time typed is exactly the time listed afterwards."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.clock import DateError, moment_text, parse_local
from bot.reminders.rhythm import period_of


def _typed(day: date, minutes: int) -> str:
    return f"{day.day}.{day.month}.{day.year} {minutes // 60:02d}:{minutes % 60:02d}"


@pytest.mark.parametrize("night", [date(2027, 3, 28), date(2027, 10, 31), date(2028, 3, 26)])
def test_confirmed_is_listed_on_the_changeover_nights(night: date) -> None:
    refused = []
    for minutes in range(0, 6 * 60, 15):
        typed = _typed(night, minutes)
        try:
            moment = parse_local(typed)
        except DateError as error:
            refused.append((typed, str(error)))
            continue
        hour, minute = divmod(minutes, 60)
        assert moment_text(moment).endswith(f"kl. {hour:02d}.{minute:02d}"), typed
    assert [typed.split()[1] for typed, _ in refused] == ["02:00", "02:15", "02:30", "02:45"], "exactly the skipped or doubled hour"
    for _, message in refused:
        assert ("findes ikke" in message and "stilles frem" in message) or ("findes to gange" in message and "stilles tilbage" in message)
        assert "natten til søndag" in message


def test_the_refusals_say_what_to_do_in_danish() -> None:
    with pytest.raises(DateError, match=r"^Kl\. 02\.30 findes ikke natten til søndag d\. 28\. marts 2027: uret stilles frem"):
        parse_local("28.3.2027 02:30")
    with pytest.raises(DateError, match="Vælg et tidspunkt før 02.00 eller fra 03.00"):
        parse_local("2027-10-31 02:30")
    assert moment_text(parse_local("31.10.2027 03:00")) == "søndag d. 31. oktober 2027 kl. 03.00"


def test_a_quarter_is_named_and_bounded_in_local_dates() -> None:
    period = period_of(date(2027, 5, 6), 3)
    assert (period.start, period.end, period.name, period.span_text) == (date(2027, 4, 1), date(2027, 7, 1), "2. kvartal 2027", "1. april–30. juni 2027")
    assert period_of(date(2027, 12, 31), 6).name == "2. halvår 2027" and period_of(date(2027, 12, 31), 6).end == date(2028, 1, 1)
    assert period.first_half_holds(parse_local("1.4.2027 00:05")) and not period.first_half_holds(parse_local("16.5.2027 12:00"))
    assert period.holds(parse_local("30.6.2027 23:59")) and not period.holds(parse_local("30.6.2027 23:59") + timedelta(minutes=1))

"""The counted nouns of bot/danish.py: the noun agrees with the number, 1 is the only singular."""
from __future__ import annotations

import pytest

from bot.danish import age_text, count


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 pladser"), (1, "1 plads"), (2, "2 pladser"), (11, "11 pladser"), (21, "21 pladser"), (-1, "-1 pladser")],
)
def test_only_one_is_singular(number: int, expected: str) -> None:
    assert count(number, "plads", "pladser") == expected


@pytest.mark.parametrize(
    ("days", "hours", "expected"),
    [(1, 5, "1 dag"), (3, 0, "3 dage"), (0, 1, "1 time"), (0, 7, "7 timer"), (0, 0, "under en time")],
)
def test_age_takes_the_largest_whole_unit(days: int, hours: int, expected: str) -> None:
    assert age_text(days, hours) == expected

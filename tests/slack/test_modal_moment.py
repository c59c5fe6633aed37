"""The one reader of a date-and-time pair in a modal: a missing half is refused under its own
input, a whole pair is the Danish moment it names."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.slack.toolkit import ModalState


def _view(day: str | None, clock: str | None) -> dict:
    return {"state": {"values": {
        "date": {"pick": {"type": "datepicker", "selected_date": day}},
        "time": {"pick": {"type": "timepicker", "selected_time": clock}},
    }}}


def test_a_whole_pair_is_the_danish_moment() -> None:
    moment = ModalState(_view("2027-06-15", "09:30")).local_moment("date", "time")
    assert moment.astimezone(UTC) == datetime(2027, 6, 15, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(("day", "clock", "field"), [(None, "09:30", "date"), ("2027-06-15", None, "time"), (None, None, "date")])
def test_a_missing_half_is_refused_under_its_input(day: str | None, clock: str | None, field: str) -> None:
    with pytest.raises(UserError) as refused:
        ModalState(_view(day, clock)).local_moment("date", "time")
    assert refused.value.fields == {field: "Vælg både dato og klokkeslæt."}

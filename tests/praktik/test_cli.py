"""`borgmesterbot praktik ...` as staff run it: the count, a round paired now, a swap, the rhythm."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import utcnow
from bot.services import Services
from tests.reminders.helpers import add_member, cli_services, run_cli

TOWNS = (("U0ANNA", "Aarhus"), ("U0BO", "Vejle"), ("U0CAI", "Odense"), ("U0DAN", "Aalborg"))


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Services:
    services = cli_services(monkeypatch, tmp_path)
    for user_id, town in TOWNS:
        add_member(services.db, user_id, f"Borgmester {town}", town, at=utcnow() - timedelta(days=3))
    return services


_run = run_cli


def test_praktik_from_the_command_line(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "praktik", "round")
    assert code == 2 and "mindst to borgmestre" in err
    for user_id, _ in TOWNS:
        services.praktik.set_opted_in(user_id, True)
    assert _run(capsys, "praktik", "status")[1].startswith("4 borgmestre er med i borgmesterpraktik.\nDer er ingen runder endnu.")
    code, out, _ = _run(capsys, "praktik", "round")
    assert code == 0 and out.count(" og ") == 2
    latest = services.praktik.latest()
    assert latest is not None
    first, second = latest.pairs[0].people[0], latest.pairs[1].people[0]
    out = _run(capsys, "praktik", "swap", str(latest.id), first.slack_user_id, second.slack_user_id)[1]
    swapped = services.praktik.latest()
    assert swapped is not None and out.startswith(f"Runde #{latest.id}")
    assert {p.slack_user_id for p in swapped.pairs[0].people} == {second.slack_user_id, latest.pairs[0].people[1].slack_user_id}
    assert _run(capsys, "praktik", "rhythm", "12")[1] == "Borgmesterpraktik: en runde en gang om året.\n"
    code, _, err = _run(capsys, "praktik", "rhythm", "5")
    assert code == 2 and "hver 1., 2., 3., 4., 6. eller 12. måned" in err

"""`borgmesterbot sessions ...` as KL staff run it, without Slack configured."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from bot.services import Services
from bot.storage.models.members import Member, Role


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Services:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    return Services.build(load_settings())


def _add(capsys: pytest.CaptureFixture[str], *extra: str) -> int:
    args = ["sessions", "add", "--tilbud", "modeledelse", "--start", "14.1.2099 10:00", "--slut", "14.1.2099 13:00", "--pladser", "1"]
    assert main([*args, *extra]) == 0
    return int(re.search(r"#(\d+)", capsys.readouterr().out).group(1))


def test_add_list_change_cancel(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    session_id = _add(capsys, "--sted", "KL-huset", "--frist", "7.1.2099", "--pris", "500 kr.")
    assert main(["sessions", "list"]) == 0
    out = capsys.readouterr().out
    assert f"#{session_id} Mødeledelse [modeledelse]" in out
    assert "Hvornår: onsdag d. 14. januar 2099 kl. 10.00–13.00" in out
    assert "Tilmeldingsfrist: onsdag d. 7. januar 2099 kl. 23.59" in out
    assert "Pris: 500 kr." in out

    with services.db.session() as session:
        session.add_all([Member(slack_user_id=f"U0M{i}", name=f"Borgmester {i}", municipality="Vejle", role=Role.MAYOR) for i in range(2)])
    services.enrolment.enrol("U0M0", session_id)
    services.enrolment.enrol("U0M1", session_id)

    assert main(["sessions", "change", str(session_id), "--pladser", "2", "--start", "14.1.2099 11:00"]) == 0
    out = capsys.readouterr().out
    assert "kl. 11.00–13.00" in out and "Pladser: Fuldt (2 pladser), 0 på venteliste" in out
    assert "1 fra ventelisten har fået en plads eller et pladstilbud." in out
    assert "har IKKE fået besked, fordi SLACK_BOT_TOKEN ikke er sat" in out

    assert main(["sessions", "cancel", str(session_id)]) == 0
    out = capsys.readouterr().out
    assert "Aflyst:" in out and "(AFLYST)" in out and "2 berørte" in out
    assert main(["sessions", "list"]) == 0
    assert "(AFLYST)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sessions", "add", "--tilbud", "modeledelse", "--start", "i morgen", "--slut", "x", "--pladser", "3"], "'i morgen' er ikke en dato"),
        (["sessions", "add", "--tilbud", "b98", "--start", "1.1.2099 10:00", "--slut", "1.1.2099 11:00", "--pladser", "3", "--online"], "har ingen datoer"),
        (["sessions", "add", "--tilbud", "modeledelse", "--start", "1.1.2099 10:00", "--slut", "1.1.2099 11:00", "--pladser", "3"], "Angiv et sted"),
        (["sessions", "cancel", "999"], "Den dato findes ikke"),
    ],
)
def test_mistakes_are_one_danish_line(services: Services, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: ") and message in err


def test_lapse_from_the_cli(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "lapse"]) == 0
    assert "Ingen udløbne pladstilbud." in capsys.readouterr().out


@pytest.mark.parametrize("typed", ["mødeledelse", "Mødeledelse", "MODELEDELSE"])
def test_the_offer_is_taken_as_people_write_it(services: Services, capsys: pytest.CaptureFixture[str], typed: str) -> None:
    args = ["sessions", "add", "--tilbud", typed, "--start", "14.1.2099 10:00", "--slut", "14.1.2099 13:00", "--pladser", "1", "--online"]
    assert main(args) == 0
    assert "Mødeledelse [modeledelse]" in capsys.readouterr().out
    assert main(["sessions", "list", "--tilbud", "Håndtering af medier"]) == 0
    assert "Ingen kommende datoer" in capsys.readouterr().out
    assert main(["sessions", "list", "--tilbud", typed]) == 0
    assert "Mødeledelse [modeledelse]" in capsys.readouterr().out

"""`borgmesterbot networks ...`, `reminders ...` as staff run them, and `borgmesterbot scheduler`
as two real processes of which only one sends, and the other takes over when it is killed."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.clock import utcnow
from bot.resources import packaged_path
from bot.services import Services
from bot.storage.db import Database
from bot.storage.models.reminders import DeliveryState, ReminderDelivery
from tests.reminders.helpers import add_member, cli_services, dms_to, run_cli, without_quiet_hours
from tests.slack_harness.fake_slack import FakeSlack


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Services:
    services = cli_services(monkeypatch, tmp_path)
    add_member(services.db, "U0ANNA", "Anna Andersen", "Aarhus", at=utcnow() - timedelta(days=30))
    add_member(services.db, "U0BO", "Bo Berg", "Vejle", at=utcnow() - timedelta(days=30))
    return services


_run = run_cli


def test_networks_from_the_command_line(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "networks", "create", "Netværk Midt")[1] == "Netværket Netværk Midt er oprettet.\n"
    _run(capsys, "networks", "add", "Netværk Midt", "Aarhus")
    assert "Anna Andersen (Aarhus), Bo Berg (Vejle)" in _run(capsys, "networks", "add", "netværk midt", "U0BO")[1]
    code, out, _ = _run(capsys, "networks", "meeting", "Netværk Midt", "--start", "6.5.2099 10:00", "--sted", "Vejle Rådhus", "--dagsorden", "1. Budget")
    assert code == 0 and "Vært: Anna Andersen (Aarhus)" in out and "onsdag d. 6. maj 2099 kl. 10.00" in out
    code, out, _ = _run(capsys, "networks", "meeting", "Netværk Midt", "--start", "14.5.2099 10:00", "--sted", "Vejle", "--vaert", "Vejle")
    assert "Vært: Bo Berg (Vejle)" in out and "Bemærk" not in out
    code, out, err = _run(capsys, "networks", "meeting", "Netværk Midt", "--start", "21.5.2099 10:00", "--sted", "Vejle")
    assert (code, out) == (2, "") and err == (
        "Fejl: Datoen er Kristi himmelfartsdag. Vælg en anden dato, eller tilføj --helligdag, hvis mødet skal holdes alligevel.\n"
    )
    assert "torsdag d. 21. maj 2099" not in _run(capsys, "networks", "show", "Netværk Midt")[1], "a refused date is not set"
    code, _, err = _run(capsys, "networks", "meeting", "Netværk Midt", "--start", "23.5.2099 10:00", "--sted", "Vejle")
    assert code == 2 and "Datoen er en lørdag" in err, "and so is a weekend"
    assert "Bemærk: dagen er Kristi himmelfartsdag." in _run(
        capsys, "networks", "meeting", "Netværk Midt", "--start", "21.5.2099 10:00", "--sted", "Vejle", "--helligdag"
    )[1]
    out = _run(capsys, "networks", "show", "Netværk Midt")[1]
    assert "Medlemmer: Anna Andersen (Aarhus), Bo Berg (Vejle)" in out and "torsdag d. 21. maj 2099" in out
    assert re.search(r"#\d+ Netværk Midt \(2 medlemmer\): næste møde torsdag d. 21. maj 2099", _run(capsys, "networks", "list")[1])
    assert "Medlemmer nu: Bo Berg (Vejle)" in _run(capsys, "networks", "remove", "Netværk Midt", "Aarhus")[1]

    code, out, err = _run(capsys, "networks", "add", "Netværk Syd", "Aarhus")
    assert (code, out) == (2, "") and err == "Fejl: Netværket 'Netværk Syd' findes ikke. Tjek navnet mod listen over netværk.\n"
    code, _, err = _run(capsys, "networks", "meeting", "Netværk Midt", "--start", "32.5.2099 10:00", "--sted", "Vejle")
    assert code == 2 and err.startswith("Fejl: '32.5.2099 10:00' er ikke en gyldig dato")


def test_reminder_settings_fora_and_status(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "reminders", "settings")[1]
    assert "Påmindelser før møder: 14 dage og 1 dag før, kl. 10.00 dansk tid" in out and "hvert kvartal" in out
    out = _run(capsys, "reminders", "settings", "--dage", "7,2", "--hotline-maaneder", "6", "--henstand", "24")[1]
    assert "Indstillingerne er gemt." in out and "7 dage og 2 dage før" in out and "hvert halve år" in out and "24 timer" in out
    code, _, err = _run(capsys, "reminders", "settings", "--klokken", "3")
    assert code == 2 and "mellem 7 og 20" in err

    out = _run(capsys, "reminders", "forum", "b98", "--start", "14.1.2099 09:30", "--sted", "Aalborg Kongres & Kultur Center")[1]
    assert "Alle borgmestre får påmindelser" in out and "Borgmesterkredsen (B98): onsdag d. 14. januar 2099 kl. 09.30" in out
    meeting_id = re.search(r"#(\d+)", out).group(1)
    assert "Borgmesterkredsen (B98)" in _run(capsys, "reminders", "upcoming")[1]
    assert _run(capsys, "reminders", "cancel", meeting_id)[1] == "Aflyst: Borgmesterkredsen (B98). De inviterede får besked.\n"
    assert _run(capsys, "reminders", "upcoming")[1] == "Ingen planlagte møder.\n"

    with services.db.session() as session:
        session.add(ReminderDelivery(reminder_key="welcome", member_id=1, state=DeliveryState.FAILED, due_at=utcnow(), error="account_inactive"))
    out = _run(capsys, "reminders", "status")[1]
    assert "failed 1" in out and re.search(r"#\d+ welcome til Anna Andersen \(U0ANNA\): failed, account_inactive", out)
    delivery_id = re.search(r"#(\d+) welcome", out).group(1)
    assert "sendes igen" in _run(capsys, "reminders", "resend", delivery_id)[1]
    assert _run(capsys, "reminders", "resend", delivery_id)[0] == 2


def _scheduler_process(database_url: str, fake: FakeSlack) -> subprocess.Popen[str]:
    env = {
        **os.environ, "PYTHONPATH": str(PROJECT_ROOT), "DATABASE_URL": database_url, "SLACK_API_URL": fake.url,
        "SLACK_BOT_TOKEN": "xoxb-0000-test-borgmesterbot", "OFFERS_PATH": str(packaged_path("offers.yaml")),
    }
    for name in ("SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "STAFF_USER_IDS"):
        env.pop(name, None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "scheduler", "--tick-sekunder", "0.3", "--leder-sekunder", "0.3"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _claimed_by(database: Database) -> set[str]:
    with database.session() as session:
        return {row.claimed_by.split(":")[1] for row in session.query(ReminderDelivery)}


def test_two_scheduler_processes_send_once_and_one_takes_over(database: Database, db_url: str, fake_slack: FakeSlack) -> None:
    without_quiet_hours(database)
    processes = [_scheduler_process(db_url, fake_slack) for _ in range(2)]
    try:
        for i in range(4):
            add_member(database, f"U0A{i}", f"Borgmester {i}", None, at=utcnow())
        fake_slack.wait_for("chat.postMessage", count=4, timeout=30)
        time.sleep(1.0)
        assert [len(dms_to(fake_slack, f"U0A{i}")) for i in range(4)] == [1, 1, 1, 1]
        [leader_pid] = _claimed_by(database)
        leader = next(p for p in processes if str(p.pid) == leader_pid)
        leader.send_signal(signal.SIGKILL)
        leader.wait(timeout=10)

        add_member(database, "U0B1", "Borgmester B", None, at=utcnow())
        fake_slack.wait_for("chat.postMessage", count=5, timeout=30)
        assert len(dms_to(fake_slack, "U0B1")) == 1
        assert _claimed_by(database) == {str(p.pid) for p in processes}, "the survivor sent the new one"
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    survivor = next(p for p in processes if str(p.pid) != leader_pid)
    assert survivor.returncode == 0, survivor.stderr.read()[-2000:]


def test_staff_change_the_host_and_the_rhythm_from_the_command_line(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "networks", "create", "Netværk Midt")
    _run(capsys, "networks", "add", "Netværk Midt", "Aarhus")
    _run(capsys, "networks", "add", "Netværk Midt", "Vejle")
    code, out, _ = _run(capsys, "networks", "host", "Netværk Midt", "Vejle")
    assert code == 0 and out.startswith("Bo Berg (Vejle) er nu spurgt om at være vært for Netværk Midt i")
    assert services.host_turns.current("Netværk Midt").host.slack_user_id == "U0BO"
    assert _run(capsys, "networks", "rhythm", "Netværk Midt", "6")[1] == "Netværket mødes nu hvert halve år.\n"
    code, _, err = _run(capsys, "networks", "rhythm", "Netværk Midt", "5")
    assert code == 2 and "hver 1., 2., 3., 4., 6. eller 12. måned" in err

"""`borgmesterbot check` against the fake Slack: a good set-up gives one ✓ line per check and exit 0;
a broken one gives ✗ lines that each say what to do, and exit 1."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.slack.manifest import bot_scopes
from bot.storage.db import Database
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import APP_TOKEN, BOT_TOKEN

STAFF_GROUP = "S0KLSTAFF"
STAFF_CHANNEL = "C0KLSTAFF"
CHECKS = ("Bot-token", "Scopes", "App-token", "Medarbejdere", "Medarbejderkanal", "Database", "Katalog")


@pytest.fixture
def operator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_slack: FakeSlack) -> Path:
    """A working folder with a migrated database and every setting a Socket Mode install needs."""
    for name in ("DATABASE_URL", "OFFERS_PATH", "STAFF_USER_IDS", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SLACK_API_URL", fake_slack.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    monkeypatch.setenv("STAFF_USERGROUP_ID", STAFF_GROUP)
    monkeypatch.setenv("STAFF_CHANNEL_ID", STAFF_CHANNEL)
    fake_slack.set_usergroup(STAFF_GROUP, ["U0KL1", "U0KL2"])
    fake_slack.set_channel(STAFF_CHANNEL, "kl-borgmesterbot", is_member=True)
    db = Database(f"sqlite:///{tmp_path / 'borgmesterbot.sqlite3'}")
    db.migrate()
    db.dispose()
    return tmp_path


def _check(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, str]]:
    code = main(["check"])
    lines = capsys.readouterr().out.splitlines()
    return code, {line[2:].split(":", 1)[0]: line for line in lines}


def test_a_good_set_up_is_all_ticks(operator: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _check(capsys)
    assert tuple(lines) == CHECKS
    assert all(line.startswith("✓ ") for line in lines.values()), lines
    assert code == 0
    assert "2 medlemmer" in lines["Medarbejdere"] and "#kl-borgmesterbot" in lines["Medarbejderkanal"]


def test_a_broken_set_up_says_what_to_fix(
    operator: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fake_slack: FakeSlack,
) -> None:
    fake_slack.set_scopes([scope for scope in bot_scopes() if scope not in ("im:history", "files:write")])
    fake_slack.fail_next("apps.connections.open", error="invalid_auth")
    fake_slack.set_channel(STAFF_CHANNEL, "kl-borgmesterbot", is_member=False)
    monkeypatch.setenv("STAFF_USERGROUP_ID", "S0NOSUCH")
    monkeypatch.setenv("DATA_DIR", str(operator / "ny"))
    broken = operator / "offers.yaml"
    broken.write_text("offers: [\n", encoding="utf-8")
    monkeypatch.setenv("OFFERS_PATH", str(broken))

    code, lines = _check(capsys)
    assert code == 1
    assert tuple(lines) == CHECKS
    assert lines["Bot-token"].startswith("✓ ")
    expected_fixes = {
        "Scopes": ("files:write, im:history", "geninstallér appen"),
        "App-token": ("invalid_auth", "connections:write"),
        "Medarbejdere": ("S0NOSUCH", "no_such_subteam", "ret STAFF_USERGROUP_ID"),
        "Medarbejderkanal": ("/invite @Borgmesterbot",),
        "Database": ("intet skema", "borgmesterbot db upgrade"),
        "Katalog": ("offers.yaml", "ugyldig YAML"),
    }
    for what, fixes in expected_fixes.items():
        assert lines[what].startswith("✗ "), lines[what]
        assert all(fix in lines[what] for fix in fixes), lines[what]


def test_a_refused_bot_token_stops_the_slack_checks_that_need_it(
    operator: Path, capsys: pytest.CaptureFixture[str], fake_slack: FakeSlack,
) -> None:
    fake_slack.fail_next("auth.test", error="invalid_auth")
    code, lines = _check(capsys)
    assert code == 1
    assert lines["Bot-token"].startswith("✗ ") and "invalid_auth" in lines["Bot-token"] and "OAuth & Permissions" in lines["Bot-token"]
    for what in ("Scopes", "Medarbejdere", "Medarbejderkanal"):
        assert lines[what].startswith("✗ ") and "bot-token" in lines[what], lines[what]
    assert lines["App-token"].startswith("✓ ") and lines["Database"].startswith("✓ ")


def test_an_unreachable_database_names_database_url(
    operator: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://borgmesterbot@127.0.0.1:1/borgmesterbot")
    code, lines = _check(capsys)
    assert code == 1
    assert lines["Database"].startswith("✗ ") and "DATABASE_URL" in lines["Database"]


def test_a_malformed_setting_is_one_cross(operator: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "ikke-et-token")
    code, lines = _check(capsys)
    assert code == 1
    assert list(lines) == ["Indstillinger"] and "SLACK_BOT_TOKEN" in lines["Indstillinger"]

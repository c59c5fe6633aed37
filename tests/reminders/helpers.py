"""Test helpers for reminders: a clock the test moves by hand, and members in the directory."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from bot.clock import COPENHAGEN
from bot.reminders.policy import ReminderPolicy, save_policy
from bot.reminders.quiet import QuietHours
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.db import Database
from bot.storage.models.members import Member, Network, NetworkMember, Role
from tests.slack_harness.fake_slack import FakeSlack

if TYPE_CHECKING:
    import pytest

    from bot.services import Services


class Clock:
    """Deterministic time: nothing moves unless the test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def cph(year: int, month: int, day: int, hour: int = 0, minute: int = 0, fold: int = 0) -> datetime:
    """A Copenhagen wall-clock time as a UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN, fold=fold).astimezone(timezone.utc)


def add_member(
    db: Database, slack_user_id: str, name: str, municipality: str | None, *, role: Role = Role.MAYOR, at: datetime
) -> int:
    with db.session() as session:
        member = Member(slack_user_id=slack_user_id, name=name, municipality=municipality, role=role, created_at=at, updated_at=at)
        session.add(member)
        session.flush()
        return member.id


def add_network(db: Database, name: str, member_ids: list[int], *, at: datetime) -> int:
    with db.session() as session:
        network = Network(name=name, created_at=at)
        session.add(network)
        session.flush()
        for member_id in member_ids:
            session.add(NetworkMember(network_id=network.id, member_id=member_id, joined_at=at))
        return network.id


def slack_sender(fake: FakeSlack) -> SlackNoticeSender:
    """The real sender and the real slack_sdk client, talking to the fake Slack Web API."""
    return SlackNoticeSender(WebClient(token="xoxb-0000-test-borgmesterbot", base_url=fake.url))


def dms_to(fake: FakeSlack, user_id: str) -> list[str]:
    """What the bot posted in its DM with one user (the fake names that channel D + the id's tail)."""
    return [call.text for call in fake.calls("chat.postMessage") if call.ok and call.args.get("channel") == "D" + user_id[1:]]


def without_quiet_hours(db: Database) -> None:
    """For a test on the real clock that is not about quiet hours: DMs may go at any hour and
    on any day, so the test does not depend on when it runs."""
    with db.session() as session:
        save_policy(session, ReminderPolicy(quiet=QuietHours(0, 0, weekends=False, holidays=False)), updated_by=None)


def cli_services(monkeypatch: "pytest.MonkeyPatch", tmp_path: Path) -> "Services":
    """The services `borgmesterbot` builds, on a fresh SQLite file and without Slack tokens."""
    from bot.config import load_settings
    from bot.services import Services

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    return Services.build(load_settings())


def run_cli(capsys: "pytest.CaptureFixture[str]", *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one `borgmesterbot` command."""
    from bot.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err

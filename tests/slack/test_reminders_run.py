"""`borgmesterbot run` as an operator starts it (a real process in Socket Mode against the fake
Slack): the reminders scheduler runs in the same process by default, and not with --no-scheduler."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import utcnow
from bot.resources import packaged_path
from bot.storage.db import Database
from tests.reminders.helpers import add_member, dms_to, without_quiet_hours
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import APP_TOKEN, BOT_TOKEN


def _run(tmp_path: Path, template: Path, fake: FakeSlack, *flags: str) -> subprocess.Popen[str]:
    """A mayor joined a minute ago, so a welcome DM is due the moment a scheduler ticks."""
    path = tmp_path / "borgmesterbot.sqlite3"
    shutil.copyfile(template, path)
    database = Database(f"sqlite:///{path}")
    add_member(database, "U0NEW", "Nina Nielsen", "Kolding", at=utcnow() - timedelta(minutes=1))
    without_quiet_hours(database)
    database.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STAFF_", "DATABASE_URL"))}
    env.update(
        DATA_DIR=str(tmp_path), OFFERS_PATH=str(packaged_path("offers.yaml")),
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=fake.url,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", *flags], env=env, cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    return process.stderr.read() if process.stderr else ""


@pytest.mark.parametrize("flags", [(), ("--no-scheduler",)], ids=["default", "no-scheduler"])
def test_run_starts_the_scheduler_unless_told_not_to(
    tmp_path: Path, migrated_sqlite_template: Path, fake_slack: FakeSlack, flags: tuple[str, ...]
) -> None:
    process = _run(tmp_path, migrated_sqlite_template, fake_slack, *flags)
    try:
        fake_slack.sockets.wait_connected(timeout=20)  # a process start, on a shared machine: not a timing test
        if flags:
            fake_slack.assert_no_call("chat.postMessage", within=2.0)
        else:
            fake_slack.wait_for("chat.postMessage", timeout=20)
            [welcome] = dms_to(fake_slack, "U0NEW")
            assert "Velkommen til Borgmesterbot" in welcome and "Kære Nina Nielsen" in welcome
    finally:
        log = _stop(process)
    assert "Traceback" not in log, log[-3000:]
    assert process.returncode == 0, "SIGINT stops run cleanly"

"""A real worker process is SIGKILLed while Slack holds a message it accepted but has not yet
answered; a new worker process finishes the broadcast. Every recipient has it exactly once, as
observed at the fake Slack API, on SQLite and PostgreSQL."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.broadcast.audience import Audience
from bot.broadcast.message import delivery_key
from bot.broadcast.service import Broadcasts, Draft
from bot.cli import main
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, BroadcastStatus, OutboxMessage, OutboxState
from tests.broadcast.delivery import delivered_posts, status
from tests.broadcast.directory import STAFF, Seeded
from tests.broadcast.workers import start_worker, worker_env
from tests.slack_harness.fake_slack import ApiCall, FakeSlack

KILL_AFTER = 25


def _is_recipient_post(call: ApiCall) -> bool:
    return call.args.get("channel", "").startswith("D0M")


def _wait_until_done(db: Database, broadcast_id: int, worker: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while status(db, broadcast_id) is not BroadcastStatus.DONE:
        assert worker.poll() is None, f"the worker exited with {worker.returncode}"
        assert time.monotonic() < deadline, "the restarted worker did not finish the broadcast"
        time.sleep(0.1)


def test_killed_worker_restarted_delivers_everyone_exactly_once(
    database: Database, db_url: str, seeded: Seeded, make_broadcasts: Callable[..., Broadcasts],
    fake_slack: FakeSlack, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    live = make_broadcasts(use_clock=False)
    preview = live.compose(STAFF, Draft(Audience(AudienceKind.ALL_MAYORS), "Program for borgmestersamlingen", ack_requested=True))
    live.confirm(STAFF, preview.broadcast_id)
    env = worker_env(db_url, fake_slack, tmp_path, BROADCAST_RATE_PER_SECOND="50", BROADCAST_BURST="5", BROADCAST_CLAIM_TIMEOUT="2")
    log = tmp_path / "worker.log"

    first = start_worker(env, log)
    try:
        fake_slack.wait_for("chat.postMessage", _is_recipient_post, count=KILL_AFTER, timeout=30)
        fake_slack.slow_down("chat.postMessage", 2.0)
        [*_, in_flight] = fake_slack.wait_for("chat.postMessage", _is_recipient_post, count=KILL_AFTER + 1, timeout=10)
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait()
    fake_slack.slow_down("chat.postMessage", 0.0)
    assert first.returncode == -signal.SIGKILL

    accepted_unanswered = "U" + in_flight.args["channel"][1:]
    with database.session() as session:
        left_claimed = set(session.scalars(select(OutboxMessage.recipient_id).where(OutboxMessage.state == OutboxState.CLAIMED)))
    assert accepted_unanswered in left_claimed, "the kill landed after Slack accepted a message and before it was marked"
    assert 0 < sum(delivered_posts(fake_slack, preview.broadcast_id).values()) < len(seeded.mayors)

    second = start_worker(env, log)
    try:
        _wait_until_done(database, preview.broadcast_id, second, timeout=60)
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0, log.read_text()
    finally:
        second.kill()

    assert delivered_posts(fake_slack, preview.broadcast_id) == {user: 1 for user in seeded.mayors}, log.read_text()[-3000:]
    looked_up = {c.args["channel"] for c in fake_slack.calls("conversations.history")}
    assert in_flight.args["channel"] in looked_up, "the unanswered message was looked up, not sent again"
    assert in_flight.args["metadata"]["event_payload"]["key"] == delivery_key(preview.broadcast_id, accepted_unanswered)
    figures = live.figures(preview.broadcast_id)
    assert (figures.delivered, figures.failed) == (len(seeded.mayors), 0)

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert main(["broadcasts"]) == 0
    listing = capsys.readouterr().out
    assert f"#{preview.broadcast_id} sendt · Alle borgmestre · 98 modtagere · sendt til 98 · fejlet 0 · læst af 0" in listing

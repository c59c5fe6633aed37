"""`borgmesterbot serve` delivers broadcasts itself: a background worker in the bot process
picks up what staff confirm in Slack, with no separate worker started (at the default rate)."""
from __future__ import annotations

from pathlib import Path

from bot.slack.blocks import broadcast as form
from bot.storage.db import Database
from tests.broadcast.delivery import delivered_posts
from tests.broadcast.directory import STAFF, seed
from tests.slack.broadcast_form import compose_values
from tests.slack.test_cli import served  # noqa: F401 (the fixture: a real `serve` process)
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import SIGNING_SECRET
from tests.slack_harness.signed_requests import SlackRequests


def test_the_bot_process_delivers_what_staff_confirm(served: str, tmp_path: Path, fake_slack: FakeSlack) -> None:  # noqa: F811
    db = Database(f"sqlite:///{tmp_path / 'borgmesterbot.sqlite3'}")
    seeded = seed(db)  # U0STAFF is staff through the directory
    slack = SlackRequests(served + "/slack/events", SIGNING_SECRET, fake_slack)
    values = compose_values("network", "Netværksmøde", network=seeded.network_id)
    broadcast_id = slack.view_submission(form.COMPOSE_CALLBACK, values, user=STAFF).json()["view"]["private_metadata"]
    assert slack.view_submission(form.PREVIEW_CALLBACK, {}, user=STAFF, private_metadata=broadcast_id).status == 200
    fake_slack.wait_for("chat.update", lambda c: "leveret til 5 af 5" in c.text, timeout=20)
    assert delivered_posts(fake_slack, int(broadcast_id)) == {user: 1 for user in seeded.network_members}
    db.dispose()

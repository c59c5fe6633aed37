"""`borgmesterbot serve` delivers broadcasts itself: a background worker in the bot process
picks up what staff confirm in Slack, with no separate worker started."""
from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

from bot.slack.blocks import broadcast as form
from bot.storage.db import Database
from tests.broadcast.delivery import delivered_posts
from tests.broadcast.directory import STAFF, seed
from tests.slack.broadcast_form import compose_values
from tests.slack.test_cli import _borgmesterbot, _env, _free_port
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import BOT_TOKEN, SIGNING_SECRET
from tests.slack_harness.signed_requests import SlackRequests


def test_the_bot_process_delivers_what_staff_confirm(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = _free_port()
    env = _env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake_slack.url,
               STAFF_USER_IDS=STAFF, BROADCAST_RATE_PER_SECOND="200", BROADCAST_BURST="20")
    process = subprocess.Popen(_borgmesterbot("serve", "--host", "127.0.0.1", "--port", str(port)),
                               env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=1):
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        db = Database(f"sqlite:///{tmp_path / 'borgmesterbot.sqlite3'}")
        seeded = seed(db)
        slack = SlackRequests(url + "/slack/events", SIGNING_SECRET, fake_slack)
        preview = slack.view_submission(form.COMPOSE_CALLBACK, compose_values("network", "Netværksmøde", network=seeded.network_id), user=STAFF)
        broadcast_id = preview.json()["view"]["private_metadata"]
        assert slack.view_submission(form.PREVIEW_CALLBACK, {}, user=STAFF, private_metadata=broadcast_id).status == 200
        fake_slack.wait_for("chat.update", lambda c: "leveret til 5 af 5" in c.text, timeout=15)
        assert delivered_posts(fake_slack, int(broadcast_id)) == {user: 1 for user in seeded.network_members}
        db.dispose()
    finally:
        process.terminate()
        process.wait(timeout=15)

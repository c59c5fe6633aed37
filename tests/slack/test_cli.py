"""`borgmesterbot serve` and `borgmesterbot run` as an operator starts them: real processes,
configured through the environment, talking to the fake Slack Web API. Each starts in a folder
already holding a migrated database (the migrated_folder fixture), as on every start after
the first; tests/packaging/test_wheel.py starts `serve` on an empty folder."""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.slack.serving import SERVE_LOG, operator_env, start_serve
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from tests.slack_harness.signed_requests import SlackRequests

__all__ = ["SERVE_LOG", "served"]  # test_http_limits reads the served process's log


def _borgmesterbot(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


@pytest.fixture
def served(migrated_folder: Path, tmp_path: Path, fake_slack: FakeSlack) -> Iterator[str]:
    server = start_serve(tmp_path, fake_slack)
    yield server.url
    code, output = server.stop()
    assert code == 0, output[-3000:]


def test_serve_answers_slack_on_slack_events(served: str, fake_slack: FakeSlack) -> None:
    requests = SlackRequests(served + "/slack/events", SIGNING_SECRET, fake_slack)
    assert requests.command("/hotline").status == 200
    [reply] = fake_slack.wait_for("response_url")
    assert "112" in reply.text
    assert requests.command("/hotline", signature="forged").status == 401


def test_serve_without_a_signing_secret_says_which_variable(tmp_path: Path) -> None:
    done = subprocess.run(
        _borgmesterbot("serve", "--port", "0"), env=operator_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN),
        cwd=tmp_path, capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "SLACK_SIGNING_SECRET mangler" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.usefixtures("migrated_folder")
def test_a_token_slack_refuses_gives_one_line(tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("auth.test", error="invalid_auth")
    env = operator_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake_slack.url)
    done = subprocess.run(_borgmesterbot("serve", "--port", "0"), env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "Slack afviste SLACK_BOT_TOKEN (invalid_auth)" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.usefixtures("migrated_folder")
def test_run_without_tokens_opens_the_console_chat_after_saying_how_to_connect(tmp_path: Path) -> None:
    done = subprocess.run(
        _borgmesterbot("run"), env=operator_env(tmp_path), cwd=tmp_path, input="Hvad er mentorordningen?\n",
        capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert "SLACK_BOT_TOKEN" in first and "SLACK_APP_TOKEN" in first
    assert "Mentorordning" in "\n".join(rest)


@pytest.mark.usefixtures("migrated_folder")
def test_run_with_an_app_token_slack_refuses_gives_one_line(tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("apps.connections.open", error="invalid_auth")
    env = operator_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=fake_slack.url)
    done = subprocess.run(_borgmesterbot("run"), env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "Slack afviste SLACK_APP_TOKEN (invalid_auth)" in done.stderr and "Traceback" not in done.stderr


def test_serve_refuses_a_malformed_timestamp_and_sends_nothing(served: str, fake_slack: FakeSlack) -> None:
    requests = SlackRequests(served + "/slack/events", SIGNING_SECRET, fake_slack)
    fake_slack.reset()
    fields = requests.command_fields("/tilbud", "mentor", user="U0VICTIM")
    answer = requests.post(
        urlencode(fields), "application/x-www-form-urlencoded", signature="missing",
        extra_headers={"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=" + "0" * 64},
    )
    assert answer.status == 401
    time.sleep(0.3)
    assert fake_slack.calls() == []

"""`borgmesterbot serve` and `borgmesterbot run` as an operator starts them: real processes,
configured through the environment, talking to the fake Slack Web API."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bot import PROJECT_ROOT
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from tests.slack_harness.signed_requests import SlackRequests

SERVE_LOG = "serve.log"


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STAFF_", "DATABASE_URL"))}
    env.update(BORGMESTERBOT_DATA_DIR=str(tmp_path), OFFERS_PATH=str(PROJECT_ROOT / "offers.yaml"), **values)
    return env


def _borgmesterbot(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[str]:
    port = _free_port()
    env = _env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake_slack.url)
    # The process's output goes to serve.log in tmp_path (a pipe nobody reads could fill and
    # stall it); a test that takes ``tmp_path`` too can read what the server logged.
    log = open(tmp_path / SERVE_LOG, "w")  # noqa: SIM115 (closed after the process)
    process = subprocess.Popen(
        _borgmesterbot("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                log.close()
                pytest.fail(f"serve did not start: {(tmp_path / SERVE_LOG).read_text()}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


def test_serve_answers_slack_on_slack_events(served: str, fake_slack: FakeSlack) -> None:
    requests = SlackRequests(served + "/slack/events", SIGNING_SECRET, fake_slack)
    assert requests.command("/hotline").status == 200
    [reply] = fake_slack.wait_for("response_url")
    assert "112" in reply.text
    assert requests.command("/hotline", signature="forged").status == 401


def test_serve_without_a_signing_secret_says_which_variable(tmp_path: Path) -> None:
    done = subprocess.run(
        _borgmesterbot("serve", "--port", "0"), env=_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN),
        cwd=tmp_path, capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "SLACK_SIGNING_SECRET mangler" in done.stderr and "Traceback" not in done.stderr


def test_a_token_slack_refuses_gives_one_line(tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("auth.test", error="invalid_auth")
    env = _env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake_slack.url)
    done = subprocess.run(_borgmesterbot("serve", "--port", "0"), env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "Slack afviste SLACK_BOT_TOKEN (invalid_auth)" in done.stderr and "Traceback" not in done.stderr


def test_run_without_tokens_opens_the_console_chat_after_saying_how_to_connect(tmp_path: Path) -> None:
    done = subprocess.run(
        _borgmesterbot("run"), env=_env(tmp_path), cwd=tmp_path, input="Hvad er mentorordningen?\n",
        capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert "SLACK_BOT_TOKEN" in first and "SLACK_APP_TOKEN" in first
    assert "Mentorordning" in "\n".join(rest)


def test_run_with_an_app_token_slack_refuses_gives_one_line(tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("apps.connections.open", error="invalid_auth")
    env = _env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=fake_slack.url)
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

"""What an operator watches: /healthz (JSON; 503 when a part is not well) and /metrics (Prometheus
text) in `serve` and, on HEALTH_PORT, in `run`; and LOG_FORMAT=json, one JSON object per line,
with the Slack event id on the lines written while that event is handled."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.health import Health, database_probe
from bot.storage.db import Database
from bot.web import ops_app
from tests.slack.serving import free_port, operator_env, start_serve
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from tests.slack_harness.signed_requests import SlackRequests


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _metric(text: str, name: str) -> float:
    [line] = [line for line in text.splitlines() if line.startswith(name + " ")]
    return float(line.split()[-1])


@pytest.mark.usefixtures("migrated_folder")  # started on a migrated database, as after the first start
def test_serve_reports_health_and_metrics(tmp_path: Path, fake_slack: FakeSlack) -> None:
    served = start_serve(tmp_path, fake_slack)
    url = served.url
    try:
        status, body = _get(url + "/healthz")
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok", "worker": "kører"}
        slack = SlackRequests(url + "/slack/events", SIGNING_SECRET, fake_slack)
        assert slack.direct_message("hvad er mentorordningen?").status == 200
        # A second person, so the question is not read as a follow-up of the first DM's topic.
        assert slack.direct_message("hvordan bager man rugbrød?", user="U0OTHER").status == 200
        fake_slack.wait_for("chat.postMessage", lambda call: call.args.get("channel") in ("D0MAYOR", "D0OTHER"), count=2)
        status, text = _get(url + "/metrics")
        assert status == 200
        assert _metric(text, 'borgmesterbot_questions_total{outcome="answered"}') == 1
        assert _metric(text, 'borgmesterbot_questions_total{outcome="abstained"}') == 1
        assert _metric(text, 'borgmesterbot_broadcast_queue{state="pending"}') == 0
        assert 'borgmesterbot_reminder_queue{state="uncertain"}' in text
    finally:
        code, output = served.stop()
    assert code == 0, output[-3000:]


@pytest.mark.usefixtures("migrated_folder")  # started on a migrated database, as after the first start
def test_run_reports_its_connection_scheduler_and_worker_on_health_port(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = free_port()
    env = operator_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=fake_slack.url, HEALTH_PORT=str(port))
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        fake_slack.sockets.wait_connected(timeout=30)
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/healthz")
                report = json.loads(body)
                if report.get("scheduler") == "leder":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, "run never reported a leading scheduler"
            time.sleep(0.2)
        assert status == 200
        assert report == {"status": "ok", "database": "ok", "scheduler": "leder", "worker": "kører", "socket_mode": "forbundet"}
        status, text = _get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200 and "borgmesterbot_broadcast_queue" in text
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    assert process.returncode == 0, output[-3000:]


def test_an_unreachable_database_makes_healthz_503() -> None:
    db = Database("postgresql+psycopg://borgmesterbot@127.0.0.1:1/borgmesterbot", connect_args={"connect_timeout": 2})
    health = Health()
    health.add("database", database_probe(db))
    answered: dict[str, Any] = {}
    body = b"".join(ops_app(health, lambda: b"")({"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz"},
                                                  lambda status, headers: answered.update(status=status)))
    db.dispose()
    assert answered["status"].startswith("503")
    report = json.loads(body)
    assert report["status"] == "fejl" and report["database"].startswith("svarer ikke")


@pytest.mark.usefixtures("migrated_folder")  # started on a migrated database, as after the first start
def test_json_logs_carry_the_event_id(tmp_path: Path, fake_slack: FakeSlack) -> None:
    served = start_serve(tmp_path, fake_slack, LOG_FORMAT="json", LOG_LEVEL="DEBUG")
    url = served.url
    try:
        slack = SlackRequests(url + "/slack/events", SIGNING_SECRET, fake_slack)
        assert slack.direct_message("hvad er mentorordningen?", event_id="Ev0LOGGED1").status == 200
        fake_slack.wait_for("chat.postMessage")
    finally:
        code, output = served.stop()
    assert code == 0, output[-3000:]
    lines = [line for line in output.splitlines() if not line.startswith("Borgmesterbot lytter på")]
    entries = [json.loads(line) for line in lines]
    assert entries and all({"time", "level", "logger", "message"} <= set(entry) for entry in entries)
    handled = [entry for entry in entries if entry.get("event_id") == "Ev0LOGGED1"]
    assert handled, "no line of the handled event carries its id"
    assert all(entry.get("user") == "U0MAYOR" for entry in handled)

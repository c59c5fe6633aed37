"""Real worker processes (`python -m bot broadcasts work`) against the fake Slack API, for the
tests that kill one and for the benchmark."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bot import PROJECT_ROOT
from bot.resources import packaged_path
from tests.slack_harness.fake_slack import FakeSlack

WORKER_TOKEN = "xoxb-0000-test-borgmesterbot"


def worker_env(db_url: str, fake: FakeSlack, data_dir: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BROADCAST_", "STAFF_"))}
    env.update(
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN=WORKER_TOKEN,
        SLACK_API_URL=fake.url,
        OFFERS_PATH=str(packaged_path("offers.yaml")),
        DATA_DIR=str(data_dir),
        PYTHONPATH=str(PROJECT_ROOT),
        **settings,
    )
    return env


def start_worker(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """Started in ``log_path``'s folder, so no .env of the project is read."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "broadcasts", "work"], env=env, cwd=log_path.parent, stdout=log, stderr=subprocess.STDOUT
        )


def wait_running(worker: subprocess.Popen[bytes], log_path: Path, timeout: float = 30) -> None:
    """Until the worker has printed that it runs (the line just before its first poll)."""
    deadline = time.monotonic() + timeout
    while "kører" not in log_path.read_text(encoding="utf-8"):
        assert worker.poll() is None, f"the worker exited: {log_path.read_text(encoding='utf-8')}"
        assert time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = 30) -> int | None:
    """SIGTERM, then the exit code; a worker that does not stop in time is killed (so no test
    leaves a process behind) and None is returned for the caller's assertion to fail on."""
    worker.terminate()
    try:
        return worker.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
        return None

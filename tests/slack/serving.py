"""`borgmesterbot serve` as a real process, started as an operator starts it (settings in the
environment, the working directory a folder of the test's own) and waited for on /healthz."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import BOT_TOKEN, SIGNING_SECRET

SERVE_LOG = "serve.log"


def operator_env(data_dir: Path | None, **values: str) -> dict[str, str]:
    """The test run's environment without any Slack, staff, broadcast, database, data-folder or
    catalogue setting, then DATA_DIR (unless None: the working directory's data/) and ``values``."""
    unset = ("SLACK_", "STAFF_", "BROADCAST_", "DATABASE_URL", "DATA_DIR", "OFFERS_PATH")
    env = {k: v for k, v in os.environ.items() if not k.startswith(unset)}
    if data_dir is not None:
        env["DATA_DIR"] = str(data_dir)
    env.update(values)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(served: "Served", timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(served.url + "/healthz", timeout=1):
                return
        except OSError:
            if served.process.poll() is not None or time.monotonic() > deadline:
                served.process.kill()
                served.process.wait()
                raise AssertionError(f"serve did not start: {served.log.read_text(encoding='utf-8')}") from None
            time.sleep(0.1)


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self, timeout: float = 15) -> tuple[int | None, str]:
        """SIGTERM; the exit code (None when it had to be killed) and everything it printed."""
        self.process.terminate()
        try:
            code: int | None = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            code = None
        return code, self.log.read_text(encoding="utf-8")


def start_serve(
    folder: Path, fake: FakeSlack, *, command: tuple[str, ...] = (sys.executable, "-m", "bot"), **settings: str
) -> Served:
    """A started and healthy `serve` process in ``folder``. Its output goes to SERVE_LOG there (a
    pipe nobody reads could fill and stall it), so a test can read what it logged meanwhile."""
    port = free_port()
    env = operator_env(folder, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake.url, **settings)
    log = folder / SERVE_LOG
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=folder, stdout=output, stderr=subprocess.STDOUT,
        )
    served = Served(process, f"http://127.0.0.1:{port}", log)
    wait_healthy(served)
    return served

"""How fast the Slack app answers, through the real stack: signed HTTP requests into the Bolt
app served by waitress, the real slack_sdk client out to the fake Slack Web API.

- **ack**: from sending a request until the app's HTTP answer (Slack allows 3 s);
- **answer**: from sending a DM event until the answer reaches chat.postMessage at the fake;
- the same for /tilbud with words (answer = the response_url post).

    python bench/slack_latency.py [--rounds N]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings  # noqa: E402
from bot.resources import packaged_path  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.slack.app import build_app  # noqa: E402
from bot.slack.http import EVENTS_PATH, HttpServer  # noqa: E402
from tests.slack_harness.fake_slack import FakeSlack  # noqa: E402
from tests.slack_harness.fixtures import BOT_TOKEN, SIGNING_SECRET  # noqa: E402
from tests.slack_harness.signed_requests import SlackHttpResponse, SlackRequests  # noqa: E402

QUESTIONS = [
    "Hvad er mentorordningen?", "Hvad koster forhandlingsteknik?", "hvornår mødes borgmesternetværket",
    "Hvilke temasessioner er der?", "Hvordan bliver vejret?", "Hvad er B98?",
]


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms   max {ordered[-1] * 1000:6.1f} ms"


def _measure(
    fake: FakeSlack, method: str, rounds: int, send: Callable[[int], SlackHttpResponse]
) -> tuple[list[float], list[float]]:
    acks, answers = [], []
    for n in range(rounds):
        before = len(fake.calls(method))
        started = time.time()
        response = send(n)
        acked = time.time()
        assert response.status == 200, response
        fake.wait_for(method, count=before + 1, timeout=10)
        acks.append(acked - started)
        answers.append(fake.calls(method)[before].at - started)
    return acks, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    rounds = parser.parse_args().rounds
    workdir = Path(tempfile.mkdtemp(prefix="bench-slack-"))
    with FakeSlack() as fake:
        settings = Settings(
            database_url=f"sqlite:///{workdir / 'bot.sqlite3'}", offers_path=packaged_path("offers.yaml"),
            data_dir=workdir, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.url,
        )
        services = Services.build(settings)
        executor = ThreadPoolExecutor(max_workers=8)
        server = HttpServer(build_app(services, listener_executor=executor), SIGNING_SECRET, host="127.0.0.1", port=0).start_in_thread()
        requests = SlackRequests(server.url + EVENTS_PATH, SIGNING_SECRET, fake)
        try:
            requests.direct_message("hej")  # warm-up: auth.test, first imports, first connection
            fake.wait_for("chat.postMessage")
            dm = _measure(fake, "chat.postMessage", rounds, lambda n: requests.direct_message(QUESTIONS[n % len(QUESTIONS)]))
            cmd = _measure(fake, "response_url", rounds, lambda n: requests.command("/tilbud", QUESTIONS[n % len(QUESTIONS)]))
        finally:
            server.stop()
            executor.shutdown(wait=True)
            services.db.dispose()
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"Slack-appen over HTTP mod den falske Slack, {rounds} runder pr. måling")
    print(f"  DM        ack:    {_ms(dm[0])}")
    print(f"  DM        svar:   {_ms(dm[1])}")
    print(f"  /tilbud   ack:    {_ms(cmd[0])}")
    print(f"  /tilbud   svar:   {_ms(cmd[1])}")


if __name__ == "__main__":
    main()

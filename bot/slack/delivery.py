"""The broadcast delivery worker wired to Slack: in the bot process as a background thread, or
standalone (`borgmesterbot broadcasts work`), on as many machines as wanted.

Its Slack client has no retry handlers of its own. A client-side retry of chat.postMessage
after a 5xx or a dropped connection may post a message Slack had already accepted; the outbox
retries instead, and looks the message up in the DM first, which is what keeps delivery
exactly-once (see bot.broadcast.worker).
"""
from __future__ import annotations

import threading

from bot.broadcast.worker import DeliveryPolicy, DeliveryWorker
from bot.services import Services
from bot.slack.app import build_client
from bot.slack.notice_sender import SlackNoticeSender


def build_worker(services: Services) -> DeliveryWorker:
    settings = services.settings
    client = build_client(settings, retries=False)
    return DeliveryWorker(services.db, services.catalogue, services.watched(SlackNoticeSender(client)), DeliveryPolicy.from_settings(settings))


class BackgroundDelivery:
    """The worker on a daemon thread of the bot process; stop() lets the message in flight finish."""

    def __init__(self, services: Services) -> None:
        self.worker = build_worker(services)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.worker.run, args=(self._stop,), name="broadcast-delivery", daemon=True)

    def start(self) -> "BackgroundDelivery":
        self._thread.start()
        return self

    def probe(self) -> tuple[bool, str]:
        """For /healthz: a worker thread that died (it never should) makes the process unwell."""
        alive = self._thread.is_alive()
        return alive, "kører" if alive else "stoppet"

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

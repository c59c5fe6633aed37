"""The delivery worker: takes due outbox rows in small batches and sends each as a private
message, paced below Slack's rate limit, and keeps the author's progress message current.

Exactly once, across crashes and several workers:

* **Nobody twice while everyone is alive.** A row is claimed in its own committed transaction
  before anything is sent (PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so concurrent workers take
  disjoint rows; SQLite: the IMMEDIATE transaction serialises claims). Right before the send the
  claim is renewed, and it only succeeds while the row is still claimed by this worker.
* **Nobody missed.** A worker that dies leaves its rows ``claimed``. Once a claim is older than
  ``claim_timeout``, any worker takes it over, so every row ends delivered or failed.
* **Nobody twice after a crash.** The dangerous moment is after Slack accepted the message and
  before the row was marked delivered. Every message carries a key (Slack message metadata with
  the broadcast id and recipient); a row taken over from a dead worker, or one whose last attempt
  ended in an error that does not prove Slack refused it (a timeout, a 5xx), is first looked up
  in the recipient's DM with ``find_sent``. Found: it is marked delivered and not sent again.
  Not found: it is sent. If the lookup itself fails, the row waits; it is never sent blind.

  This relies on ``claim_timeout`` being longer than one send can take (the Slack client's HTTP
  timeout), so a claim is only taken over from a worker that is really gone. A 429 proves the
  message was not posted, so a rate-limited row is retried without a lookup.

Pacing: one token bucket per process at ``rate_per_second`` for Slack's workspace-wide
chat.postMessage limit, and at least a second between two messages to the same DM (Slack's
per-channel limit; it matters only when two broadcasts reach one person together). A 429's
Retry-After pauses the bucket. The author's progress message (a single channel) is updated at
most every ``progress_interval``.
Transient errors are retried with exponential backoff; after ``max_attempts`` the row fails with
the last error as its reason; permanent errors (user deactivated, DMs not allowed) fail at once.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot import metrics
from bot.broadcast import outbox
from bot.broadcast.message import delivery_key, recipient_notice
from bot.broadcast.outbox import Claim
from bot.broadcast.rate import ChannelSpacing, TokenBucket
from bot.broadcast.report import Figures, figures, progress_notice, report_notice
from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.config import Settings
from bot.notify import DeliveryResult, DeliveryStatus, KeyedNoticeSender, Notice
from bot.storage.claims import claimant_name
from bot.storage.db import Database
from bot.storage.models.broadcast import Broadcast

log = logging.getLogger(__name__)

CLOCK_SKEW = timedelta(minutes=5)
"""How far Slack's clock (message ts) may be behind ours when a DM is searched from a time of ours."""


@dataclass(frozen=True)
class DeliveryPolicy:
    rate_per_second: float = 1.0
    burst: int = 3
    batch_size: int = 10
    claim_timeout: float = 120.0
    max_attempts: int = 5
    backoff_base: float = 2.0
    backoff_cap: float = 300.0
    progress_interval: float = 2.0

    @classmethod
    def from_settings(cls, settings: Settings) -> "DeliveryPolicy":
        return cls(
            rate_per_second=settings.broadcast_rate_per_second,
            burst=settings.broadcast_burst,
            claim_timeout=settings.broadcast_claim_timeout,
        )

    def backoff(self, attempts: int) -> float:
        """Exponential with ±20 % jitter, so workers that failed together do not retry together."""
        delay = min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))
        return delay * random.uniform(0.8, 1.2)



class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        catalogue: CatalogueStore,
        sender: KeyedNoticeSender,
        policy: DeliveryPolicy = DeliveryPolicy(),
        *,
        name: str | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._sender = sender
        self.policy = policy
        self.name = name or claimant_name()
        self._clock = clock
        self._bucket = TokenBucket(policy.rate_per_second, policy.burst)
        self._spacing = ChannelSpacing()
        self._notices: dict[int, Notice] = {}
        self._last_progress: dict[int, float] = {}
        self._unannounced: set[int] = set()
        self._stopping = threading.Event()

    # -- the two ways to run it ----------------------------------------------------------------
    def deliver_due(self, now: datetime | None = None, limit: int | None = None) -> int:
        """Start the broadcasts due at ``now``, deliver up to ``limit`` rows (all due rows when
        None), finish what is complete; return how many rows were handled. Safe to call from a
        scheduler tick while other workers run elsewhere."""
        for broadcast_id in outbox.start_due(self._db, now or self._clock()):
            self._announce(broadcast_id)
        handled = 0
        while limit is None or handled < limit:
            size = self.policy.batch_size if limit is None else min(self.policy.batch_size, limit - handled)
            stale_before = self._clock() - timedelta(seconds=self.policy.claim_timeout)
            batch = outbox.claim(self._db, self.name, self._clock(), size, stale_before)
            if not batch:
                break
            for index, item in enumerate(batch):
                if self._stopping.is_set():
                    outbox.hand_back(self._db, batch[index:], self.name)
                    log.info("broadcast worker %s: stopping; %d claimed rows handed back", self.name, len(batch) - index)
                    return handled
                self._deliver(item)
                handled += 1
                self._progress(item.broadcast_id)
        for broadcast_id in outbox.finish_complete(self._db, self._clock()):
            self._report(broadcast_id)
        return handled

    def run(self, stop: threading.Event, idle_seconds: float = 1.0) -> None:
        """Deliver until ``stop`` is set; between empty rounds wait ``idle_seconds``. Once it is set
        the message in flight is finished and the rest of the batch is handed back unsent, so
        another worker takes it at once instead of after the claim timeout."""
        self._stopping = stop
        log.info("broadcast worker %s started", self.name)
        while not stop.is_set():
            try:
                handled = self.deliver_due()
            except Exception:
                log.exception("broadcast worker %s: a round failed; trying again shortly", self.name)
                handled = 0
            if not handled:
                stop.wait(idle_seconds)
        log.info("broadcast worker %s stopped", self.name)

    # -- one recipient ---------------------------------------------------------------------
    def _deliver(self, item: Claim) -> None:
        key = delivery_key(item.broadcast_id, item.recipient_id)
        if item.needs_check:
            found = self._sender.find_sent(item.recipient_id, key, item.since - CLOCK_SKEW)
            if found is not None and found.ok:
                log.info("broadcast %s: %s had it already (ts %s); not sent again", item.broadcast_id, item.recipient_id, found.ts)
                outbox.mark_delivered(self._db, item, self.name, found.channel, found.ts, self._clock())
                return
            if found is not None:
                self._retry(item, found, needs_check=True)
                return
        self._spacing.wait(item.recipient_id)
        self._bucket.acquire()
        if not outbox.renew(self._db, item, self.name, self._clock()):
            log.warning("broadcast %s: claim on %s was taken over; not sending", item.broadcast_id, item.recipient_id)
            return
        result = self._sender.send(item.recipient_id, replace(self._notice(item.broadcast_id), key=key))
        if result.status is DeliveryStatus.DELIVERED:
            if outbox.mark_delivered(self._db, item, self.name, result.channel, result.ts, self._clock()):
                metrics.delivery("broadcast", sent=True)
        elif result.status is DeliveryStatus.FAILED:
            log.warning("broadcast %s: %s failed permanently: %s", item.broadcast_id, item.recipient_id, result.error)
            if outbox.mark_failed(self._db, item, self.name, result.error or "ukendt fejl"):
                metrics.delivery("broadcast", sent=False)
        else:
            self._retry(item, result, needs_check=result.retry_after is None)

    def _retry(self, item: Claim, result: DeliveryResult, *, needs_check: bool) -> None:
        """Rate limited: pause, and retry soon without counting it against the row. Otherwise back
        off, and give up after max_attempts."""
        error = result.error or "ukendt fejl"
        rate_limited = result.retry_after is not None
        if result.retry_after is not None:
            self._bucket.pause(result.retry_after)
            delay = result.retry_after
        elif item.attempts >= self.policy.max_attempts:
            if outbox.mark_failed(self._db, item, self.name, f"gav op efter {item.attempts} forsøg: {error}"):
                metrics.delivery("broadcast", sent=False)
            return
        else:
            delay = self.policy.backoff(item.attempts)
        log.info("broadcast %s: %s will be retried in %.1fs (%s)", item.broadcast_id, item.recipient_id, delay, error)
        outbox.release(
            self._db, item, self.name, error, self._clock() + timedelta(seconds=delay),
            needs_check=needs_check, counts_as_attempt=not rate_limited,
        )

    def _notice(self, broadcast_id: int) -> Notice:
        """A broadcast's content never changes once confirmed, so it is read once per worker."""
        notice = self._notices.get(broadcast_id)
        if notice is None:
            with self._db.session() as session:
                b = session.get(Broadcast, broadcast_id)
                assert b is not None
                notice = recipient_notice(b.id, b.text, b.offer_id, b.ack_requested, self._catalogue.current)
            self._notices[broadcast_id] = notice
        return notice

    # -- what the author sees --------------------------------------------------------------
    def _snapshot(self, broadcast_id: int) -> tuple[Figures, str | None, str | None]:
        """The figures now, and where the author's progress message is (if anywhere)."""
        with self._db.session() as session:
            broadcast = session.get(Broadcast, broadcast_id)
            assert broadcast is not None
            return figures(session, broadcast), broadcast.progress_channel, broadcast.progress_ts

    def _announce(self, broadcast_id: int) -> None:
        """This worker started the broadcast, so it owns posting the progress message (or takes
        over the one the author already has); a failed post is tried again with the next update."""
        self._unannounced.add(broadcast_id)
        self._progress(broadcast_id, force=True)

    def _progress(self, broadcast_id: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_progress.get(broadcast_id, 0.0) < self.policy.progress_interval:
            return
        self._last_progress[broadcast_id] = now
        current, channel, ts = self._snapshot(broadcast_id)
        self._show(broadcast_id, current.author_id, channel, ts, progress_notice(current))

    def _show(self, broadcast_id: int, author_id: str, channel: str | None, ts: str | None, notice: Notice) -> bool:
        """Update the author's message, or post it when there is none and this worker owns it.
        Posts are paced like every other post; a 429 on either pauses this worker's sending."""
        if channel and ts:
            result = self._sender.update(channel, ts, notice)
        elif broadcast_id in self._unannounced:
            self._bucket.acquire()
            result = self._sender.send(author_id, notice)
            if result.ok and result.channel and result.ts:
                outbox.record_progress_message(self._db, broadcast_id, result.channel, result.ts)
                self._unannounced.discard(broadcast_id)
        else:
            return False
        if result.retry_after is not None:
            self._bucket.pause(result.retry_after)
        if not result.ok:
            log.warning("broadcast %s: could not show the author's message: %s", broadcast_id, result.error)
        return result.ok

    def _report(self, broadcast_id: int) -> None:
        """The final report replaces the progress message; without one (or if that update fails)
        it is posted as a new message, so the author always gets it."""
        final, channel, ts = self._snapshot(broadcast_id)
        log.info("broadcast %s done: %s delivered, %s failed", broadcast_id, final.delivered, final.failed)
        report = report_notice(final)
        self._unannounced.add(broadcast_id)
        if not self._show(broadcast_id, final.author_id, channel, ts, report) and channel and ts:
            self._show(broadcast_id, final.author_id, None, None, report)
        self._unannounced.discard(broadcast_id)
        self._notices.pop(broadcast_id, None)
        self._last_progress.pop(broadcast_id, None)

"""What the scheduled jobs do in this process: the tick opens the networks' host turns and the
praktik rounds, sends the reminders that are due, lets unconfirmed seat offers lapse and tells
staff of offers not confirmed for too long; the daily housekeeping reports and prunes the
delivery log and applies the retention ages (bot.retention)."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from bot.clock import utcnow
from bot.reminders.delivery import ReminderRunner
from bot.reminders.status import DeliveryLog
from bot.retention import Retention

log = logging.getLogger(__name__)


class ReminderWork:
    def __init__(
        self,
        runner: ReminderRunner,
        deliveries: DeliveryLog,
        *,
        lapse_expired_offers: Callable[[datetime], object] | None = None,
        remind_stale_offers: Callable[[], object] | None = None,
        planners: Sequence[Callable[[], object]] = (),
        retention: Retention | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._runner = runner
        self._deliveries = deliveries
        self._lapse = lapse_expired_offers
        self._remind_stale = remind_stale_offers
        self._planners = planners
        self._retention = retention
        self._clock = clock

    def tick(self) -> None:
        """The planners first (host turns, praktik rounds), so what they open goes out in the
        same tick."""
        for plan in self._planners:
            plan()
        self._runner.run_due()
        if self._lapse is not None:
            self._lapse(self._clock())
        if self._remind_stale is not None:
            self._remind_stale()

    def housekeeping(self) -> None:
        now = self._clock()
        counts = self._deliveries.counts(now - timedelta(days=1))
        problems = self._deliveries.problems()
        pruned = self._deliveries.prune(now)
        log.info(
            "reminders in the last day: %s; %d need a look (borgmesterbot reminders status); %d old rows pruned",
            ", ".join(f"{state.value}={n}" for state, n in sorted(counts.items())) or "none", len(problems), pruned,
        )
        if self._retention is not None:
            removed = self._retention.prune(now)
            log.info("retention: %s", ", ".join(f"{what}={n}" for what, n in removed.items()))

    def stop(self) -> None:
        self._runner.stop()

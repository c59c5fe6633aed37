"""APScheduler, run only by the leader, on a SQLAlchemy job store in the bot's own database.

APScheduler triggers; the database decides. Its job store is at-most-once, drops an overdue run
when a job is re-added with replace_existing, and fires a wall-clock cron twice on the autumn
night, so no reminder depends on it: the tick asks the database what is due, and the delivery
log makes a second look harmless. The daily housekeeping runs at 04:15, outside the hours the
clock changes. A new leader runs the tick at once, so a takeover catches up without waiting.
"""
from __future__ import annotations

import logging
import threading
import uuid
from datetime import datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import COPENHAGEN
from bot.storage.db import make_engine
from scheduler import jobs
from scheduler.leadership import Leadership

log = logging.getLogger(__name__)

JOBS_TABLE = "apscheduler_jobs"
TICK_ID = "reminders-tick"
HOUSEKEEPING_ID = "reminders-housekeeping"


def housekeeping_trigger() -> CronTrigger:
    return CronTrigger(hour=4, minute=15, timezone=COPENHAGEN)


class ReminderScheduler:
    """Waits to become leader, schedules while it leads, steps down when the lock is lost."""

    def __init__(
        self,
        work: jobs.Work,
        database_url: str,
        leadership: Leadership,
        *,
        tick_seconds: float = 60.0,
        poll_seconds: float = 5.0,
    ) -> None:
        self.instance_id = uuid.uuid4().hex
        self._work = work
        self._database_url = database_url
        self._leadership = leadership
        self._tick_seconds = tick_seconds
        self._poll_seconds = poll_seconds
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._scheduler: BackgroundScheduler | None = None

    @property
    def is_leader(self) -> bool:
        return self._scheduler is not None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._elect, name=f"scheduler-{self.instance_id[:8]}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Let a running tick finish its DM in flight, then give up the lead."""
        self._stopping.set()
        self._work.stop()
        if self._thread is not None:
            self._thread.join()

    def _elect(self) -> None:
        delay = 0.0
        while not self._stopping.wait(delay):
            delay = self._poll_seconds
            try:
                if not self.is_leader and self._leadership.acquire():
                    self._lead()
                elif self.is_leader and not self._leadership.still_held():
                    log.error("scheduler %s lost its lock and stops scheduling", self.instance_id[:8])
                    self._step_down()
            except Exception:
                log.exception("scheduler leadership check failed; trying again in %s s", self._poll_seconds)
        self._step_down()

    def _lead(self) -> None:
        jobs.register(self.instance_id, self._work)
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=make_engine(self._database_url), tablename=JOBS_TABLE)},
            executors={"default": ThreadPoolExecutor(max_workers=2)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
            timezone=COPENHAGEN,
        )
        scheduler.add_job(
            jobs.TICK, IntervalTrigger(seconds=self._tick_seconds, timezone=COPENHAGEN), args=[self.instance_id],
            id=TICK_ID, name="send what is due", replace_existing=True, next_run_time=datetime.now(COPENHAGEN),
        )
        scheduler.add_job(
            jobs.HOUSEKEEPING, housekeeping_trigger(), args=[self.instance_id],
            id=HOUSEKEEPING_ID, name="housekeeping", replace_existing=True,
        )
        scheduler.start()
        self._scheduler = scheduler
        log.info("scheduler %s leads: ticking every %s s", self.instance_id[:8], self._tick_seconds)

    def _step_down(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.shutdown(wait=True)
            log.info("scheduler %s stepped down", self.instance_id[:8])
        jobs.unregister(self.instance_id)
        self._leadership.release()

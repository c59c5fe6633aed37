"""The scheduler built from the composition root, for `borgmesterbot scheduler` and `run`."""
from __future__ import annotations

from datetime import timedelta

from bot.catalogue.stale import StaleReminder
from bot.clock import Clock
from bot.notify import NoticeSender
from bot.reminders.delivery import ReminderRunner
from bot.services import Services
from scheduler.leadership import leadership_for
from scheduler.service import ReminderScheduler
from scheduler.work import ReminderWork

TICK_SECONDS = 60.0
POLL_SECONDS = 5.0


def build_work(services: Services, sender: NoticeSender, *, clock: Clock | None = None) -> ReminderWork:
    """The tick opens host turns and praktik rounds, sends what is due, lets unconfirmed seat
    offers lapse (their letters go through the postman, which in a process of its own gets the
    scheduler's sender) and reminds staff (through the staff desk) of offers not confirmed for
    CATALOGUE_CONFIRM_MONTHS.
    The claim timeout is REMINDER_CLAIM_TIMEOUT: longer than one send can take, so only a dead
    run's claim is taken over."""
    if not services.postman.ready:
        services.postman.use(sender)
    runner = ReminderRunner(
        services.db, services.catalogue, sender, clock=services.clock,
        claim_timeout=timedelta(seconds=services.settings.reminder_claim_timeout),
    )
    stale = StaleReminder(
        services.db, services.catalogue, services.desk.tell,
        months=services.settings.catalogue_confirm_months, clock=clock or services.clock,
    )
    return ReminderWork(
        runner, services.reminder_log,
        lapse_expired_offers=services.enrolment.lapse_expired_offers, remind_stale_offers=stale.run,
        planners=(services.host_turns.plan, services.praktik.plan), retention=services.retention, clock=services.clock,
    )


def build_scheduler(
    services: Services,
    sender: NoticeSender,
    *,
    tick_seconds: float = TICK_SECONDS,
    poll_seconds: float = POLL_SECONDS,
    clock: Clock | None = None,
) -> ReminderScheduler:
    work = build_work(services, sender, clock=clock)
    return ReminderScheduler(
        work, services.settings.database_url, leadership_for(services.db.engine), tick_seconds=tick_seconds, poll_seconds=poll_seconds
    )

"""The scheduler built from the composition root, for `borgmesterbot scheduler` and `run`."""
from __future__ import annotations

from collections.abc import Callable

from bot.catalogue.stale import StaleReminder
from bot.clock import Clock, utcnow
from bot.notify import Notice, NoticeSender
from bot.reminders.delivery import ReminderRunner
from bot.services import Services
from scheduler.leadership import leadership_for
from scheduler.service import ReminderScheduler
from scheduler.work import ReminderWork

TICK_SECONDS = 60.0
POLL_SECONDS = 5.0


def staff_teller(services: Services, sender: NoticeSender) -> Callable[[Notice], bool]:
    """A note for every staff member's DM; True when at least one of them got it."""

    def tell(notice: Notice) -> bool:
        results = [sender.send(user_id, notice) for user_id in sorted(services.settings.staff_user_ids)]
        return any(result.ok for result in results)

    return tell


def build_scheduler(
    services: Services,
    sender: NoticeSender,
    *,
    tick_seconds: float = TICK_SECONDS,
    poll_seconds: float = POLL_SECONDS,
    clock: Clock = utcnow,
) -> ReminderScheduler:
    """The tick also lets unconfirmed seat offers lapse, whose letters go through the postman
    (in a process of its own the postman gets the scheduler's sender), and reminds staff of
    offers not confirmed for CATALOGUE_CONFIRM_MONTHS."""
    if not services.postman.ready:
        services.postman.use(sender)
    runner = ReminderRunner(services.db, services.catalogue, sender)
    stale = StaleReminder(
        services.db, services.catalogue, staff_teller(services, sender),
        months=services.settings.catalogue_confirm_months, clock=clock,
    )
    work = ReminderWork(
        runner, services.reminder_log, lapse_expired_offers=services.enrolment.lapse_expired_offers,
        remind_stale_offers=stale.run,
    )
    return ReminderScheduler(
        work, services.settings.database_url, leadership_for(services.db.engine), tick_seconds=tick_seconds, poll_seconds=poll_seconds
    )

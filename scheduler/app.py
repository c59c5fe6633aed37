"""The scheduler built from the composition root, for `borgmesterbot scheduler` and `run`."""
from __future__ import annotations

from bot.notify import NoticeSender
from bot.reminders.delivery import ReminderRunner
from bot.services import Services
from scheduler.leadership import leadership_for
from scheduler.service import ReminderScheduler
from scheduler.work import ReminderWork

TICK_SECONDS = 60.0
POLL_SECONDS = 5.0


def build_scheduler(
    services: Services, sender: NoticeSender, *, tick_seconds: float = TICK_SECONDS, poll_seconds: float = POLL_SECONDS
) -> ReminderScheduler:
    """The tick also lets unconfirmed seat offers lapse, whose letters go through the postman;
    in a process of its own the postman gets the scheduler's sender."""
    if not services.postman.ready:
        services.postman.use(sender)
    runner = ReminderRunner(services.db, services.catalogue, sender)
    work = ReminderWork(runner, services.reminder_log, lapse_expired_offers=services.enrolment.lapse_expired_offers)
    return ReminderScheduler(
        work, services.settings.database_url, leadership_for(services.db.engine), tick_seconds=tick_seconds, poll_seconds=poll_seconds
    )

"""`borgmesterbot scheduler`: the reminders scheduler alone, for deployments with several app
replicas (each may run it; one leads at a time). `borgmesterbot run` starts it as well."""
from __future__ import annotations

import argparse
import logging

from bot.cli.shutdown import stop_on_signals
from bot.config import load_settings
from bot.services import Services
from scheduler.app import POLL_SECONDS, TICK_SECONDS, build_scheduler
from scheduler.service import ReminderScheduler


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("scheduler", help="kør påmindelserne (uden Slack-appen); én leder ad gangen")
    parser.add_argument("--tick-sekunder", type=float, default=TICK_SECONDS, help="hvor ofte der ses efter påmindelser")
    parser.add_argument(
        "--leder-sekunder", type=float, default=POLL_SECONDS, help="hvor ofte en ventende planlægger ser, om den skal overtage"
    )
    parser.set_defaults(handler=_run)


def start_scheduler(services: Services, tick_seconds: float = TICK_SECONDS, poll_seconds: float = POLL_SECONDS) -> ReminderScheduler:
    """Sends through Slack; needs SLACK_BOT_TOKEN. Started in the background: call stop(). The
    client does not retry by itself: the delivery log retries, after looking the DM up."""
    from bot.slack.app import build_client
    from bot.slack.notice_sender import SlackNoticeSender
    from bot.slack.staff_board import attach_staff_board

    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    client = build_client(services.settings, retries=False)
    sender = services.watched(SlackNoticeSender(client))
    if not services.desk.ready:
        attach_staff_board(services, client)
    scheduler = build_scheduler(services, sender, tick_seconds=tick_seconds, poll_seconds=poll_seconds)
    services.follow_catalogue()
    scheduler.start()
    return scheduler


def _run(args: argparse.Namespace) -> int:
    settings = load_settings()
    settings.require("SLACK_BOT_TOKEN")
    services = Services.build(settings)
    stop = stop_on_signals()
    scheduler = start_scheduler(services, args.tick_sekunder, args.leder_sekunder)
    print("Påmindelserne kører. Stop med Ctrl+C eller SIGTERM.", flush=True)
    stop.wait()
    scheduler.stop()
    services.db.dispose()
    return 0

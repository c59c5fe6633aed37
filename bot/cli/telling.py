"""The services for a CLI command whose outcome people are told in Slack (a changed session, an
approved member): with a bot token the DMs go out through Slack; without one nobody is told, and
the command says so (``told``). With a token the staff desk's messages follow too: an item the
command settles (a person approved) shows it in the staff channel like a click would."""
from __future__ import annotations

from bot.config import load_settings
from bot.services import Services


def services_that_tell() -> Services:
    services = Services.build(load_settings())
    if services.settings.slack_bot_token:
        from bot.slack.app import build_client
        from bot.slack.notice_sender import SlackNoticeSender
        from bot.slack.staff_board import attach_staff_board

        client = build_client(services.settings)
        services.postman.use(services.watched(SlackNoticeSender(client)))
        attach_staff_board(services, client)
    return services


def told(services: Services) -> str:
    return "har fået besked" if services.postman.ready else "har IKKE fået besked, fordi SLACK_BOT_TOKEN ikke er sat"

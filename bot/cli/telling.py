"""The services for a CLI command whose outcome people are told in Slack (a changed session, an
approved member): with a bot token the DMs go out through Slack; without one nobody is told, and
the command says so (``told``)."""
from __future__ import annotations

from bot.config import load_settings
from bot.services import Services


def services_that_tell() -> Services:
    services = Services.build(load_settings())
    if services.settings.slack_bot_token:
        from bot.slack.app import build_client
        from bot.slack.notice_sender import SlackNoticeSender

        services.postman.use(services.watched(SlackNoticeSender(build_client(services.settings))))
    return services


def told(services: Services) -> str:
    return "har fået besked" if services.postman.ready else "har IKKE fået besked, fordi SLACK_BOT_TOKEN ikke er sat"

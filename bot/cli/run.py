"""`borgmesterbot run`: Slack in Socket Mode when SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set,
otherwise the console chat on the same core, after one line on how to connect to Slack."""
from __future__ import annotations

import argparse

HOW_TO_CONNECT = (
    "Ingen Slack-forbindelse: sæt SLACK_BOT_TOKEN og SLACK_APP_TOKEN (i miljøet eller .env, se README) "
    "for at køre i Slack. Indtil da: konsol-chatten."
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("run", help="kør botten: i Slack (Socket Mode) med tokens, ellers konsol-chatten")
    parser.add_argument(
        "--no-scheduler", action="store_true", help="uden påmindelserne (når 'borgmesterbot scheduler' kører for sig)"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    """Imports stay inside: `ask` and the other sub-commands should not pay for them at start."""
    from bot.config import load_settings
    from bot.services import Services

    settings = load_settings()
    services = Services.build(settings)
    app_token = settings.slack_app_token
    if not settings.socket_mode_ready or app_token is None:
        from bot.console.chat import run_chat

        print(HOW_TO_CONNECT, flush=True)
        services.follow_catalogue()
        return run_chat(services)
    from bot.cli.scheduler import start_scheduler
    from bot.cli.shutdown import stop_on_signals
    from bot.health import Health, database_probe
    from bot.metrics import exposition
    from bot.slack.app import build_app
    from bot.slack.delivery import BackgroundDelivery
    from bot.slack.socket_mode import run_socket_mode
    from bot.web import WsgiServer, ops_app

    app = build_app(services)
    stop = stop_on_signals()
    health = Health()
    health.add("database", database_probe(services.db))
    scheduler = None if args.no_scheduler else start_scheduler(services)
    if scheduler is not None:
        health.add("scheduler", lambda: (True, "leder" if scheduler.is_leader else "venter"))
    delivery = BackgroundDelivery(services).start()
    health.add("worker", delivery.probe)
    server = None
    if settings.health_port:
        server = WsgiServer(ops_app(health, lambda: exposition(services.db)), port=settings.health_port, threads=2).start_in_thread()
    try:
        run_socket_mode(app, app_token, stop, health=health)
    finally:
        if server is not None:
            server.stop()
        delivery.stop()
        if scheduler is not None:
            scheduler.stop()
        services.db.dispose()
    return 0

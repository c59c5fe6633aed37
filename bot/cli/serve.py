"""`borgmesterbot serve --port P`: the Slack app in HTTP mode for production behind a load
balancer (waitress; Slack posts to /slack/events, the balancer checks /healthz)."""
from __future__ import annotations

import argparse
import os


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="kør Slack-appen i HTTP-tilstand (produktion bag en load balancer)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")), help="port (standard 3000 eller $PORT)")
    parser.add_argument("--host", default="0.0.0.0", help="adresse at lytte på (standard 0.0.0.0)")
    parser.add_argument("--threads", type=int, default=8, help="antal arbejdstråde (standard 8)")
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    """Until SIGTERM or SIGINT; then no new requests, the requests and the message in flight are
    finished, the worker's other claims go back to the outbox, and the database is closed."""
    from bot.cli.shutdown import stop_on_signals
    from bot.config import load_settings
    from bot.health import Health, database_probe
    from bot.metrics import exposition
    from bot.services import Services
    from bot.slack.app import build_app
    from bot.slack.delivery import BackgroundDelivery
    from bot.slack.http import EVENTS_PATH, HEALTH_PATH, HttpServer

    settings = load_settings()
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    services = Services.build(settings)
    health = Health()
    health.add("database", database_probe(services.db))
    delivery = BackgroundDelivery(services)
    health.add("worker", delivery.probe)
    server = HttpServer(
        build_app(services), settings.slack_signing_secret or "", host=args.host, port=args.port, threads=args.threads,
        health=health, metrics=lambda: exposition(services.db),
    )
    print(f"Borgmesterbot lytter på {server.url}{EVENTS_PATH} (sundhedstjek: {HEALTH_PATH}). Stop med Ctrl+C eller SIGTERM.", flush=True)
    stop = stop_on_signals()
    delivery.start()
    server.start_in_thread()
    try:
        stop.wait()
    finally:
        server.stop()
        delivery.stop()
        services.db.dispose()
    return 0

"""The `borgmesterbot` command. Each sub-command lives in its own module with a register()
that adds its parser; errors a user can fix are printed as one Danish line, never a traceback."""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.catalogue.loader import CatalogueError
from bot.cli import ask as ask_command
from bot.cli import broadcasts as broadcasts_command
from bot.cli import chat as chat_command
from bot.cli import db as db_command
from bot.cli import members as members_command
from bot.cli import networks as networks_command
from bot.cli import reminders as reminders_command
from bot.cli import run as run_command
from bot.cli import scheduler as scheduler_command
from bot.cli import serve as serve_command
from bot.cli import sessions as sessions_command
from bot.cli import unanswered as unanswered_command
from bot.config import ConfigError

COMMANDS = [
    ask_command,
    broadcasts_command,
    chat_command,
    db_command,
    members_command,
    networks_command,
    reminders_command,
    run_command,
    scheduler_command,
    serve_command,
    sessions_command,
    unanswered_command,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="borgmesterbot", description="Borgmesterbot: KL's tilbud til borgmestre i Slack.")
    parser.add_argument("-v", "--verbose", action="store_true", help="vis fejlsøgningslog")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    try:
        return int(args.handler(args) or 0)
    except (ConfigError, CatalogueError) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

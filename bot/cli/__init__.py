"""The `borgmesterbot` command. Each sub-command lives in its own module with a register()
that adds its parser; errors a user can fix (every UserError) are printed here as one Danish line
with exit status 2, never a traceback, so the sub-commands need no error handling of their own."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bot import logs
from bot.errors import UserError

# Each name is a sub-command and the module bot.cli.<name> that registers it. Only the module of
# the command being run is imported, so `ask` does not pay for SQLAlchemy, Alembic and Slack.
COMMANDS = (
    "ask",
    "audit",
    "broadcasts",
    "catalogue",
    "chat",
    "check",
    "db",
    "manifest",
    "members",
    "networks",
    "praktik",
    "reminders",
    "run",
    "scheduler",
    "serve",
    "sessions",
    "unanswered",
)


def _requested(argv: Sequence[str]) -> tuple[str, ...]:
    named = next((arg for arg in argv if not arg.startswith("-")), None)
    return (named,) if named in COMMANDS else COMMANDS


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="borgmesterbot", description="Borgmesterbot: KL's tilbud til borgmestre i Slack.")
    parser.add_argument("-v", "--verbose", action="store_true", help="vis fejlsøgningslog")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for name in commands:
        importlib.import_module(f"bot.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_requested(argv))
    args = parser.parse_args(argv)
    try:
        logs.configure(args.verbose)
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

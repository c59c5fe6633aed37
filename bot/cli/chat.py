"""`borgmesterbot chat`: the console chat on the embedded defaults (or DATABASE_URL)."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("chat", help="chat med botten i terminalen (uden Slack)")
    parser.set_defaults(handler=_chat)


def _chat(_args: argparse.Namespace) -> int:
    # Imported here: the database layer is heavy, and `ask` (the same CLI) must start fast.
    from bot.config import load_settings
    from bot.console.chat import run_chat
    from bot.services import Services

    services = Services.build(load_settings())
    services.follow_catalogue()
    return run_chat(services)

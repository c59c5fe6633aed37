"""`borgmesterbot audit [--siden DATO]`: every action KL's staff have taken through the bot
(dates, rosters, approvals, broadcasts, networks and meetings, answers sent), oldest first."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("audit", help="log over medarbejdernes handlinger")
    parser.add_argument("--siden", metavar="DATO", help="kun handlinger fra denne dag (fx 1.12.2026) eller senere")
    parser.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    """The storage stack is imported here, so other sub-commands do not pay for it."""
    from bot.clock import DateError, moment_text, parse_local
    from bot.config import load_settings
    from bot.staffdesk import AuditLog
    from bot.storage.db import Database

    try:
        since = parse_local(args.siden) if args.siden else None
    except DateError as error:
        print(f"Fejl: {error}", file=sys.stderr)
        return 2
    db = Database(load_settings().database_url)
    db.migrate()
    rows = AuditLog(db).entries(since)
    if not rows:
        print("Ingen medarbejderhandlinger" + (f" siden {args.siden}." if since else " endnu."))
        return 0
    for row in rows:
        detail = f" – {' '.join(row.detail.split())}" if row.detail else ""
        print(f"{moment_text(row.at)}  {row.actor} {row.action.label}: {row.subject}{detail}")
    return 0

"""`borgmesterbot unanswered`: the questions the bot abstained on or that were marked
unhelpful, most frequent first, so staff know what to add to or clarify in offers.yaml."""
from __future__ import annotations

import argparse
from zoneinfo import ZoneInfo

_REASONS = {"abstained": "ubesvaret", "unhelpful": "markeret som ikke nyttigt"}
_LOCAL = ZoneInfo("Europe/Copenhagen")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("unanswered", help="spørgsmål botten ikke kunne svare godt på, de hyppigste først")
    parser.add_argument("--limit", type=int, default=50, help="højst så mange spørgsmål (standard 50)")
    parser.set_defaults(handler=_unanswered)


def _unanswered(args: argparse.Namespace) -> int:
    """The storage stack is imported here, not at module level, so other sub-commands (ask)
    do not pay for it at start-up."""
    from bot.clock import day_text
    from bot.config import load_settings
    from bot.feedback import FeedbackLog
    from bot.storage.db import Database

    db = Database(load_settings().database_url)
    db.migrate()
    entries = FeedbackLog(db).unanswered(limit=max(args.limit, 1))
    if not entries:
        print("Ingen ubesvarede eller uhjælpsomme spørgsmål endnu.")
        return 0
    for entry in entries:
        reasons = ", ".join(_REASONS[r] for r in entry.reasons)
        when = entry.last_asked.astimezone(_LOCAL).strftime("%d.%m.%Y %H:%M")
        who = f"; må kontaktes: {', '.join(entry.askers)}" if entry.askers else ""
        answered = f"besvaret {day_text(entry.answered[1])} af {entry.answered[0]}" if entry.answered else "ikke besvaret"
        print(f"{entry.count:>4} × {entry.question}  ({reasons}; senest {when}{who}; {answered})")
    return 0

"""`borgmesterbot broadcasts`: the broadcasts with their figures; `broadcasts work`: a delivery
worker on its own (start as many as wanted, on as many machines; they share the work)."""
from __future__ import annotations

import argparse

FAILURES_SHOWN = 10


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("broadcasts", help="udsendelser: oversigt med tal, og leverings-worker")
    parser.add_argument("--antal", type=int, default=50, help="hvor mange af de nyeste der vises (standard 50)")
    parser.set_defaults(handler=_list)
    actions = parser.add_subparsers(dest="broadcasts_action", metavar="HANDLING")
    work = actions.add_parser("work", help="lever udsendelser, indtil den stoppes (Ctrl+C eller SIGTERM)")
    work.add_argument("--once", action="store_true", help="lever det, der er klar nu, og stop så")
    work.set_defaults(handler=_work)


def _list(args: argparse.Namespace) -> int:
    """Imports stay inside the handlers, so other sub-commands (`ask`) do not pay for them."""
    from bot.broadcast.report import summary_line
    from bot.config import load_settings
    from bot.services import Services

    services = Services.build(load_settings())
    rows = services.broadcasts.all_figures(limit=args.antal)
    if not rows:
        print("Ingen udsendelser endnu. KL's medarbejdere laver en med /udsend i Slack.")
        return 0
    for figures in rows:
        print(summary_line(figures))
        for failure in figures.failures[:FAILURES_SHOWN]:
            print(f"    ikke leveret: {failure.recipient_id} ({failure.reason})")
        if len(figures.failures) > FAILURES_SHOWN:
            print(f"    … og {len(figures.failures) - FAILURES_SHOWN} mere")
    return 0


def _work(args: argparse.Namespace) -> int:
    from bot.cli.shutdown import stop_on_signals
    from bot.config import load_settings
    from bot.danish import count
    from bot.services import Services
    from bot.slack.delivery import build_worker

    services = Services.build(load_settings())
    worker = build_worker(services)
    if args.once:
        print(f"Leverede {count(worker.deliver_due(), 'besked', 'beskeder')}.")
        return 0
    stop = stop_on_signals()
    print(f"Leveringen ({worker.name}) kører (højst {worker.policy.rate_per_second:g} i sekundet). Stop med Ctrl+C.", flush=True)
    worker.run(stop)
    services.db.dispose()
    return 0

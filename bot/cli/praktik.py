"""`borgmesterbot praktik status|round|swap|rhythm`: the borgmesterpraktik rounds from the command
line (the introductions are sent from Slack, /praktik, where the group DMs are made)."""
from __future__ import annotations

import argparse
from dataclasses import replace

from bot.cli.networks import with_services
from bot.danish import count
from bot.praktik.service import RoundView
from bot.reminders.notices import rhythm
from bot.services import Services


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("praktik", help="borgmesterpraktik: hvem er med, runder og par")
    actions = parser.add_subparsers(dest="praktik_action", required=True, metavar="HANDLING")
    actions.add_parser("status", help="vis hvor mange der er med og den nyeste runde").set_defaults(handler=_status)
    actions.add_parser("round", help="sæt periodens par sammen nu (igen, hvis runden ikke er sendt)").set_defaults(handler=_round)
    swap = actions.add_parser("swap", help="byt to borgmestre mellem deres par i en runde, der ikke er sendt")
    swap.add_argument("runde", type=int, help="rundens nummer (se praktik status)")
    swap.add_argument("foerste", help="et Slack-bruger-id eller en kommune")
    swap.add_argument("anden", help="et Slack-bruger-id eller en kommune")
    swap.set_defaults(handler=_swap)
    every = actions.add_parser("rhythm", help="hvor tit der er en runde (6 = hvert halve år, standard)")
    every.add_argument("maaneder", type=int, help="1, 2, 3, 4, 6 eller 12")
    every.set_defaults(handler=_rhythm)


def _print_round(view: RoundView) -> None:
    print(f"Runde #{view.id} {view.period_name} ({'sendt' if view.state.value == 'sent' else 'ikke sendt'}):")
    for pair in view.pairs:
        print("  " + " og ".join(p.label for p in pair.people))


def _status(_args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        print(f"{count(services.praktik.opted_in_count(), 'borgmester', 'borgmestre')} er med i borgmesterpraktik.")
        latest = services.praktik.latest()
        if latest is None:
            print("Der er ingen runder endnu.")
        else:
            _print_round(latest)

    return with_services(run)


def _round(_args: argparse.Namespace) -> int:
    return with_services(lambda services: _print_round(services.praktik.make_round()))


def _swap(args: argparse.Namespace) -> int:
    return with_services(lambda services: _print_round(services.praktik.swap(args.runde, args.foerste, args.anden)))


def _rhythm(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        policy = services.reminder_policy.get()
        services.reminder_policy.set(replace(policy, praktik_every_months=args.maaneder), updated_by="cli")
        print(f"Borgmesterpraktik: en runde {rhythm(args.maaneder)}.")

    return with_services(run)

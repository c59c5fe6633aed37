"""`borgmesterbot networks list|show|create|add|remove|meeting|host|rhythm`: the borgmesternetværk,
their meetings, host turns and rhythm from the command line, with the same rules as Slack."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.clock import moment_text, parse_local
from bot.config import load_settings
from bot.danish import count
from bot.reminders.errors import HolidayNotConfirmed, ReminderError
from bot.reminders.meetings import MeetingInfo
from bot.reminders.networks import NetworkInfo
from bot.reminders.notices import rhythm
from bot.reminders.text import meeting_lines
from bot.services import Services

WHO_HELP = "et Slack-bruger-id (fx U012ABC) eller en kommune (dens borgmester)"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("networks", help="borgmesternetværk: medlemmer, møder og værtsrotation")
    actions = parser.add_subparsers(dest="networks_action", required=True, metavar="HANDLING")
    actions.add_parser("list", help="vis netværkene og deres næste møde").set_defaults(handler=_list)

    show = actions.add_parser("show", help="vis et netværk: medlemmer, næste møde, næste vært og tidligere værter")
    show.add_argument("netvaerk", help="netværkets navn eller nummer")
    show.set_defaults(handler=_show)

    create = actions.add_parser("create", help="opret et netværk")
    create.add_argument("navn")
    create.set_defaults(handler=_create)

    for name, helptext, handler in (("add", "tilføj et medlem", _add), ("remove", "fjern et medlem", _remove)):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("netvaerk", help="netværkets navn eller nummer")
        action.add_argument("hvem", help=WHO_HELP)
        action.set_defaults(handler=handler)

    meeting = actions.add_parser("meeting", help="sæt netværkets næste møde (eller ret det planlagte)")
    meeting.add_argument("netvaerk", help="netværkets navn eller nummer")
    meeting_options(meeting)
    meeting.add_argument("--vaert", help=f"værten, hvis ikke rotationens forslag: {WHO_HELP}")
    meeting.set_defaults(handler=_meeting)

    host = actions.add_parser("host", help="giv periodens værtsrolle til en anden; botten spørger vedkommende med det samme")
    host.add_argument("netvaerk", help="netværkets navn eller nummer")
    host.add_argument("hvem", help=WHO_HELP)
    host.set_defaults(handler=_host)

    rhythm = actions.add_parser("rhythm", help="hvor tit netværket mødes (3 = hvert kvartal, standard)")
    rhythm.add_argument("netvaerk", help="netværkets navn eller nummer")
    rhythm.add_argument("maaneder", type=int, help="antal måneder mellem møderne: 1, 2, 3, 4, 6 eller 12")
    rhythm.set_defaults(handler=_rhythm)


def meeting_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", required=True, help="dato og tid i dansk tid, fx '4.3.2027 10:00'")
    parser.add_argument("--sted", required=True, help="hvor mødet holdes")
    parser.add_argument("--dagsorden", default="", help="dagsordenen")
    parser.add_argument("--helligdag", action="store_true", help="mødet holdes, selv om dagen er en weekend, en helligdag eller en fridag")


def confirming_day_off(args: argparse.Namespace, save: Callable[[bool], MeetingInfo]) -> MeetingInfo:
    """Save; a weekend or public holiday the domain wants confirmed is asked about at a terminal
    (or needs --helligdag), and then saved with the confirmation."""
    try:
        return save(args.helligdag)
    except HolidayNotConfirmed as refusal:
        if not sys.stdin.isatty():
            raise ReminderError(
                f"Datoen er {refusal.holiday}. Vælg en anden dato, eller tilføj --helligdag, hvis mødet skal holdes alligevel.", "starts_at"
            ) from None
        if input(f"Datoen er {refusal.holiday}. Skal mødet holdes alligevel? [j/N] ").strip().lower() not in ("j", "ja"):
            raise ReminderError("Mødet er ikke gemt.") from None
        return save(True)


def _members(network: NetworkInfo) -> str:
    return ", ".join(p.label for p in network.members) or "ingen endnu"


def with_services(action: Callable[[Services], object]) -> int:
    """Run against the configured database (a mistake staff can fix is printed by ``main``)."""
    action(Services.build(load_settings()))
    return 0


def _list(_args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        networks = services.networks.list()
        if not networks:
            print("Der er ingen netværk endnu. Opret et med 'borgmesterbot networks create NAVN'.")
        for network in networks:
            planned = services.meetings.upcoming(network.id, limit=1)
            when = moment_text(planned[0].starts_at) if planned else "intet møde sat"
            print(f"#{network.id} {network.name} ({count(len(network.members), 'medlem', 'medlemmer')}): næste møde {when}")

    return with_services(run)


def _show(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        draft = services.meetings.draft(args.netvaerk)
        print(f"{draft.network_name}\n  Medlemmer: {', '.join(p.label for p in draft.members) or 'ingen endnu'}")
        if draft.planned:
            print("  Næste møde:")
            print("\n".join("  " + line for line in meeting_lines(draft.planned)))
        print(f"  Vært efter tur til næste møde: {draft.proposed_host.label if draft.proposed_host else 'ingen (netværket har ingen medlemmer)'}")
        past = [m for m in services.meetings.history(args.netvaerk) if not draft.planned or m.id != draft.planned.id]
        for meeting in past:
            print(f"  {moment_text(meeting.starts_at)}: vært {meeting.host.label if meeting.host else 'ingen'}")

    return with_services(run)


def _create(args: argparse.Namespace) -> int:
    return with_services(lambda services: print(f"Netværket {services.networks.create(args.navn).name} er oprettet."))


def _add(args: argparse.Namespace) -> int:
    return with_services(lambda services: print(f"Medlemmer nu: {_members(services.networks.add_member(args.netvaerk, args.hvem))}"))


def _remove(args: argparse.Namespace) -> int:
    return with_services(lambda services: print(f"Medlemmer nu: {_members(services.networks.remove_member(args.netvaerk, args.hvem))}"))


def _meeting(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        starts_at = parse_local(args.start)
        meeting = confirming_day_off(args, lambda confirmed: services.meetings.set_network_meeting(
            args.netvaerk, starts_at, args.sted, args.dagsorden, host=args.vaert, by="cli", holiday_confirmed=confirmed
        ))
        print("Mødet er sat. Medlemmerne får påmindelser før mødet.")
        print("\n".join(meeting_lines(meeting)))

    return with_services(run)


def _host(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        turn = services.host_turns.reassign(args.netvaerk, args.hvem)
        print(f"{turn.host.label} er nu spurgt om at være vært for {turn.network_name} i {turn.period.name}.")

    return with_services(run)


def _rhythm(args: argparse.Namespace) -> int:
    def run(services: Services) -> None:
        services.host_turns.set_cadence(args.netvaerk, args.maaneder)
        print(f"Netværket mødes nu {rhythm(args.maaneder)}.")

    return with_services(run)

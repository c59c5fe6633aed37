"""`borgmesterbot sessions list|add|change|cancel|lapse`: an offer's dated sessions from the
command line, with the same rules and the same DMs as the staff modal in Slack."""
from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from bot.cli.telling import services_that_tell, told
from bot.clock import parse_local
from bot.config import load_settings
from bot.enrolment.results import SessionView
from bot.enrolment.sessions import SessionDraft, SessionUpdate
from bot.services import Services
from bot.storage.models.enrolment import Audience

DATE_HELP = "dato og tid i dansk tid, fx '14.1.2027 10:00'"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sessions", help="tilbuddenes datoer: vis, opret, ret, aflys")
    actions = parser.add_subparsers(dest="sessions_action", required=True, metavar="HANDLING")

    listing = actions.add_parser("list", help="vis kommende datoer")
    listing.add_argument("--tilbud", help="kun dette tilbud, som navnet skrives, fx mødeledelse")
    listing.add_argument("--alle", action="store_true", help="også afholdte datoer")
    listing.set_defaults(handler=_list)

    add = actions.add_parser("add", help="opret en dato")
    add.add_argument("--tilbud", required=True, help="tilbuddet, som navnet skrives, fx mødeledelse")
    add.add_argument("--start", required=True, help=DATE_HELP)
    add.add_argument("--slut", required=True, help=DATE_HELP)
    add.add_argument("--pladser", required=True, type=int, help="antal pladser")
    _detail_options(add)
    add.set_defaults(handler=_add)

    change = actions.add_parser("change", help="ret en dato (kun de angivne felter ændres)")
    change.add_argument("id", type=int, help="datoens nummer (se borgmesterbot sessions list)")
    change.add_argument("--start", help=DATE_HELP)
    change.add_argument("--slut", help=DATE_HELP)
    change.add_argument("--pladser", type=int, help="antal pladser")
    _detail_options(change)
    change.add_argument("--alle-borgmestre", action="store_true", help="åbn datoen for alle borgmestre igen")
    change.set_defaults(handler=_change)

    cancel = actions.add_parser("cancel", help="aflys en dato; alle tilmeldte får besked")
    cancel.add_argument("id", type=int, help="datoens nummer (se borgmesterbot sessions list)")
    cancel.set_defaults(handler=_cancel)

    actions.add_parser("lapse", help="lad ubekræftede pladstilbud gå videre til den næste på ventelisten").set_defaults(
        handler=_lapse
    )


def _detail_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sted", help="adresse eller lokale")
    parser.add_argument("--online", action="store_true", help="sessionen foregår (også) online")
    parser.add_argument("--pris", help="deltagerbetaling som tekst; en pris gør ledige pladser til tilbud, der skal bekræftes")
    parser.add_argument("--frist", help="tilmeldingsfrist, fx '7.1.2027' (hele dagen) eller '7.1.2027 12:00'")
    parser.add_argument("--titel", help="titel, hvis den skal være en anden end tilbuddets")
    parser.add_argument("--kun-nyvalgte", action="store_true", help="kun for nyvalgte borgmestre")


def _describe(view: SessionView) -> str:
    flags = " (AFLYST)" if view.cancelled else ""
    lines = [f"#{view.id} {view.name} [{view.offer_id}]{flags}"]
    lines += [f"    {label}: {value}" for label, value in view.facts()]
    return "\n".join(lines)


def _report(update: SessionUpdate, done: str, services: Services) -> None:
    print(f"{done}:\n{_describe(update.session)}")
    if update.moved_up:
        print(f"{update.moved_up} fra ventelisten har fået en plads eller et pladstilbud.")
    if update.notified:
        print(f"{update.notified} berørte {told(services)}.")


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for option, name in (("start", "starts_at"), ("slut", "ends_at")):
        if getattr(args, option):
            fields[name] = parse_local(getattr(args, option))
    if args.frist:
        fields["deadline"] = parse_local(args.frist, end_of_day=True)
    for option, name in (("pladser", "capacity"), ("sted", "place"), ("pris", "fee"), ("titel", "title")):
        if getattr(args, option) is not None:
            fields[name] = getattr(args, option)
    if args.online:
        fields["online"] = True
    if args.kun_nyvalgte:
        fields["audience"] = Audience.FIRST_TERM
    if getattr(args, "alle_borgmestre", False):
        fields["audience"] = Audience.ALL
    return fields


def _run(action: Any) -> int:
    """The action's exit status (0 when it returns nothing); its UserError is printed by ``main``."""
    return int(action() or 0)


def _list(args: argparse.Namespace) -> int:
    def show() -> None:
        views = Services.build(load_settings()).sessions.list(args.tilbud, include_past=args.alle)
        if not views:
            print("Ingen kommende datoer. Opret en med: borgmesterbot sessions add --tilbud mødeledelse --start ... --slut ... --pladser N")
        for view in views:
            print(_describe(view))

    return _run(show)


def _add(args: argparse.Namespace) -> int:
    def add() -> None:
        fields = _fields(args)
        view = Services.build(load_settings()).sessions.add(SessionDraft(offer_id=args.tilbud, **fields))
        print(f"Oprettet:\n{_describe(view)}")

    return _run(add)


def _change(args: argparse.Namespace) -> int:
    def change() -> None:
        services = services_that_tell()
        current = services.sessions.get(args.id)
        _report(services.sessions.change(args.id, replace(SessionDraft.of(current), **_fields(args))), "Rettet", services)

    return _run(change)


def _cancel(args: argparse.Namespace) -> int:
    def cancel() -> None:
        services = services_that_tell()
        _report(services.sessions.cancel(args.id), "Aflyst", services)

    return _run(cancel)


def _lapse(_args: argparse.Namespace) -> int:
    services = services_that_tell()
    lapsed = services.enrolment.lapse_expired_offers()
    print(f"{lapsed} ubekræftede pladstilbud er gået videre." if lapsed else "Ingen udløbne pladstilbud.")
    return 0


"""`borgmesterbot catalogue import|export|history|rollback`: the catalogue in the database from
the shell. An import is validated exactly like offers.yaml at start (a broken file is refused
with the entry, field and line, and nothing changes); every change becomes a new version with
who and why, so `rollback` can always go back."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from bot.catalogue.loader import load_catalogue
from bot.catalogue.store import Author
from bot.config import load_settings
from bot.services import Services


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("catalogue", help="kataloget i databasen: indlæs, eksportér, versioner, rul tilbage")
    actions = parser.add_subparsers(dest="catalogue_action", required=True, metavar="HANDLING")
    load = actions.add_parser("import", help="indlæs en offers.yaml-fil som ny version (en fejl, og intet ændres)")
    load.add_argument("file", type=Path, metavar="FIL")
    _who(load)
    load.add_argument("--grund", default=None, help="hvorfor (vises i historikken)")
    load.set_defaults(handler=_import)
    export = actions.add_parser("export", help="skriv versionen i brug som YAML (samme format som offers.yaml)")
    export.add_argument("--version", type=int, default=None, help="en ældre version i stedet for den i brug")
    export.add_argument("-o", "--fil", type=Path, default=None, help="skriv til en fil i stedet for standard output")
    export.set_defaults(handler=_export)
    actions.add_parser("history", help="vis versionerne: nummer, hvornår, hvem og hvorfor").set_defaults(handler=_history)
    rollback = actions.add_parser("rollback", help="gør en ældre version gældende igen (som en ny version)")
    rollback.add_argument("number", type=int, metavar="N")
    _who(rollback)
    rollback.set_defaults(handler=_rollback)


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--af", default=None, help="hvem der ændrer (standard: brugernavnet på maskinen)")


def _author(args: argparse.Namespace) -> Author:
    name = args.af or getpass.getuser()
    return Author(f"cli:{name}", name)


def _import(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.file)
    services = Services.build(load_settings())
    number = services.catalogue.import_catalogue(catalogue, _author(args), args.grund or f"Indlæst fra {args.file.name}")
    print(f"{args.file.name} er indlæst som version {number} med {len(catalogue.offers)} tilbud.")
    return 0


def _export(args: argparse.Namespace) -> int:
    text = Services.build(load_settings()).catalogue.export(args.version)
    if args.fil is None:
        sys.stdout.write(text)
        return 0
    args.fil.write_text(text, encoding="utf-8")
    print(f"Kataloget er skrevet til {args.fil}.", file=sys.stderr)
    return 0


def _history(_args: argparse.Namespace) -> int:
    from bot.clock import clock_text, date_text

    store = Services.build(load_settings()).catalogue
    in_use = store.snapshot.version
    for version in store.history():
        mark = "*" if version.number == in_use else " "
        when = f"{date_text(version.created_at)} {clock_text(version.created_at)}"
        print(f"{mark}{version.number:>4}  {when:<16}  {version.author_name:<20}  {version.offers:>3} tilbud  {version.reason}")
    print("* = versionen i brug")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    store = Services.build(load_settings()).catalogue
    number = store.rollback(args.number, _author(args))
    print(f"Version {args.number} er gældende igen som version {number}.")
    return 0

"""`borgmesterbot members import FILE.csv` and `members list`: the directory from KL's file;
`members export SLACK_ID` and `members forget SLACK_ID`: a person's data on request (GDPR)."""
from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import load_settings
from bot.members.directory import MemberInfo
from bot.members.importer import COLUMNS, import_members
from bot.services import Services


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("members", help="medlemslisten: borgmestre, sekretariater og KL-medarbejdere")
    actions = parser.add_subparsers(dest="members_action", required=True, metavar="HANDLING")
    load = actions.add_parser(
        "import",
        help="indlæs en CSV-fil (samme fil to gange ændrer intet; én fejl, og intet indlæses)",
        description=f"Kolonner: {', '.join(COLUMNS)}. Skilletegn ';' eller ','. Roller: borgmester, sekretariat, medarbejder.",
    )
    load.add_argument("file", type=Path, metavar="FIL.csv")
    load.set_defaults(handler=_import)
    actions.add_parser("list", help="vis medlemslisten").set_defaults(handler=_list)
    export = actions.add_parser("export", help="alt, botten har om en person, som JSON (indsigt efter GDPR)")
    export.add_argument("slack_id", metavar="SLACK_ID")
    export.add_argument("--fil", type=Path, help="skriv til en fil i stedet for skærmen")
    export.set_defaults(handler=_export)
    forget = actions.add_parser("forget", help="slet alt om en person (kun antal bevares), i én transaktion")
    forget.add_argument("slack_id", metavar="SLACK_ID")
    forget.set_defaults(handler=_forget)


def _import(args: argparse.Namespace) -> int:
    services = Services.build(load_settings())
    report = import_members(services.db, args.file)
    print(f"Medlemslisten er indlæst fra {args.file.name}: {report}")
    return 0


def _line(member: MemberInfo) -> str:
    parts = [member.name, member.municipality or "–", member.role_name]
    if member.first_term:
        parts.append("nyvalgt")
    if member.acts_for_name:
        parts.append(f"for {member.acts_for_name}")
    if member.networks:
        parts.append("netværk: " + ", ".join(member.networks))
    return f"{member.slack_user_id:<12} " + " · ".join(parts)


def _list(_args: argparse.Namespace) -> int:
    members = Services.build(load_settings()).directory.list()
    if not members:
        print("Medlemslisten er tom. Indlæs den med: borgmesterbot members import FIL.csv")
        return 0
    for member in members:
        print(_line(member))
    print(f"{len(members)} medlemmer.")
    return 0


def _export(args: argparse.Namespace) -> int:
    import json

    from bot.privacy import export

    text = json.dumps(export(Services.build(load_settings()).db, args.slack_id), ensure_ascii=False, indent=2)
    if args.fil is None:
        print(text)
    else:
        args.fil.write_text(text + "\n", encoding="utf-8")
        print(f"Oplysningerne om {args.slack_id} er skrevet til {args.fil}.")
    return 0


def _forget(args: argparse.Namespace) -> int:
    from bot.privacy import forget

    done = forget(Services.build(load_settings()).db, args.slack_id)
    print(
        f"{args.slack_id} er glemt: {sum(done.deleted.values())} rækker slettet, "
        f"{sum(done.blanked.values())} anonymiseret (antal bevares)."
    )
    return 0

"""`borgmesterbot members import FILE.csv` and `members list`: the directory from KL's file;
`members export SLACK_ID` and `members forget SLACK_ID`: a person's data on request (GDPR);
`members pending`, `members approve ID` and `members reject ID`: the people who said who they
are and wait for KL (the same decision as the buttons in Slack, with the same DM)."""
from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.telling import services_that_tell, told
from bot.config import load_settings
from bot.danish import count
from bot.members.approval import DECISION_WORDS
from bot.members.directory import MemberInfo
from bot.members.importer import COLUMNS, import_members
from bot.services import Services
from bot.staffdesk.audit import COMMAND_LINE
from bot.storage.models.members import Approval


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
    actions.add_parser("pending", help="vis dem, der venter på godkendelse").set_defaults(handler=_pending)
    for name, approve, text in (("approve", True, "godkend"), ("reject", False, "afvis")):
        decide = actions.add_parser(name, help=f"{text} en, der venter (personen får besked i Slack)")
        decide.add_argument("slack_id", metavar="SLACK_ID")
        decide.set_defaults(handler=_decide, approve=approve)


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
    if member.approval is not Approval.APPROVED:
        parts.append("venter på godkendelse" if member.approval is Approval.PENDING else "afvist")
    return f"{member.slack_user_id:<12} " + " · ".join(parts)


def _list(_args: argparse.Namespace) -> int:
    members = Services.build(load_settings()).directory.list()
    if not members:
        print("Medlemslisten er tom. Indlæs den med: borgmesterbot members import FIL.csv")
        return 0
    for member in members:
        print(_line(member))
    print(f"{count(len(members), 'medlem', 'medlemmer')}.")
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
    done = Services.build(load_settings()).forget(args.slack_id)
    print(
        f"{args.slack_id} er glemt: {count(sum(done.deleted.values()), 'række', 'rækker')} slettet, "
        f"{sum(done.blanked.values())} anonymiseret (antal bevares)."
    )
    return 0


def _pending(_args: argparse.Namespace) -> int:
    claims = Services.build(load_settings()).approvals.pending()
    if not claims:
        print("Ingen venter på godkendelse.")
        return 0
    for claim in claims:
        note = f" · {claim.member.municipality} har allerede {claim.sitting_mayor}" if claim.sitting_mayor else ""
        print(_line(claim.member) + note)
    print(f"{len(claims)} venter. Godkend med: borgmesterbot members approve SLACK_ID, afvis med: borgmesterbot members reject SLACK_ID.")
    return 0


def _decide(args: argparse.Namespace) -> int:
    services = services_that_tell()
    decision = services.approvals.decide(args.slack_id.strip(), approve=args.approve, by=COMMAND_LINE)
    services.desk.drain()
    word = DECISION_WORDS[Approval.APPROVED if decision.approved else Approval.REJECTED]
    print(f"{decision.member.name} ({decision.member.slack_user_id}) er {word} og {told(services)}.")
    return 0

"""The directory from a CSV file that KL keeps (often saved from Excel).

Every row is checked before anything is written, and the file is applied in one transaction, so
a bad row leaves the directory exactly as it was and the report names every bad line. Importing
the same file twice changes nothing: members are matched on their Slack user id.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.errors import UserError
from bot.members.municipalities import find_municipality
from bot.storage.db import Database
from bot.storage.models.members import Approval, Member, Network, Role
from bot.text import clean

COLUMNS = {
    "slack_id": ("slack_id", "slack_user_id", "slack-id", "slack"),
    "navn": ("navn", "name"),
    "kommune": ("kommune", "municipality"),
    "rolle": ("rolle", "role"),
    "nyvalgt": ("nyvalgt", "first_term"),
    "netværk": ("netværk", "netvaerk", "networks"),
    "sekretariat_for": ("sekretariat_for", "acts_for"),
}
REQUIRED = ("slack_id", "navn", "rolle")
ROLES = {
    "borgmester": Role.MAYOR,
    "mayor": Role.MAYOR,
    "sekretariat": Role.SECRETARIAT,
    "borgmestersekretariat": Role.SECRETARIAT,
    "secretariat": Role.SECRETARIAT,
    "medarbejder": Role.STAFF,
    "kl-medarbejder": Role.STAFF,
    "kl": Role.STAFF,
    "staff": Role.STAFF,
}
YES = {"ja", "j", "x", "1", "sand", "true", "yes"}
NO = {"", "nej", "n", "0", "falsk", "false", "no"}
SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,31}$")
# The columns' sizes (members.name, networks.name): longer is refused here, with its line, not
# by PostgreSQL with a traceback.
MAX_NAME = 200
MAX_NETWORK_NAME = 200


class MemberImportError(UserError):
    """The file was refused as a whole; ``problems`` holds one Danish line per bad row."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Importen er afvist, og intet er ændret:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class MemberRow:
    """``networks`` and ``acts_for`` are None when the file has no such column: then the
    directory keeps what it knows, while an empty cell clears it."""

    line: int
    slack_user_id: str
    name: str
    municipality: str | None
    role: Role
    first_term: bool
    networks: tuple[str, ...] | None
    acts_for: str | None


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} oprettet, {self.updated} opdateret, {self.unchanged} uændret."


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without Excel's byte-order mark), else Windows-1252, which is what a
    Danish Excel writes when told to save as plain CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _header_map(fieldnames: list[str]) -> tuple[dict[str, str], list[str]]:
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    mapping: dict[str, str] = {}
    problems = []
    for name in fieldnames:
        column = aliases.get(name.strip().casefold())
        if column is None:
            problems.append(f"linje 1: ukendt kolonne '{name.strip()}'. Kolonnerne er: {', '.join(COLUMNS)}.")
        else:
            mapping[name] = column
    missing = [column for column in REQUIRED if column not in mapping.values()]
    if missing:
        problems.append(f"linje 1: kolonnen {', '.join(repr(m) for m in missing)} mangler.")
    return mapping, problems


def _row(line: int, values: dict[str, str], list_separators: str) -> tuple[MemberRow | None, list[str]]:
    problems = []
    slack_id = values.get("slack_id", "")
    if not SLACK_USER_ID.match(slack_id):
        problems.append(f"Slack-id '{slack_id[:40]}' er ugyldigt (fx U012ABC; se profilen i Slack → Kopiér medlems-id)")
    name = " ".join(values.get("navn", "").split())
    if not name:
        problems.append("navn mangler")
    elif len(name) > MAX_NAME:
        problems.append(f"navnet er længere end {MAX_NAME} tegn")
    role = ROLES.get(values.get("rolle", "").casefold())
    if role is None:
        problems.append(f"rolle '{values.get('rolle', '')}' er ukendt (brug borgmester, sekretariat eller medarbejder)")
    municipality = None
    if values.get("kommune"):
        municipality = find_municipality(values["kommune"])
        if municipality is None:
            problems.append(f"kommunen '{values['kommune']}' findes ikke blandt de 98 kommuner")
    elif role in (Role.MAYOR, Role.SECRETARIAT):
        problems.append("kommune mangler")
    first_term_text = values.get("nyvalgt", "").casefold()
    if first_term_text not in YES | NO:
        problems.append(f"nyvalgt skal være ja eller nej, ikke '{values['nyvalgt']}'")
    acts_for = values.get("sekretariat_for")
    if acts_for and role is not Role.SECRETARIAT:
        problems.append("kun et sekretariat kan være knyttet til en borgmester (sekretariat_for)")
    if acts_for and acts_for == slack_id:
        problems.append("et sekretariat kan ikke være knyttet til sig selv")
    if acts_for and not SLACK_USER_ID.match(acts_for):
        problems.append(f"sekretariat_for '{acts_for[:40]}' er ikke et gyldigt Slack-id (fx U012ABC)")
    networks = None
    if "netværk" in values:
        parts = re.split(f"[{re.escape(list_separators)}]", values["netværk"])
        networks = tuple(sorted({" ".join(part.split()) for part in parts if part.strip()}))
        too_long = [n for n in networks if len(n) > MAX_NETWORK_NAME]
        if too_long:
            problems.append(f"netværket '{too_long[0][:40]}…' har et navn på over {MAX_NETWORK_NAME} tegn")
    if problems:
        return None, [f"linje {line}: {problem}." for problem in problems]
    assert role is not None
    return MemberRow(line, slack_id, name, municipality, role, first_term_text in YES, networks, acts_for), []


def read_rows(text: str) -> list[MemberRow]:
    """Parse and check the whole file; raise MemberImportError naming every bad line."""
    if not text.strip():
        raise MemberImportError(["filen er tom. Første linje skal være kolonnenavnene, fx slack_id;navn;kommune;rolle."])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    list_separators = "|" + ("," if delimiter == ";" else ";")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    mapping, problems = _header_map(list(reader.fieldnames or []))
    if problems:
        raise MemberImportError(problems)
    rows: list[MemberRow] = []
    first_seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        if None in raw:
            problems.append(f"linje {line}: der er flere felter end kolonner; står der et '{delimiter}' i et navn, så sæt navnet i anførselstegn.")
            continue
        values = {mapping[key]: clean(value or "").strip() for key, value in raw.items()}
        if not any(values.values()):
            continue
        row, row_problems = _row(line, values, list_separators)
        problems.extend(row_problems)
        if row is None:
            continue
        if row.slack_user_id in first_seen:
            problems.append(f"linje {line}: Slack-id {row.slack_user_id} står også i linje {first_seen[row.slack_user_id]}.")
            continue
        first_seen[row.slack_user_id] = line
        rows.append(row)
    if problems:
        raise MemberImportError(problems)
    return rows


def _networks(session: Session, rows: list[MemberRow]) -> dict[str, Network]:
    wanted = {name for row in rows for name in row.networks or ()}
    known = {network.name: network for network in session.scalars(select(Network))}
    for name in sorted(wanted - known.keys()):
        known[name] = Network(name=name)
        session.add(known[name])
    return known


def _apply(session: Session, rows: list[MemberRow]) -> ImportReport:
    members = {m.slack_user_id: m for m in session.scalars(select(Member).options(selectinload(Member.networks)))}
    networks = _networks(session, rows)
    new_ids: set[str] = set()
    touched: set[str] = set()
    for row in rows:
        member = members.get(row.slack_user_id)
        if member is None:
            member = Member(slack_user_id=row.slack_user_id, name=row.name, role=row.role, networks=[])
            members[row.slack_user_id] = member
            session.add(member)
            new_ids.add(row.slack_user_id)
        # The file is KL's word: a person waiting for approval is approved by being in it.
        fields = {"name": row.name, "municipality": row.municipality, "role": row.role, "first_term": row.first_term,
                  "approval": Approval.APPROVED}
        changed = any(getattr(member, key) != value for key, value in fields.items())
        for key, value in fields.items():
            setattr(member, key, value)
        if row.networks is not None and sorted(n.name for n in member.networks) != list(row.networks):
            member.networks = [networks[name] for name in row.networks]
            changed = True
        if changed:
            touched.add(row.slack_user_id)
    session.flush()
    problems = []
    for row in rows:
        if row.acts_for is None:
            continue
        member = members[row.slack_user_id]
        mayor = members.get(row.acts_for) if row.acts_for else None
        if row.acts_for and (mayor is None or mayor.role is not Role.MAYOR):
            problems.append(f"linje {row.line}: sekretariat_for '{row.acts_for}' er ikke en borgmester i filen eller i medlemslisten.")
            continue
        target = mayor.id if mayor else None
        if member.acts_for_id != target:
            member.acts_for_id = target
            touched.add(row.slack_user_id)
    if problems:
        raise MemberImportError(problems)
    updated = len(touched - new_ids)
    return ImportReport(created=len(new_ids), updated=updated, unchanged=len(rows) - len(new_ids) - updated)


def import_members(db: Database, path: Path) -> ImportReport:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MemberImportError([f"filen {path} findes ikke."]) from None
    except IsADirectoryError:
        raise MemberImportError([f"{path} er en mappe, ikke en CSV-fil."]) from None
    rows = read_rows(_decode(raw))
    with db.session() as session:
        return _apply(session, rows)

"""Personal data on request (GDPR articles 15 and 17): everything the bot holds about one person
as JSON, and forgetting them, in one transaction.

Every column that can name a person is handled here, by table and column: a foreign key to
``members.id`` or a Slack user id. ``person_columns`` finds them in the metadata by what they
are (a foreign key to members, or a name like ``user_id``, ``author_id`` or ``..._by``), and
forgetting refuses to start while one is not in ``HANDLING``, so a table added later cannot keep
someone by being forgotten here (a test checks the same). For each column the row is deleted
(it is about the person: an enrolment, a logged question), the reference blanked (the row is
about something else the person did: a broadcast they wrote, a meeting they host), or, where the
row is one of a count (a broadcast's recipients, its "Læst" clicks), the person replaced by a
pseudonym that names nobody, so the counts stay true. The member row goes last.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Column, ColumnElement, MetaData, String, Table, cast, delete, literal, select, update

import bot.storage.models  # noqa: F401  (registers every table on Base.metadata)
from bot.errors import UserError
from bot.storage.base import Base
from bot.storage.db import Database, rowcount
from bot.storage.models.enrolment import SEAT_HOLDING, Enrolment
from bot.storage.models.members import Member

log = logging.getLogger(__name__)

ANONYMOUS = "slettet"
"""What a required author or actor column says once its person is forgotten."""

_SLACK_ID_NAME = re.compile(
    r"(^|_)(user|author|actor|recipient|staff|owner|assignee|requester|slack_user|slack)(_ids?|_name)?$|_by(_id|_name)?$"
)


class Refers(Enum):
    MEMBER = "member"
    """A foreign key to members.id."""
    SLACK_ID = "slack_id"
    """The person's Slack user id."""
    SLACK_ID_INSIDE = "slack_id_inside"
    """A key with the Slack user id as one of its ':'-separated parts (handled_events)."""
    NOBODY = "nobody"
    """Looks like a person by its name but is not one (a worker's name)."""


class Action(Enum):
    DELETE_ROW = "delete_row"
    BLANK = "blank"
    """NULL, or ANONYMOUS where the column is required."""
    PSEUDONYMISE = "pseudonymise"
    """ANONYMOUS and the row's id, where the column is part of a unique key (one recipient of a
    broadcast): the row still counts (delivered, read) but names nobody."""
    NONE = "none"


@dataclass(frozen=True)
class Handling:
    refers: Refers
    action: Action
    details: tuple[str, ...] = ()
    """Columns cleared with it (the DM channel and message of a delivery, the person's name next
    to their id): NULL, or ANONYMOUS where required."""


def pseudonym(table: Table) -> ColumnElement[str]:
    return literal(f"{ANONYMOUS}:") + cast(table.c.id, String)


HANDLING: dict[tuple[str, str], Handling] = {
    ("members", "acts_for_id"): Handling(Refers.MEMBER, Action.BLANK),
    ("network_members", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("enrolments", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("enrolments", "enrolled_by_id"): Handling(Refers.MEMBER, Action.BLANK),
    ("offer_requests", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("offer_requests", "requested_by_id"): Handling(Refers.MEMBER, Action.BLANK),
    ("meetings", "host_member_id"): Handling(Refers.MEMBER, Action.BLANK),
    ("meetings", "created_by"): Handling(Refers.SLACK_ID, Action.BLANK),
    ("hotline_opt_outs", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("reminder_deliveries", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("reminder_deliveries", "claimed_by"): Handling(Refers.NOBODY, Action.NONE),
    ("reminder_settings", "updated_by"): Handling(Refers.SLACK_ID, Action.BLANK),
    ("question_log", "user_id"): Handling(Refers.SLACK_ID, Action.DELETE_ROW),
    ("handled_events", "key"): Handling(Refers.SLACK_ID_INSIDE, Action.DELETE_ROW),
    ("broadcasts", "author_id"): Handling(Refers.SLACK_ID, Action.BLANK),
    ("broadcasts", "approved_by"): Handling(Refers.SLACK_ID, Action.BLANK),
    ("broadcast_outbox", "recipient_id"): Handling(Refers.SLACK_ID, Action.PSEUDONYMISE, ("channel", "ts", "last_error")),
    ("broadcast_outbox", "claimed_by"): Handling(Refers.NOBODY, Action.NONE),
    ("broadcast_acks", "user_id"): Handling(Refers.SLACK_ID, Action.PSEUDONYMISE),
    ("broadcast_audit", "actor_id"): Handling(Refers.SLACK_ID, Action.BLANK),
    ("catalogue_versions", "author_id"): Handling(Refers.SLACK_ID, Action.BLANK, ("author_name",)),
    ("offer_confirmations", "confirmed_by_id"): Handling(Refers.SLACK_ID, Action.BLANK, ("confirmed_by_name",)),
    ("host_turns", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("praktik_opt_ins", "member_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    # A praktik pairing is about everyone in it; it goes (the others keep their own rows).
    ("praktik_pairs", "first_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("praktik_pairs", "second_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("praktik_pairs", "third_id"): Handling(Refers.MEMBER, Action.DELETE_ROW),
    ("praktik_rounds", "sent_by"): Handling(Refers.SLACK_ID, Action.BLANK),
    ("audit_log", "actor_id"): Handling(Refers.SLACK_ID, Action.PSEUDONYMISE, ("actor_name",)),
    ("work_items", "asker_id"): Handling(Refers.SLACK_ID, Action.DELETE_ROW),
    ("work_items", "assignee_id"): Handling(Refers.SLACK_ID, Action.BLANK, ("assignee_name", "answered_by", "closed_by")),
    # Last: once nothing points to the member row any more.
    ("members", "slack_user_id"): Handling(Refers.SLACK_ID, Action.DELETE_ROW),
}


def person_columns(metadata: MetaData = Base.metadata) -> set[tuple[str, str]]:
    """Every column that may name a person, found by what it is rather than listed by hand."""
    found = set()
    for table in metadata.sorted_tables:
        for column in table.columns:
            to_member = any(fk.column.table.name == Member.__tablename__ and fk.column.name == "id" for fk in column.foreign_keys)
            slack_id = isinstance(column.type, String) and bool(_SLACK_ID_NAME.search(column.name))
            if to_member or slack_id:
                found.add((table.name, column.name))
    return found


def handled() -> set[tuple[str, str]]:
    """Every column HANDLING deals with, its details included."""
    return set(HANDLING) | {(table, detail) for (table, _), handling in HANDLING.items() for detail in handling.details}


def unhandled(metadata: MetaData = Base.metadata) -> set[tuple[str, str]]:
    return person_columns(metadata) - handled()


class UnknownPerson(UserError):
    """No member has that Slack id and no row names it."""

    def __init__(self, slack_id: str) -> None:
        super().__init__(f"Botten har ingen oplysninger om {slack_id}: tjek Slack-id'et (fx U012ABC).")


@dataclass(frozen=True)
class Forgotten:
    deleted: dict[str, int]
    blanked: dict[str, int]
    freed_sessions: tuple[int, ...] = ()
    """Sessions where the person held a seat: the caller offers them to the waitlist."""


def _matches(table: Table, column: Column[Any], handling: Handling, slack_id: str, member_id: int | None) -> ColumnElement[bool] | None:
    if handling.refers is Refers.MEMBER:
        return None if member_id is None else column == member_id
    if handling.refers is Refers.SLACK_ID:
        return column == slack_id
    if handling.refers is Refers.SLACK_ID_INSIDE:
        return column.contains(f":{slack_id}:", autoescape=True) | column.endswith(f":{slack_id}", autoescape=True)
    return None


def _person_entries() -> Iterator[tuple[Table, Column[Any], Handling]]:
    missing = unhandled()
    if missing:
        raise RuntimeError(f"personal-data columns with no GDPR handling: {sorted(missing)}")
    tables = Base.metadata.tables
    for (table_name, column_name), handling in HANDLING.items():
        if handling.action is not Action.NONE and table_name in tables:
            table = tables[table_name]
            yield table, table.c[column_name], handling


def _json(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def export(db: Database, slack_id: str) -> dict[str, Any]:
    """Every row that names the person, by table; raises UnknownPerson when there is none."""
    members = Base.metadata.tables[Member.__tablename__]
    with db.session() as session:
        member_id = session.scalar(select(members.c.id).where(members.c.slack_user_id == slack_id))
        found: dict[str, dict[Any, dict[str, Any]]] = {}
        for table, column, handling in _person_entries():
            condition = _matches(table, column, handling, slack_id, member_id)
            if condition is None:
                continue
            for row in session.execute(select(table).where(condition)).mappings():
                key = tuple(row[c.name] for c in table.primary_key.columns)
                found.setdefault(table.name, {})[key] = {k: _json(v) for k, v in row.items()}
    if not found:
        raise UnknownPerson(slack_id)
    return {"slack_id": slack_id, "tables": {name: list(rows.values()) for name, rows in sorted(found.items())}}


def forget(db: Database, slack_id: str) -> Forgotten:
    """Delete, blank or pseudonymise every reference to the person, the member row last, in one
    transaction."""
    members = Base.metadata.tables[Member.__tablename__]
    deleted: dict[str, int] = {}
    blanked: dict[str, int] = {}
    with db.session() as session:
        member_id = session.scalar(select(members.c.id).where(members.c.slack_user_id == slack_id))
        freed = tuple(session.scalars(
            select(Enrolment.session_id).where(Enrolment.member_id == member_id, Enrolment.status.in_(SEAT_HOLDING)).distinct()
        ))
        for table, column, handling in _person_entries():
            condition = _matches(table, column, handling, slack_id, member_id)
            if condition is None:
                continue
            if handling.action is Action.DELETE_ROW:
                count = rowcount(session.execute(delete(table).where(condition)))
                if count:
                    deleted[table.name] = deleted.get(table.name, 0) + count
            else:
                if handling.action is Action.PSEUDONYMISE:
                    value: Any = pseudonym(table)
                else:
                    value = None if column.nullable else ANONYMOUS
                details = {name: None if table.c[name].nullable else ANONYMOUS for name in handling.details}
                cleared = {column.name: value, **details}
                count = rowcount(session.execute(
                    update(table).where(condition).values(cleared).execution_options(synchronize_session=False)
                ))
                if count:
                    blanked[f"{table.name}.{column.name}"] = count
        if not deleted and not blanked:
            raise UnknownPerson(slack_id)
    log.info("GDPR: forgot Slack user %s: deleted %s, blanked %s", slack_id, deleted, blanked)
    return Forgotten(deleted, blanked, freed)

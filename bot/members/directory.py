"""The member directory as the rest of the bot sees it: who a Slack user is, for whom they act,
and self-registration for a Slack user the import did not know.

Results are plain frozen values, so adapters never hold an ORM object outside its transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.errors import UserError
from bot.members.municipalities import find_municipality
from bot.storage.db import Database
from bot.storage.models.members import Approval, Member, Role

ROLE_NAMES = {Role.MAYOR: "borgmester", Role.STAFF: "KL-medarbejder", Role.SECRETARIAT: "sekretariat"}
SELF_REGISTERED_ROLES = (Role.MAYOR, Role.SECRETARIAT)
SELF_REGISTRATION_ONLY = "Du kan kun registrere dig som borgmester eller sekretariat. KL-medarbejdere oprettes af KL."


class DirectoryError(UserError):
    """Bad input for the directory; the message is Danish and says what to do instead."""


@dataclass(frozen=True)
class MemberInfo:
    id: int
    slack_user_id: str
    name: str
    municipality: str | None
    role: Role
    first_term: bool
    acts_for_id: int | None = None
    acts_for_name: str | None = None
    networks: tuple[str, ...] = ()
    approval: Approval = Approval.APPROVED

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]


def member_info(member: Member) -> MemberInfo:
    return MemberInfo(
        id=member.id,
        slack_user_id=member.slack_user_id,
        name=member.name,
        municipality=member.municipality,
        role=member.role,
        first_term=member.first_term,
        acts_for_id=member.acts_for_id,
        acts_for_name=member.acts_for.name if member.acts_for else None,
        networks=tuple(sorted(network.name for network in member.networks)),
        approval=member.approval,
    )


def _with_links() -> tuple[Any, ...]:
    return (selectinload(Member.acts_for), selectinload(Member.networks))


def member_by_slack_id(session: Session, slack_user_id: str) -> Member | None:
    return session.scalar(select(Member).where(Member.slack_user_id == slack_user_id).options(*_with_links()))


class Directory:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, slack_user_id: str) -> MemberInfo | None:
        with self._db.session() as session:
            member = member_by_slack_id(session, slack_user_id)
            return member_info(member) if member else None

    def list(self) -> list[MemberInfo]:
        with self._db.session() as session:
            members = session.scalars(select(Member).options(*_with_links()))
            infos = [member_info(member) for member in members]
        return sorted(infos, key=lambda m: (m.municipality or "", m.role != Role.MAYOR, m.name))

    def register(
        self, slack_user_id: str, name: str, municipality: str, role: Role = Role.MAYOR, first_term: bool = False,
        *, approved: bool = False,
    ) -> MemberInfo:
        """Add a Slack user who says who they are, as *pending* until KL staff approve the claim
        (bot.members.approval): saying so makes nobody a mayor. Someone already in the directory
        keeps what the import says (a second answer never overwrites it), and nobody can make
        themselves staff this way: staff rights come from configuration or the import only.
        ``approved`` is for the console chat, run by the operator on their own database."""
        if role not in SELF_REGISTERED_ROLES:
            raise DirectoryError(SELF_REGISTRATION_ONLY)
        official = find_municipality(municipality)
        if official is None:
            raise DirectoryError(
                f"Jeg kender ikke kommunen '{municipality.strip()[:100]}'. Skriv kommunens navn, fx 'Aarhus' eller 'Lyngby-Taarbæk'."
            )
        clean_name = " ".join(name.split())[:200] or slack_user_id
        try:
            with self._db.session() as session:
                existing = member_by_slack_id(session, slack_user_id)
                if existing is not None:
                    return member_info(existing)
                member = Member(
                    slack_user_id=slack_user_id, name=clean_name, municipality=official, role=role, first_term=first_term,
                    approval=Approval.APPROVED if approved else Approval.PENDING,
                )
                session.add(member)
                session.flush()
                return member_info(member)
        except IntegrityError:
            registered = self.get(slack_user_id)
            if registered is None:
                raise
            return registered

"""Staff's administration of the borgmesternetværk: create a network, add and remove members."""
from __future__ import annotations

import builtins
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.reminders.errors import ReminderError
from bot.reminders.people import Person, find_member, person
from bot.staffdesk.audit import COMMAND_LINE, Action, AuditLog
from bot.storage.db import Database
from bot.storage.models.members import Approval, Member, Network, NetworkMember

MAX_NAME = 200


@dataclass(frozen=True)
class NetworkInfo:
    id: int
    name: str
    members: tuple[Person, ...]


def network_info(network: Network) -> NetworkInfo:
    members = sorted((person(m) for m in network.members), key=lambda p: (p.municipality or "", p.name))
    return NetworkInfo(network.id, network.name, tuple(members))


def find_network(session: Session, name_or_id: str | int) -> Network:
    query = select(Network).options(selectinload(Network.members))
    if isinstance(name_or_id, int) or str(name_or_id).strip().isdigit():
        network = session.scalar(query.where(Network.id == int(name_or_id)))
    else:
        wanted = " ".join(str(name_or_id).split()).casefold()
        network = next((n for n in session.scalars(query) if n.name.casefold() == wanted), None)
    if network is None:
        raise ReminderError(f"Netværket '{str(name_or_id)[:60]}' findes ikke. Tjek navnet mod listen over netværk.")
    return network


class Networks:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[NetworkInfo]:
        with self._db.session() as session:
            networks = session.scalars(select(Network).options(selectinload(Network.members)).order_by(Network.name))
            return [network_info(n) for n in networks]

    def get(self, name_or_id: str | int) -> NetworkInfo:
        with self._db.session() as session:
            return network_info(find_network(session, name_or_id))

    def of_member(self, slack_user_id: str) -> builtins.list[NetworkInfo]:
        with self._db.session() as session:
            member = session.scalar(
                select(Member).where(Member.slack_user_id == slack_user_id).options(selectinload(Member.networks).selectinload(Network.members))
            )
            return [network_info(n) for n in sorted(member.networks, key=lambda n: n.name)] if member else []

    def create(self, name: str, by: str = COMMAND_LINE) -> NetworkInfo:
        clean = " ".join(name.split())
        if not clean or len(clean) > MAX_NAME:
            raise ReminderError(f"Giv netværket et navn på 1-{MAX_NAME} tegn, fx 'Netværk Midt'.", "name")
        try:
            with self._db.session() as session:
                if any(n.casefold() == clean.casefold() for n in session.scalars(select(Network.name))):
                    raise ReminderError(f"Der findes allerede et netværk, der hedder '{clean}'.", "name")
                network = Network(name=clean)
                session.add(network)
                session.flush()
                AuditLog.add(session, by, Action.NETWORK_CHANGED, network.name, "oprettet")
                return NetworkInfo(network.id, network.name, ())
        except IntegrityError:
            raise ReminderError(f"Der findes allerede et netværk, der hedder '{clean}'.", "name") from None

    def add_member(self, network: str | int, who: str, by: str = COMMAND_LINE) -> NetworkInfo:
        """Adding someone who is already a member changes nothing (a repeated click is harmless)."""
        try:
            with self._db.session() as session:
                found = find_network(session, network)
                member = find_member(session, who)
                if member not in found.members:
                    session.add(NetworkMember(network_id=found.id, member_id=member.id))
                    AuditLog.add(session, by, Action.NETWORK_CHANGED, found.name, f"tilføjet: {person(member).label}")
                    session.flush()
                    session.expire(found, ["members"])
                return network_info(found)
        except IntegrityError:
            return self.get(network)

    def set_members(self, network: str | int, slack_user_ids: builtins.list[str], by: str = COMMAND_LINE) -> NetworkInfo:
        """Make the network's members exactly these (the staff form shows the current members
        and sends back the edited list). Someone not in the directory is refused by name."""
        wanted = set(slack_user_ids)
        with self._db.session() as session:
            found = find_network(session, network)
            members = list(session.scalars(select(Member).where(Member.slack_user_id.in_(wanted))))
            unknown = wanted - {m.slack_user_id for m in members}
            if unknown:
                names = ", ".join(sorted(unknown))
                raise ReminderError(f"Ikke i medlemslisten: {names}. Tilføj dem til medlemslisten først.", "members")
            waiting = sorted(m.name for m in members if m.approval is not Approval.APPROVED)
            if waiting:
                raise ReminderError(
                    f"{', '.join(waiting)} venter på godkendelse af KL og kan ikke komme i et netværk endnu.", "members"
                )
            keep = {m.id for m in members}
            removed = [m for m in found.members if m.id not in keep]
            for link in session.scalars(select(NetworkMember).where(NetworkMember.network_id == found.id)):
                if link.member_id not in keep:
                    session.delete(link)
                keep.discard(link.member_id)
            session.add_all(NetworkMember(network_id=found.id, member_id=member_id) for member_id in keep)
            changes = [f"tilføjet: {person(m).label}" for m in members if m.id in keep] + [f"fjernet: {person(m).label}" for m in removed]
            if changes:
                AuditLog.add(session, by, Action.NETWORK_CHANGED, found.name, "; ".join(changes))
            session.flush()
            session.expire(found, ["members"])
            return network_info(found)

    def remove_member(self, network: str | int, who: str, by: str = COMMAND_LINE) -> NetworkInfo:
        with self._db.session() as session:
            found = find_network(session, network)
            member = find_member(session, who)
            link = session.scalar(
                select(NetworkMember).where(NetworkMember.network_id == found.id, NetworkMember.member_id == member.id)
            )
            if link is None:
                raise ReminderError(f"{person(member).label} er ikke med i {found.name}.")
            session.delete(link)
            AuditLog.add(session, by, Action.NETWORK_CHANGED, found.name, f"fjernet: {person(member).label}")
            session.flush()
            session.expire(found, ["members"])
            return network_info(found)

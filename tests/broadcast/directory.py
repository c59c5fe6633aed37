"""A small directory for broadcast tests: mayors across municipalities, new mayors, staff, a
network, a session with enrolled and waitlisted mayors, and a mentor request. The expected
segment sizes are computed from the same rows, so a count is checked, not copied."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from bot.members.municipalities import municipality_names
from bot.storage.db import Database
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferRequest, OfferSession, RequestKind
from bot.storage.models.members import Member, Network, NetworkMember, Role

STAFF = "U0STAFF"
SECOND_STAFF = "U0STAFF2"
SESSION_START = datetime(2027, 3, 12, 9, 0, tzinfo=timezone.utc)


def mayor_id(n: int) -> str:
    return f"U0M{n:05d}"


@dataclass
class Seeded:
    mayors: list[str] = field(default_factory=list)
    first_term: list[str] = field(default_factory=list)
    by_municipality: dict[str, list[str]] = field(default_factory=dict)
    network_id: int = 0
    network_members: list[str] = field(default_factory=list)
    session_id: int = 0
    in_session: list[str] = field(default_factory=list)
    mentor_requests: list[str] = field(default_factory=list)


def seed(db: Database, mayors: int = 98) -> Seeded:
    """One mayor per municipality (cycling when there are more), every third in their first term."""
    names = municipality_names()
    seeded = Seeded()
    with db.session() as session:
        members = []
        for n in range(mayors):
            municipality = names[n % len(names)]
            member = Member(slack_user_id=mayor_id(n), name=f"Borgmester {n}", municipality=municipality,
                            role=Role.MAYOR, first_term=n % 3 == 0)
            members.append(member)
            seeded.mayors.append(member.slack_user_id)
            seeded.by_municipality.setdefault(municipality, []).append(member.slack_user_id)
            if member.first_term:
                seeded.first_term.append(member.slack_user_id)
        session.add_all(members)
        session.add(Member(slack_user_id=STAFF, name="Kirsten KL", role=Role.STAFF))
        session.add(Member(slack_user_id="U0SEKR", name="Sekretariat", role=Role.SECRETARIAT, municipality=names[0]))
        network = Network(name="Nordjyske borgmestre")
        offer_session = OfferSession(offer_id="modeledelse", starts_at=SESSION_START, ends_at=SESSION_START + timedelta(hours=3),
                                     capacity=3, place="KL-huset")
        session.add_all([network, offer_session])
        session.flush()
        seeded.network_id, seeded.session_id = network.id, offer_session.id
        for member in members[:5]:
            session.add(NetworkMember(network_id=network.id, member_id=member.id))
            seeded.network_members.append(member.slack_user_id)
        statuses = [EnrolmentStatus.ENROLLED] * 3 + [EnrolmentStatus.WAITLISTED, EnrolmentStatus.WITHDRAWN]
        for queue_no, (member, status) in enumerate(zip(members[10:15], statuses), start=1):
            session.add(Enrolment(session_id=offer_session.id, member_id=member.id, status=status, queue_no=queue_no))
            if status is not EnrolmentStatus.WITHDRAWN:
                seeded.in_session.append(member.slack_user_id)
        for member in members[20:22]:
            session.add(OfferRequest(offer_id="mentorordning", kind=RequestKind.REQUEST, member_id=member.id))
            seeded.mentor_requests.append(member.slack_user_id)
    return seeded

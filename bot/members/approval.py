"""Nobody becomes a mayor by saying so: a Slack user who tells the bot who they are ("Hvem er
du?") is *pending* until KL staff approve or reject the claim, in Slack or from the CLI.

Until then they can ask questions and read the catalogue, but they are nobody's mayor: not in
broadcasts, reminders, networks or welcome DMs, and they cannot enrol (so no "kun nyvalgte" seat
on a self-declared "nyvalgt"). The decision is told to the person in a DM. The notice for staff is
built here; who receives it is the adapter's business.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalogue.schema import Contact
from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.errors import UserError
from bot.members.directory import MemberInfo, member_by_slack_id, member_info
from bot.notify import Letter, Notice, NoticeButton, Postman
from bot.storage.db import Database
from bot.storage.models.members import Approval, Member, Role, is_mayor

APPROVE_ACTION = "member_approve"
REJECT_ACTION = "member_reject"
DECISION_WORDS = {Approval.APPROVED: "godkendt", Approval.REJECTED: "afvist"}


class ApprovalError(UserError):
    """A decision that cannot be made (nobody waiting by that id, or decided already)."""


@dataclass(frozen=True)
class Claim:
    """A pending person and, when they claim to be a mayor, the approved mayor the directory
    already has for that municipality (the claim then says so)."""

    member: MemberInfo
    sitting_mayor: str | None


@dataclass(frozen=True)
class Decision:
    member: MemberInfo
    approved: bool
    by: str


class Approvals:
    def __init__(self, db: Database, postman: Postman, catalogue: CatalogueStore) -> None:
        self._db = db
        self._postman = postman
        self._catalogue = catalogue

    def pending(self) -> list[Claim]:
        with self._db.session() as session:
            waiting = session.scalars(select(Member).where(Member.approval == Approval.PENDING).order_by(Member.created_at))
            return [_claim(session, member) for member in waiting]

    def claim(self, slack_user_id: str) -> Claim | None:
        """The claim of a pending person; None when they are not pending."""
        with self._db.session() as session:
            member = member_by_slack_id(session, slack_user_id)
            return _claim(session, member) if member and member.approval is Approval.PENDING else None

    def decide(self, slack_user_id: str, *, approve: bool, by: str) -> Decision:
        """Approve or reject once; the person is told in a DM. Approval counts as joining the
        directory (``created_at``), so the welcome DM and the reminders start from then."""
        with self._db.session() as session:
            member = member_by_slack_id(session, slack_user_id)
            if member is None:
                raise ApprovalError(f"Ingen med Slack-id {slack_user_id[:40]} venter på godkendelse.")
            if member.approval is not Approval.PENDING:
                raise ApprovalError(f"{member.name} er allerede {DECISION_WORDS[member.approval]}.")
            member.approval = Approval.APPROVED if approve else Approval.REJECTED
            if approve:
                member.created_at = utcnow()
            session.flush()
            decided = member_info(member)
        self._postman.deliver([Letter(slack_user_id, outcome_notice(decided, approve, self._catalogue.current.contact))])
        return Decision(decided, approve, by)


def _claim(session: Session, member: Member) -> Claim:
    sitting = None
    if member.role is Role.MAYOR and member.municipality:
        sitting = session.scalar(
            select(Member.name).where(is_mayor(), Member.municipality == member.municipality, Member.id != member.id)
        )
    return Claim(member_info(member), sitting)


def _claimed_role(member: MemberInfo) -> str:
    return f"{member.role_name} i {member.municipality}" if member.municipality else member.role_name


def claim_notice(claim: Claim) -> Notice:
    """For staff: who, what they claim (a claimed "nyvalgt" is marked as their own word), whether
    the municipality has a mayor already, and the two buttons (the CLI line too)."""
    member = claim.member
    facts: list[tuple[str, str]] = [("Navn", member.name), ("Siger at være", _claimed_role(member))]
    if member.first_term:
        facts.append(("Nyvalgt", "ja, efter eget udsagn"))
    if claim.sitting_mayor:
        facts.append(("Bemærk", f"{member.municipality} har allerede en borgmester i medlemslisten: {claim.sitting_mayor}"))
    value = member.slack_user_id
    return Notice(
        title="Ny bruger venter på godkendelse",
        text=(
            f"{member.name} ({member.slack_user_id}) har selv oplyst at være {_claimed_role(member)}. Indtil I godkender, "
            f"får personen ingen udsendelser eller påmindelser og kan ikke tilmelde sig. "
            f"Fra kommandolinjen: borgmesterbot members approve {value} (eller reject)."
        ),
        facts=tuple(facts),
        buttons=(NoticeButton("Godkend", APPROVE_ACTION, value=value, primary=True), NoticeButton("Afvis", REJECT_ACTION, value=value)),
    )


def outcome_notice(member: MemberInfo, approved: bool, contact: Contact) -> Notice:
    if approved:
        return Notice(
            title="Du er godkendt",
            text=f"KL har bekræftet, at du er {_claimed_role(member)}. Nu kan du tilmelde dig KL's tilbud, fx med /tilmeld.",
        )
    return Notice(
        title="Din registrering er ikke godkendt",
        text=(
            f"KL kunne ikke bekræfte, at du er {_claimed_role(member)}, så du er ikke registreret som det. Du kan stadig "
            f"spørge mig om KL's tilbud. Er det en fejl, så kontakt KL: {contact.email} eller {contact.phone}."
        ),
    )

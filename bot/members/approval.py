"""Nobody becomes a mayor by saying so: a Slack user who tells the bot who they are ("Hvem er
du?") is *pending* until KL staff approve or reject the claim, in Slack or from the CLI.

Until then they can ask questions and read the catalogue, but they are nobody's mayor: not in
broadcasts, reminders, networks or welcome DMs, and they cannot enrol (so no "kun nyvalgte" seat
on a self-declared "nyvalgt"). The claim is a work item on the staff desk (the staff channel, or
staff DMs), with Godkend and Afvis on it; the decision closes the item, is audited, and is told
to the person in a DM.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalogue.schema import Contact
from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.errors import UserError
from bot.members.directory import MemberInfo, member_by_slack_id, member_info
from bot.notify import Letter, Notice, Postman
from bot.staffdesk.audit import Action, AuditLog
from bot.staffdesk.desk import ItemDraft, StaffDesk
from bot.storage.db import Database
from bot.storage.models.members import Approval, Member, Role, is_mayor
from bot.storage.models.staff import ItemKind

APPROVE_ACTION = "member_approve"
REJECT_ACTION = "member_reject"
DECISION_WORDS = {Approval.APPROVED: "godkendt", Approval.REJECTED: "afvist"}
APPROVED_NOTE = "Godkendt"
REJECTED_NOTE = "Afvist"
"""The closing note of a decided item; the staff message shows it as "Godkendt af Karen …"."""


class ApprovalError(UserError):
    """A decision that cannot be made (nobody waiting by that id, or decided already)."""


@dataclass(frozen=True)
class Claim:
    """A pending person and, when they claim to be a mayor, the approved mayor the directory
    already has for that municipality (the claim then says so)."""

    member: MemberInfo
    sitting_mayor: str | None
    since: datetime


@dataclass(frozen=True)
class Decision:
    member: MemberInfo
    approved: bool
    by: str
    shown: bool
    """Whether the decision closed a staff-desk item (whose messages then show who decided)."""


class Approvals:
    def __init__(self, db: Database, postman: Postman, catalogue: CatalogueStore, desk: StaffDesk) -> None:
        self._db = db
        self._postman = postman
        self._catalogue = catalogue
        self._desk = desk

    def pending(self) -> list[Claim]:
        with self._db.session() as session:
            waiting = session.scalars(select(Member).where(Member.approval == Approval.PENDING).order_by(Member.created_at))
            return [_claim(session, member) for member in waiting]

    def claim(self, slack_user_id: str) -> Claim | None:
        """The claim of a pending person; None when they are not pending."""
        with self._db.session() as session:
            member = member_by_slack_id(session, slack_user_id)
            return _claim(session, member) if member and member.approval is Approval.PENDING else None

    def announce(self, slack_user_id: str) -> Claim | None:
        """Put a new claim on the staff desk: one item, with Godkend and Afvis on it. None (and
        nothing for staff) when the person is not pending."""
        claim = self.claim(slack_user_id)
        if claim is not None:
            self._desk.open(claim_item(claim))
        return claim

    def decide(self, slack_user_id: str, *, approve: bool, by: str, by_name: str | None = None) -> Decision:
        """Approve or reject once, audited and closing the staff-desk item in the same
        transaction; the person is told in a DM. Approval counts as joining the directory
        (``created_at``), so the welcome DM and the reminders start from then. A person decided
        already (another colleague, the command line, the import) is refused, and an item still
        open about them is closed so the desk does not wait for a decision that was made."""
        who = by_name or by
        with self._db.session() as session:
            member = member_by_slack_id(session, slack_user_id)
            if member is None:
                raise ApprovalError(f"Ingen med Slack-id {slack_user_id[:40]} venter på godkendelse.")
            earlier = member.approval if member.approval is not Approval.PENDING else None
            if earlier is None:
                member.approval = Approval.APPROVED if approve else Approval.REJECTED
                if approve:
                    member.created_at = utcnow()
                AuditLog.add(
                    session, by, Action.PERSON_APPROVED if approve else Action.PERSON_REJECTED,
                    f"{member.name} ({_claimed_role(member_info(member))})", actor_name=by_name,
                )
                note = APPROVED_NOTE if approve else REJECTED_NOTE
            else:
                note = f"Var allerede {DECISION_WORDS[earlier]}"
            settled = self._desk.settle(session, ItemKind.PERSON, member.id, who, note)
            session.flush()
            decided = member_info(member)
        self._desk.show(settled)
        if earlier is not None:
            raise ApprovalError(f"{decided.name} er allerede {DECISION_WORDS[earlier]}.")
        self._postman.deliver([Letter(slack_user_id, outcome_notice(decided, approve, self._catalogue.current.contact))])
        return Decision(decided, approve, who, shown=bool(settled))


def _claim(session: Session, member: Member) -> Claim:
    sitting = None
    if member.role is Role.MAYOR and member.municipality:
        sitting = session.scalar(
            select(Member.name).where(is_mayor(), Member.municipality == member.municipality, Member.id != member.id)
        )
    return Claim(member_info(member), sitting, member.created_at)


def _claimed_role(member: MemberInfo) -> str:
    return f"{member.role_name} i {member.municipality}" if member.municipality else member.role_name


def claim_item(claim: Claim) -> ItemDraft:
    """For staff: who, what they claim (a claimed "nyvalgt" is marked as their own word), whether
    the municipality has a mayor already, and the command line's way. The adapter puts Godkend
    and Afvis on the item (``asker_id`` is the person decided on)."""
    member = claim.member
    lines = [f"Siger at være: {_claimed_role(member)}"]
    if member.first_term:
        lines.append("Nyvalgt: ja, efter eget udsagn")
    if claim.sitting_mayor:
        lines.append(f"Bemærk: {member.municipality} har allerede en borgmester i medlemslisten: {claim.sitting_mayor}")
    lines.append(
        "Indtil I godkender, får personen ingen udsendelser eller påmindelser og kan ikke tilmelde sig. "
        f"Fra kommandolinjen: borgmesterbot members approve {member.slack_user_id} (afvis med borgmesterbot members reject {member.slack_user_id})."
    )
    return ItemDraft(
        kind=ItemKind.PERSON,
        title=f"{member.name} ({_claimed_role(member)})",
        details="\n".join(lines),
        ref_id=member.id,
        asker_id=member.slack_user_id,
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

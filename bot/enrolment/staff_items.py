"""What staff are told about an enrolment event: a new request as a work item on the staff desk,
with who asked (name, municipality, and the secretariat if one acted), what, and the note."""
from __future__ import annotations

from bot.enrolment.results import RequestView, SessionView
from bot.staffdesk.desk import ItemDraft, who
from bot.storage.models.members import Member
from bot.storage.models.staff import ItemKind


def request_item(request: RequestView, participant: Member, secretariat: Member | None) -> ItemDraft:
    lines = [f"Fra: {who(participant)}"]
    if secretariat is not None:
        lines.append(f"Sendt af {secretariat.name} fra sekretariatet")
    lines.append(f"Note: {request.note}" if request.note else "Ingen note")
    return ItemDraft(
        kind=ItemKind.REQUEST,
        title=f"{request.offer_title} til {participant.name}",
        topic=f"din anmodning om {request.offer_title}",
        details="\n".join(lines),
        ref_id=request.id,
        asker_id=participant.slack_user_id,
    )


def paid_seat_given_up(view: SessionView, participant: Member, actor: Member) -> str:
    """The note staff get when a seat with a fee is given up (and goes to the waitlist)."""
    by = f" ({actor.name} fra sekretariatet afmeldte)" if actor.id != participant.id else ""
    return f"{who(participant)} har meldt fra til en betalt plads: {view.name} {view.when} ({view.fee}){by}."

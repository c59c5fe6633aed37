"""The private messages about enrolments, in Danish, as Notices (the Slack adapter renders them
as Block Kit, the console prints them)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.catalogue.schema import Contact, Offer
from bot.clock import moment_text
from bot.enrolment.ics import session_file
from bot.enrolment.results import RequestView, SessionView
from bot.notify import Letter, Notice, NoticeButton
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus

CONFIRM_SEAT_ACTION = "enrol_confirm_seat"


def _details(session: SessionView) -> tuple[tuple[str, str], ...]:
    return tuple((label, value) for label, value in session.facts() if label not in ("Pladser", "Tilmeldingsfrist"))


def _secretariat(name: str) -> str:
    return f"{name} fra sekretariatet"


def enrolled(session: SessionView, *, stamp: datetime, for_name: str | None = None, by: str | None = None) -> Notice:
    """``for_name``: the letter goes to the secretariat that enrolled that mayor; ``by``: to the
    mayor a secretariat (of that name) enrolled."""
    what = f"{session.name} {session.when}"
    if by:
        done = f"{_secretariat(by)} har tilmeldt dig {what}."
    else:
        done = f"{for_name + ' er' if for_name else 'Du er'} tilmeldt {what}."
    return Notice(
        title="Tilmelding bekræftet",
        text=f"{done} Kalenderfilen er vedhæftet. Afmeld med /afmeld {session.offer_title}.",
        facts=_details(session),
        file=session_file(session, stamp=stamp),
    )


def waitlisted(session: SessionView, position: int, *, for_name: str | None = None, by: str | None = None) -> Notice:
    if by:
        placed = f"{_secretariat(by)} har skrevet dig på ventelisten som nr. {position}, og du får besked, når der bliver en plads."
    else:
        placed = f"{for_name + ' står' if for_name else 'Du står'} som nr. {position} på ventelisten og får besked, når der bliver en plads."
    return Notice(
        title="På venteliste",
        text=f"{session.name} {session.when} er fuldt. {placed}",
        facts=_details(session),
    )


def promoted(session: SessionView, *, stamp: datetime) -> Notice:
    return Notice(
        title="Du har fået en plads",
        text=f"Der er blevet en plads til dig på {session.name} {session.when}, og du er nu tilmeldt. Kalenderfilen er vedhæftet. "
        f"Kan du alligevel ikke, så afmeld med /afmeld {session.offer_title}, så går pladsen videre.",
        facts=_details(session),
        file=session_file(session, stamp=stamp),
    )


def seat_offered(session: SessionView, enrolment_id: int, expires_at: datetime) -> Notice:
    return Notice(
        title="Der er en plads til dig",
        text=f"Der er blevet en plads på {session.name} {session.when}. Pladsen koster {session.fee_text}, så den er først din, "
        f"når du bekræfter den. Bekræft senest {moment_text(expires_at)}; ellers går den videre til den næste på ventelisten, "
        "og du betaler ingenting.",
        facts=_details(session),
        buttons=(NoticeButton(label="Bekræft plads", action_id=CONFIRM_SEAT_ACTION, value=str(enrolment_id), primary=True),),
    )


def seat_lapsed(session: SessionView) -> Notice:
    return Notice(
        title="Pladstilbuddet er udløbet",
        text=f"Du bekræftede ikke pladsen på {session.name} {session.when} i tide, så den er gået videre. Du betaler ingenting. "
        f"Vil du stadig gerne med, så skriv /tilmeld {session.offer_title}.",
    )


def cancelled(session: SessionView, *, stamp: datetime, organizer: str | None = None) -> Notice:
    """With a cancelling .ics, so the entry leaves the calendar of whoever had put it there."""
    return Notice(
        title="Aflyst",
        text=f"{session.name} {session.when} er aflyst. Du skal ikke gøre noget; du er meldt fra, og kalenderfilen "
        f"fjerner aftalen fra din kalender. Se andre datoer med /tilmeld {session.offer_title}.",
        facts=_details(session),
        file=session_file(session, stamp=stamp, cancelled=True, organizer=organizer),
    )


def withdrawn(session: SessionView, *, stamp: datetime, organizer: str | None = None) -> Notice:
    """To someone who gave up a seat: the calendar entry their confirmation made is removed."""
    return Notice(
        title="Afmeldt",
        text=f"Du er afmeldt {session.name} {session.when}. Kalenderfilen fjerner aftalen fra din kalender. "
        f"Vil du alligevel med, så skriv /tilmeld {session.offer_id}.",
        facts=_details(session),
        file=session_file(session, stamp=stamp, cancelled=True, organizer=organizer),
    )


def changed(session: SessionView, *, stamp: datetime) -> Notice:
    return Notice(
        title="Ændret tidspunkt eller sted",
        text=f"{session.name} er ændret. Her er de nye oplysninger; kalenderfilen er opdateret.",
        facts=_details(session),
        file=session_file(session, stamp=stamp),
    )


def request_received(request: RequestView, *, for_name: str | None = None, by: str | None = None) -> Notice:
    if by:
        received = f"{_secretariat(by)} har bedt KL om {request.offer_title} på dine vegne. KL vender tilbage."
    else:
        received = f"KL har fået {for_name + 's' if for_name else 'din'} anmodning om {request.offer_title} og vender tilbage."
    return Notice(title="Anmodning modtaget", text=f"{received} Træk den tilbage med /afmeld {request.offer_title}.")


def moved_up(session: SessionView, enrolments: Iterable[Enrolment], *, stamp: datetime) -> list[Letter]:
    """One letter per person the waitlist moved up: a seat offer to confirm, or a seat."""
    letters = []
    for enrolment in enrolments:
        if enrolment.status is EnrolmentStatus.OFFERED and enrolment.offer_expires_at is not None:
            notice = seat_offered(session, enrolment.id, enrolment.offer_expires_at)
        else:
            notice = promoted(session, stamp=stamp)
        letters.append(Letter(enrolment.member.slack_user_id, notice))
    return letters


def fee_terms(session: SessionView, offer: Offer, contact: Contact) -> str:
    """What a paid seat costs, and what the catalogue says about the fee, before it is given up."""
    terms = f"Pladsen på {session.name} {session.when} har en pris: {session.fee}."
    if offer.fee:
        quoted = offer.fee.strip()
        return f"{terms} Kataloget skriver om prisen: »{quoted.rstrip('.')}«."
    return (
        f"{terms} Kataloget skriver ikke, hvad en afmelding koster; spørg KL ({contact.email}, {contact.phone}), "
        "hvis du er i tvivl."
    )

"""Why an enrolment did not happen, in Danish, with what to do next.

Each error is raised before anything is stored (or after the transaction it belongs to has
been rolled back), so the person can simply act on the message and try again.
"""
from __future__ import annotations

from datetime import datetime

from bot.catalogue.schema import Contact, EnrolmentKind, Offer
from bot.clock import moment_text
from bot.errors import UserError

KIND_NAMES = {
    EnrolmentKind.SESSION: "tilmelding til en dato",
    EnrolmentKind.REQUEST: "en anmodning, som KL følger op på",
    EnrolmentKind.MEMBERSHIP: "medlemskab af et netværk",
    EnrolmentKind.NONE: "ingen tilmelding",
}


def contact_text(contact: Contact) -> str:
    return f"{contact.name} ({contact.organisation}) på {contact.phone} eller {contact.email}"


class EnrolmentError(UserError):
    """str() is the message to show the person."""


class UnknownOffer(EnrolmentError):
    def __init__(self, query: str, command: str = "/tilmeld") -> None:
        shown = " ".join(query.split())[:80]
        if shown:
            text = f"Jeg kan ikke finde et tilbud, der hedder '{shown}'."
        else:
            text = "Skriv, hvilket tilbud du mener."
        super().__init__(f"{text} Skriv fx {command} mødeledelse, eller spørg mig om, hvilke tilbud der er.")


class NothingToEnrol(EnrolmentError):
    """Information, or membership by office (B98): explained, not refused."""

    def __init__(self, offer: Offer) -> None:
        self.offer = offer
        super().__init__(f"{offer.title} kræver ingen tilmelding. {offer.enrolment.how}")


class NoSessions(EnrolmentError):
    def __init__(self, offer: Offer, contact: Contact) -> None:
        super().__init__(
            f"Der er ingen kommende datoer for {offer.title}, som du kan tilmelde dig lige nu. "
            f"{offer.enrolment.how} Spørgsmål kan du stille til {contact_text(contact)}."
        )


class UnknownSession(EnrolmentError):
    def __init__(self) -> None:
        super().__init__("Den dato findes ikke længere. Skriv /tilmeld og tilbuddets navn for at se de aktuelle datoer.")


class SessionCancelled(EnrolmentError):
    def __init__(self, title: str, start: datetime) -> None:
        super().__init__(f"{title} {moment_text(start)} er aflyst. Skriv /tilmeld og tilbuddets navn for at se andre datoer.")


class SessionStarted(EnrolmentError):
    def __init__(self, title: str, start: datetime) -> None:
        super().__init__(f"{title} {moment_text(start)} er allerede begyndt. Skriv /tilmeld og tilbuddets navn for at se andre datoer.")


class DeadlinePassed(EnrolmentError):
    def __init__(self, title: str, start: datetime, deadline: datetime, contact: Contact) -> None:
        super().__init__(
            f"Tilmeldingsfristen for {title} {moment_text(start)} var {moment_text(deadline)}. "
            f"Vil du gerne med alligevel, så kontakt {contact_text(contact)}."
        )


class AudienceNotAllowed(EnrolmentError):
    def __init__(self, title: str, start: datetime, contact: Contact) -> None:
        super().__init__(
            f"{title} {moment_text(start)} er kun for nyvalgte borgmestre, og du står ikke som nyvalgt. "
            f"Er det en fejl, så kontakt {contact_text(contact)}, så retter KL det."
        )


class AlreadyEnrolled(EnrolmentError):
    """``state`` leads into the session's name: "Du er allerede tilmeldt", "… ventelisten til"."""

    def __init__(self, title: str, start: datetime, state: str) -> None:
        super().__init__(f"{state} {title} {moment_text(start)}. Se dine tilmeldinger med /mine.")


class AlreadyRequested(EnrolmentError):
    def __init__(self, offer: Offer, since: datetime) -> None:
        super().__init__(
            f"Du har allerede bedt om {offer.title} ({moment_text(since)}). KL vender tilbage til dig. "
            "Se dine anmodninger med /mine."
        )


class NotRegistered(EnrolmentError):
    """The adapter answers this by asking who the person is (municipality), once."""

    def __init__(self) -> None:
        super().__init__("Jeg kender dig ikke endnu. Fortæl mig, hvilken kommune du er fra, så kan du tilmelde dig.")


class AwaitingApproval(EnrolmentError):
    """A self-registered person before KL staff have confirmed who they are."""

    def __init__(self, municipality: str | None) -> None:
        where = f" i {municipality}" if municipality else ""
        super().__init__(
            f"Du venter på, at KL bekræfter, at du er borgmester{where}. Du får besked her, så snart det er sket; "
            "indtil da kan du spørge mig om alle tilbuddene."
        )


class NotApproved(EnrolmentError):
    def __init__(self, contact: Contact) -> None:
        super().__init__(
            f"KL har ikke kunnet bekræfte, hvem du er, så du kan ikke tilmelde dig. Er det en fejl, så kontakt KL: "
            f"{contact.email} eller {contact.phone}."
        )


class NoMayorLinked(EnrolmentError):
    def __init__(self, contact: Contact) -> None:
        super().__init__(
            "Du står som sekretariat, men er ikke knyttet til en borgmester, så jeg ved ikke, hvem du tilmelder. "
            f"Bed {contact_text(contact)} om at knytte dig til din borgmester."
        )


class NotEnrolled(EnrolmentError):
    def __init__(self, offer: Offer) -> None:
        super().__init__(f"Du er ikke tilmeldt {offer.title} og har ingen åben anmodning om det. Se dine tilmeldinger med /mine.")


class SeatOfferGone(EnrolmentError):
    """The offered seat lapsed or was taken back; nobody is charged for a seat not confirmed."""

    def __init__(self, title: str, start: datetime) -> None:
        super().__init__(
            f"Pladstilbuddet til {title} {moment_text(start)} gælder ikke længere, så pladsen er gået videre. "
            f"Du betaler ikke noget. Skriv /tilmeld og tilbuddets navn for at komme på ventelisten igen."
        )


class InvalidSession(EnrolmentError):
    """Staff typed a session that cannot be: the message says what to fix, and ``field`` (a
    SessionDraft field name) lets a form show it beside the right input."""

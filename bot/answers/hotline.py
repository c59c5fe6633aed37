"""KL's hotline for harassment, threats, vandalism and violence, and the emergency numbers, as
data every adapter renders its own way and as plain text.

The catalogue gives no hotline number yet; until KL fills in `hotline.phone`, KL's contact is
given instead of a number, never a made-up one.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.answers.normalise import fold
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import Contact

# Folded word pieces that make a question one about threats ("dødstrusler", "chikaneret", "truet").
THREAT_MARKERS = (
    "trusl", "trussel", "truet", "truede", "chikan", "haervaerk", "hervaerk", "vold",
    "forfolg", "stalk", "intimider", "overfald", "hotline", "threat", "harass", "violen", "vandal",
    "intimidat", "assault", "abuse",
)


@dataclass(frozen=True)
class HotlineDetails:
    name: str
    description: str
    phone: str | None
    contact: Contact
    emergency: str
    police: str


def hotline_details(catalogue: Catalogue) -> HotlineDetails:
    hotline = catalogue.hotline
    return HotlineDetails(
        name=hotline.name,
        description=hotline.description,
        phone=hotline.phone,
        contact=catalogue.contact,
        emergency=hotline.emergency,
        police=hotline.police,
    )


def is_about_threats(text: str) -> bool:
    folded = fold(text)
    return any(marker in folded for marker in THREAT_MARKERS)


def contact_line(contact: Contact, language: str = "da") -> str:
    """KL's contact as one line: who, phone and e-mail."""
    if language == "en":
        return f"{contact.organisation}: {contact.name} ({contact.role}), phone {contact.phone}, {contact.email}"
    return f"{contact.organisation}: {contact.role.lower()} {contact.name}, tlf. {contact.phone}, {contact.email}"


def hotline_text(details: HotlineDetails, language: str = "da") -> str:
    """The hotline and the emergency numbers in a few plain lines."""
    if language == "en":
        number = (
            f"Call {details.name} on {details.phone}."
            if details.phone
            else f"The hotline's number has not been published yet; contact {contact_line(details.contact, 'en')}."
        )
        return (
            f"{details.name} (in Danish): {details.description}\n{number}\n"
            f"In acute danger, call {details.emergency}. The police's non-emergency line is {details.police}."
        )
    number = (
        f"Ring til {details.name} på {details.phone}."
        if details.phone
        else f"Hotlinens nummer er ikke offentliggjort endnu; kontakt {contact_line(details.contact)}."
    )
    return (
        f"{details.name}: {details.description}\n{number}\n"
        f"Er du i akut fare, så ring {details.emergency}. Politiets servicenummer er {details.police}."
    )

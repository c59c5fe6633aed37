"""The reply text a person reads: short, plain (no markup), quoting the catalogue and naming the
provider and the source. Danish, or English when the question was English; the catalogue's own
text is Danish either way and is quoted as it stands."""
from __future__ import annotations

from collections.abc import Sequence

from bot.answers.hotline import HotlineDetails, contact_line, hotline_text
from bot.answers.intent import Intent
from bot.answers.listing import ListTarget
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import Offer

ALSO_SHOWN = 2


def _quote(text: str) -> str:
    return f"»{' '.join(text.split())}«"


def _detail(intent: Intent, offer: Offer, catalogue: Catalogue, language: str) -> str:
    """The line that answers what was asked: when, the price, how to enrol, or what it is."""
    contact = contact_line(catalogue.contact, language)
    if language == "en":
        if intent is Intent.WHEN:
            return f"When: {_quote(offer.frequency)}" if offer.frequency else f"The catalogue does not say when. Ask {contact}."
        if intent is Intent.PRICE:
            return f"Price: {_quote(offer.fee)}" if offer.fee else f"Price: unknown; the catalogue states none. Ask {contact}."
        if intent is Intent.ENROL:
            return f"How to take part: {_quote(offer.enrolment.how)}"
        if intent is Intent.PROVIDER:
            return f"It is offered by {offer.provider}."
        return _quote(offer.summary)
    if intent is Intent.WHEN:
        return f"Hvornår: {_quote(offer.frequency)}" if offer.frequency else f"Kataloget siger ikke, hvornår. Spørg {contact}."
    if intent is Intent.PRICE:
        return f"Pris: {_quote(offer.fee)}" if offer.fee else f"Pris: ukendt – kataloget nævner ingen pris. Spørg {contact}."
    if intent is Intent.ENROL:
        return f"Sådan deltager du: {_quote(offer.enrolment.how)}"
    if intent is Intent.PROVIDER:
        return f"Tilbuddet udbydes af {offer.provider}."
    return _quote(offer.summary)


def offer_reply(
    catalogue: Catalogue,
    intent: Intent,
    offers: Sequence[Offer],
    language: str,
    hotline: HotlineDetails | None = None,
) -> str:
    best = offers[0]
    source = catalogue.source_title(best)
    if language == "en":
        lines = [
            f"{best.title} (offered by {best.provider}; catalogue text in Danish)",
            _detail(intent, best, catalogue, language),
            f"Source: {source}, section {_quote(best.source.section)}.",
        ]
        also = "See also: "
    else:
        lines = [
            f"{best.title} (udbydes af {best.provider})",
            _detail(intent, best, catalogue, language),
            f"Kilde: {source}, afsnittet {_quote(best.source.section)}.",
        ]
        also = "Se også: "
    if hotline is not None:
        lines.append(hotline_text(hotline, language))
    others = [o.title for o in offers[1 : 1 + ALSO_SHOWN]]
    if others:
        lines.append(also + "; ".join(others) + ".")
    return "\n".join(lines)


def list_reply(catalogue: Catalogue, target: ListTarget, language: str) -> str:
    """One line per offer; the whole catalogue is listed group by group."""
    if target.label:
        head = f"{target.label} ({len(target.offers)}):" if language == "en" else f"{target.label} – {len(target.offers)} tilbud:"
        return "\n".join([head, *(f"• {o.title} ({o.provider})" for o in target.offers)])
    lines = ["The offers in the catalogue:" if language == "en" else "Katalogets tilbud:"]
    for group in catalogue.groups:
        titles = ", ".join(o.title for o in catalogue.in_group(group.id))
        lines.append(f"• {group.title}: {titles}")
    return "\n".join(lines)


def abstain_reply(catalogue: Catalogue, suggestions: Sequence[Offer], language: str) -> str:
    contact = contact_line(catalogue.contact, language)
    examples = ", ".join(f"»{o.title}«" for o in suggestions)
    if language == "en":
        return (
            "I don't know. I can only answer questions about KL's and Komponent's offers to mayors.\n"
            f"Please contact {contact}.\nYou could ask about, for example: {examples}."
        )
    return (
        "Det ved jeg ikke. Jeg kan kun svare på spørgsmål om KL's og Komponents tilbud til borgmestre.\n"
        f"Kontakt {contact}.\nDu kan fx spørge om: {examples}."
    )


def greeting_reply(language: str) -> str:
    if language == "en":
        return "Hello! Ask me about KL's and Komponent's offers to mayors, e.g. »How often do the mayors' networks meet?«"
    return "Hej! Spørg mig om KL's og Komponents tilbud til borgmestre, fx »Hvor ofte mødes borgmesternetværkene?«"


def thanks_reply(language: str) -> str:
    return "You're welcome! Just ask if there is more." if language == "en" else "Selv tak! Skriv bare, hvis der er mere."


def help_reply(language: str) -> str:
    if language == "en":
        return (
            "I answer questions about KL's and Komponent's offers to mayors: what an offer is, when it "
            "takes place, what it costs, how to take part and who provides it. Try »Which theme sessions "
            "are there?« or »How do I join a mayors' network?«"
        )
    return (
        "Jeg svarer på spørgsmål om KL's og Komponents tilbud til borgmestre: hvad et tilbud er, hvornår "
        "det foregår, hvad det koster, hvordan man deltager, og hvem der står bag. Prøv fx »Hvilke "
        "temasessioner er der?« eller »Hvordan kommer jeg med i et borgmesternetværk?«"
    )


def empty_reply(language: str) -> str:
    return "Please write a question." if language == "en" else "Skriv et spørgsmål, fx »Hvad er mentorordningen?«"

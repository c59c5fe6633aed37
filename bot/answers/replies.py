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


_PHRASES: dict[str, dict[str, str]] = {
    "da": {
        "head": "{title} (udbydes af {provider})",
        "when": "Hvornår: {quote}",
        "when_unknown": "Kataloget siger ikke, hvornår. Spørg {contact}.",
        "price": "Pris: {quote}",
        "price_unknown": "Pris: ukendt – kataloget nævner ingen pris. Spørg {contact}.",
        "enrol": "Sådan deltager du: {quote}",
        "provider": "Tilbuddet udbydes af {provider}.",
        "source": "Kilde: {source}, afsnittet {section}.",
        "also": "Se også: {titles}.",
    },
    "en": {
        "head": "{title} (offered by {provider}; catalogue text in Danish)",
        "when": "When: {quote}",
        "when_unknown": "The catalogue does not say when. Ask {contact}.",
        "price": "Price: {quote}",
        "price_unknown": "Price: unknown; the catalogue states none. Ask {contact}.",
        "enrol": "How to take part: {quote}",
        "provider": "It is offered by {provider}.",
        "source": "Source: {source}, section {section}.",
        "also": "See also: {titles}.",
    },
}


def _detail(intent: Intent, offer: Offer, catalogue: Catalogue, language: str) -> str:
    """The line that answers what was asked: when, the price, how to enrol, or what it is."""
    phrases = _PHRASES[language]
    contact = contact_line(catalogue.contact, language)
    if intent is Intent.WHEN:
        if offer.frequency:
            return phrases["when"].format(quote=_quote(offer.frequency))
        return phrases["when_unknown"].format(contact=contact)
    if intent is Intent.PRICE:
        if offer.fee:
            return phrases["price"].format(quote=_quote(offer.fee))
        return phrases["price_unknown"].format(contact=contact)
    if intent is Intent.ENROL:
        return phrases["enrol"].format(quote=_quote(offer.enrolment.how))
    if intent is Intent.PROVIDER:
        return phrases["provider"].format(provider=offer.provider)
    return _quote(offer.summary)


def offer_reply(
    catalogue: Catalogue,
    intent: Intent,
    offers: Sequence[Offer],
    language: str,
    hotline: HotlineDetails | None = None,
) -> str:
    best = offers[0]
    phrases = _PHRASES[language]
    lines = [
        phrases["head"].format(title=best.title, provider=best.provider),
        _detail(intent, best, catalogue, language),
        phrases["source"].format(source=catalogue.source_title(best), section=_quote(best.source.section)),
    ]
    if hotline is not None:
        lines.append(hotline_text(hotline, language))
    others = [o.title for o in offers[1 : 1 + ALSO_SHOWN]]
    if others:
        lines.append(phrases["also"].format(titles="; ".join(others)))
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


def abstain_reply(
    catalogue: Catalogue, suggestions: Sequence[Offer], language: str, hotline: HotlineDetails | None = None
) -> str:
    """"Ved ikke", honestly: KL's contact, offers near what was asked, and the hotline when the
    message sounded like fear or a threat."""
    contact = contact_line(catalogue.contact, language)
    examples = ", ".join(f"»{o.title}«" for o in suggestions)
    if language == "en":
        lines = [
            "I don't know. I can only answer questions about KL's and Komponent's offers to mayors, and the "
            "catalogue does not answer this.",
            f"Please contact {contact}.",
            f"Perhaps one of these is near what you are looking for: {examples}.",
        ]
    else:
        lines = [
            "Det ved jeg ikke. Jeg kan kun svare på spørgsmål om KL's og Komponents tilbud til borgmestre, "
            "og kataloget svarer ikke på det her.",
            f"Kontakt {contact}.",
            f"Måske er et af disse tilbud i nærheden af det, du leder efter: {examples}.",
        ]
    if hotline is not None:
        lines.append(hotline_text(hotline, language))
    return "\n".join(lines)


def clarify_reply(offers: Sequence[Offer], language: str, hotline: HotlineDetails | None = None) -> str:
    """"Mente du …?": the bot is unsure which offer is meant and asks, naming the likeliest."""
    titles = " eller ".join(f"»{o.title}«" for o in offers) if language != "en" else " or ".join(f"»{o.title}«" for o in offers)
    if language == "en":
        lines = [f"I'm not sure which offer you mean. Did you mean {titles}?", "Choose one, or ask again in other words."]
    else:
        lines = [f"Jeg er ikke sikker på, hvilket tilbud du mener. Mente du {titles}?",
                 "Vælg et af dem, eller spørg igen med andre ord."]
    if hotline is not None:
        lines.append(hotline_text(hotline, language))
    return "\n".join(lines)


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

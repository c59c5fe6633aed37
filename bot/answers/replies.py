"""The reply text a person reads: short, plain (no markup), naming the provider and the source.
Danish, or English when the question was English; the catalogue's own text is Danish either way
and stands as it is, inside an English sentence.

Quotation marks are kept for the seeds' own wording. The catalogue's summary, frequency, fee and
"how to take part" fields are its editors' condensed wording, so they are given as the
catalogue's information, not dressed as quotes. Facts from the database (dates, seats, waitlist)
are said to come from KL's current plans, never attributed to the seeds."""
from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answers.hotline import HotlineDetails, contact_line, hotline_text
from bot.answers.intent import Intent
from bot.answers.listing import ListTarget
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import Offer
from bot.clock import utcnow

ALSO_SHOWN = 2
# The welcome letter's source id, and how an entry marks text taken from it.
LETTER = "velkomstbrev"
LETTER_MARK = "Fra KL's velkomstbrev"


def _quote(text: str) -> str:
    return f"»{' '.join(text.split())}«"


def _plain(text: str) -> str:
    return " ".join(text.split())


_PHRASES: dict[str, dict[str, str]] = {
    "da": {
        "head": "{title} (udbydes af {provider})",
        "when": "Hvornår: {text}",
        "when_unknown": "Kataloget siger ikke, hvornår. Spørg {contact}.",
        "price": "Pris: {text}",
        "price_unknown": "Pris: ukendt – kataloget nævner ingen pris. Spørg {contact}.",
        "enrol": "Sådan deltager du: {text}",
        "provider": "Tilbuddet udbydes af {provider}.",
        "source": "Kilde: {source}, afsnittet {section}.",
        "also": "Se også: {titles}.",
        "and_source": ", og {source}.",
        "past": " (datoen fra {years} er historisk og ikke en kommende dato)",
    },
    "en": {
        "head": "{title} (offered by {provider}; catalogue text in Danish)",
        "when": "When (catalogue text): {text}",
        "when_unknown": "The catalogue does not say when. Ask {contact}.",
        "price": "Price (catalogue text): {text}",
        "price_unknown": "Price: unknown; the catalogue states none. Ask {contact}.",
        "enrol": "How to take part (catalogue text): {text}",
        "provider": "It is offered by {provider}.",
        "source": "Source: {source}, section {section}.",
        "also": "See also: {titles}.",
        "and_source": ", and {source}.",
        "past": " (the date from {years} is history, not a coming date)",
    },
}


def _source_line(catalogue: Catalogue, offer: Offer, language: str) -> str:
    """The section the answer draws on, and the welcome letter too when the entry quotes it
    (B98's first meeting is the letter's, not the catalogue's)."""
    phrases = _PHRASES[language]
    line = phrases["source"].format(source=catalogue.source_title(offer), section=_quote(offer.source.section))
    letter = catalogue.sources.get(LETTER)
    if letter is None or offer.source.document == LETTER or LETTER_MARK not in offer.description:
        return line
    dated = f"{letter.publisher}: {letter.title}" + (f" ({letter.date})" if letter.date else "")
    return line.removesuffix(".") + phrases["and_source"].format(source=dated)


def _past_years(text: str, year: int) -> list[str]:
    return sorted({y for y in re.findall(r"\b(20\d\d)\b", text) if int(y) < year})


def _detail(intent: Intent, offer: Offer, catalogue: Catalogue, language: str) -> str:
    """The line that answers what was asked: when, the price, how to enrol, or what it is."""
    phrases = _PHRASES[language]
    contact = contact_line(catalogue.contact, language)
    if intent is Intent.WHEN:
        if offer.frequency:
            line = phrases["when"].format(text=_plain(offer.frequency))
            past = _past_years(offer.frequency, utcnow().year)
            return line + (phrases["past"].format(years=", ".join(past)) if past else "")
        return phrases["when_unknown"].format(contact=contact)
    if intent is Intent.PRICE:
        if offer.fee:
            return phrases["price"].format(text=_plain(offer.fee))
        return phrases["price_unknown"].format(contact=contact)
    if intent is Intent.ENROL:
        return phrases["enrol"].format(text=_plain(offer.enrolment.how))
    if intent is Intent.PROVIDER:
        return phrases["provider"].format(provider=offer.provider)
    return _plain(offer.summary)


def offer_reply(
    catalogue: Catalogue,
    intent: Intent,
    offers: Sequence[Offer],
    language: str,
    hotline: HotlineDetails | None = None,
    live: Sequence[str] = (),
) -> str:
    """The best offer's answer; `live` are the lines the database adds (bot/answers/live.py)."""
    best = offers[0]
    phrases = _PHRASES[language]
    lines = [
        phrases["head"].format(title=best.title, provider=best.provider),
        _detail(intent, best, catalogue, language),
        *live,
        _source_line(catalogue, best, language),
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


def threat_beside_errand_reply(catalogue: Catalogue, hotline: HotlineDetails, language: str) -> str:
    """A threat told beside an errand no offer answers: the hotline and the emergency numbers
    first, then honestly that the catalogue does not answer the rest, and whom to ask."""
    contact = contact_line(catalogue.contact, language)
    if language == "en":
        rest = (
            "The other thing you ask about I cannot answer: the catalogue of offers to mayors does not cover it. "
            f"For anything else, contact {contact}."
        )
    else:
        rest = (
            "Det andet, du spørger om, kan jeg ikke svare på: kataloget over tilbud til borgmestre dækker det ikke. "
            f"Om alt andet kan du kontakte {contact}."
        )
    return "\n".join((hotline_text(hotline, language), rest))


def compare_reply(catalogue: Catalogue, offers: Sequence[Offer], language: str, hotline: HotlineDetails | None = None) -> str:
    """"Hvad er forskellen på de to?": the two offers side by side, each in the catalogue's own
    summary (the catalogue compares nothing, so neither does the bot)."""
    head = "The two offers side by side (catalogue text in Danish):" if language == "en" else "De to tilbud side om side:"
    lines = [head, *(f"• {o.title} ({o.provider}): {_plain(o.summary)}" for o in offers)]
    lines += [_source_line(catalogue, o, language) for o in offers]
    if hotline is not None:
        lines.append(hotline_text(hotline, language))
    return "\n".join(dict.fromkeys(lines))


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

"""What a question asks for (when, price, how to enrol, who provides, a list), read from the
phrases mayors use for it in Danish and English, on folded text so "hvornar" counts too."""
from __future__ import annotations

import re
from enum import StrEnum

from bot.answers.normalise import fold


class Intent(StrEnum):
    WHAT = "what"
    WHEN = "when"
    PRICE = "price"
    ENROL = "enrol"
    PROVIDER = "provider"
    LIST = "list"
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    UNKNOWN = "unknown"


# A trailing "*" lets the word go on ("tilmeld*" covers tilmelde, tilmelding, tilmelder).
# Checked in this order: the first intent with a phrase in the question wins.
_PHRASES: dict[Intent, tuple[str, ...]] = {
    Intent.PRICE: (
        "koste*", "kostet", "pris*", "betale*", "betaling*", "deltagerbetaling*", "gratis", "gebyr*",
        "udgift*", "egenbetaling*", "cost*", "price*", "fee", "fees", "free of charge", "pay", "charge*",
    ),
    Intent.WHEN: (
        "hvornår", "hvor ofte", "hvor tit", "hvor mange gange", "hvilken dato", "hvilke datoer", "dato*",
        "tidspunkt*", "næste møde", "when", "how often", "how many times", "what date", "what time",
        "schedule*",
    ),
    Intent.PROVIDER: (
        "hvem står bag", "hvem udbyder", "hvem tilbyder", "hvem arrangerer", "hvem afholder",
        "hvem holder", "hvem leverer", "der leverer", "hvem styrer", "hvem har lavet", "hvem laver", "hvem driver", "udbyder*",
        "arrangør*", "who provides", "who offers", "who runs", "who organi*", "who is behind",
        "who delivers", "provider*", "organiser*", "organizer*",
    ),
    Intent.ENROL: (
        "tilmeld*", "melde mig", "meld mig", "deltage", "deltager jeg", "være med", "blive en del af",
        "blive del af", "blive medlem", "komme med", "søge om", "ansøg*", "join*", "sign up",
        "sign me up", "sign her up", "sign him up", "sign us up", "sign them up", "signup", "meld hende",
        "meld ham", "meld os", "melde hende", "melde ham", "melde os", "meld borgmesteren", "melde borgmesteren",
        "melder jeg", "melder man", "melder vi", "enrol*", "enroll*", "register*", "registrer*", "take part",
        "participate",
    ),
    Intent.LIST: (
        "hvilke", "hvad tilbyder", "hvad udbyder", "liste*", "oversigt*", "alle tilbud",
        "hvad findes der", "which", "list*", "overview",
    ),
    Intent.HELP: ("hjælp*", "help", "hvad kan du", "hvad kan jeg spørge om", "what can you do"),
}
_GREETINGS = (
    "hej", "hejsa", "hey", "hi", "hello", "hallo", "halløj", "goddag", "godmorgen", "god morgen",
    "godaften", "god aften", "dav", "davs", "good morning", "good afternoon", "morn", "godeftermiddag",
    "god eftermiddag", "bot", "borgmesterbot", "der", "med dig", "there",
)
_THANKS = (
    "tak", "mange tak", "tusind tak", "tak for hjælpen", "tak for det", "thanks", "thank you",
    "thank you very much", "thx", "super", "fint", "perfekt", "godt", "great",
)


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(fold(p.rstrip("*"))) + (r"\w*" if p.endswith("*") else r"\b") for p in phrases]
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


_PATTERNS = {intent: _pattern(phrases) for intent, phrases in _PHRASES.items()}
_SMALL_TALK = {
    Intent.THANKS: re.compile(r"^(?:(?:" + "|".join(re.escape(fold(p)) for p in _THANKS) + r")\b\W*)+$"),
    Intent.GREETING: re.compile(r"^(?:(?:" + "|".join(re.escape(fold(p)) for p in _GREETINGS) + r")\b\W*)+$"),
}


def small_talk(question: str) -> Intent | None:
    """GREETING or THANKS when the message is nothing else ("Hej!", "mange tak :)")."""
    text = fold(question).strip(" \t\n!.,:;?-–)(")
    for intent, pattern in _SMALL_TALK.items():
        if text and pattern.match(text):
            return intent
    return None


def detect_intent(question: str) -> Intent:
    """The question's intent by its phrases; WHAT when it only names something."""
    text = fold(question)
    for intent, pattern in _PATTERNS.items():
        if pattern.search(text):
            return intent
    return Intent.WHAT


def without_when(question: str) -> str:
    """The folded question without its phrases asking when or how often: "hvor mange gange om
    året" asks how often an offer meets, not the count of something ("hvor mange")."""
    return _PATTERNS[Intent.WHEN].sub(" ", fold(question))


_POLITE = _pattern((
    "hej", "hejsa", "hey", "hi", "hello", "hallo", "goddag", "godmorgen", "tak", "thanks", "sounds good", "lyder godt",
    "super", "fint", "perfekt", "great", "cool", "nice",
))


def intent_words(question: str) -> set[str]:
    """The folded words that carry the intent or the politeness, so they are not taken for the
    topic ("Hej, hvad koster mentorordningen?" is about the mentorordning)."""
    text = fold(question)
    words: set[str] = set()
    for pattern in (*_PATTERNS.values(), _POLITE):
        for match in pattern.finditer(text):
            words.update(re.findall(r"[a-z0-9]+", match.group()))
    return words

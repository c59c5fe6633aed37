"""What a conversation was last about, and telling a follow-up ("hvad koster det?", "hvem
udbyder den?", "tilmeld mig", "and in English?") from a question that stands on its own.

A follow-up names no offer of its own: it asks for a detail (when, price, provider, enrolment),
points back with a pronoun, or asks for the last answer in another language. A question that
names an offer the ranking is sure of starts a new topic instead, so "og hvad med sociale
medier?" moves on. The topic itself is kept by the caller (bot/conversations stores it in the
database, shared by every replica, for a while); the answering core only reads and returns it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers.intent import Intent
from bot.answers.language import DANISH, ENGLISH
from bot.answers.normalise import fold


@dataclass(frozen=True)
class Topic:
    """The offers the last answer was about (best first), what it asked and in which language."""

    offer_ids: tuple[str, ...]
    intent: Intent = Intent.WHAT
    language: str = DANISH


# Words that point back to what was just said.
_ANAPHORA = frozenset(fold(w) for w in """
det den dem denne dette disse der deri dertil derfor sådan samme næste første
it its that this those them they there one same next
""".split())
_IN_ENGLISH = re.compile(r"\b(?:in english|på engelsk|paa engelsk|pa engelsk|english please|english\?)")
_IN_DANISH = re.compile(r"\b(?:in danish|på dansk|paa dansk|pa dansk)")
# Longer than this a message is a question of its own even with a pronoun in it.
_FOLLOW_UP_WORDS = 9


def language_switch(text: str) -> str | None:
    """ENGLISH or DANISH when the message asks for the answer in that language."""
    folded = fold(text)
    if _IN_ENGLISH.search(folded):
        return ENGLISH
    if _IN_DANISH.search(folded):
        return DANISH
    return None


def looks_like_follow_up(words: list[str], intent: Intent, unknown: int, topical: int) -> bool:
    """Whether a message without a confident offer of its own refers to the last topic: it asks
    for a detail or points back, is short, and names nothing the catalogue knows as a topic."""
    if topical or len(words) > _FOLLOW_UP_WORDS:
        return False
    if intent in (Intent.WHEN, Intent.PRICE, Intent.PROVIDER, Intent.ENROL):
        return unknown <= 2
    return any(w in _ANAPHORA for w in words) and unknown <= 1

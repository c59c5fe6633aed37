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
    # The offers of earlier topics, latest first: "tilbage til talekurset" may return to one.
    earlier: tuple[str, ...] = ()

    def followed_by(self, offer_ids: tuple[str, ...], intent: Intent, language: str) -> "Topic":
        """The topic after an answer about `offer_ids`: this one's first offer joins the earlier ones."""
        earlier = tuple(i for i in dict.fromkeys(self.offer_ids[:1] + self.earlier) if i not in offer_ids[:1])
        return Topic(offer_ids, intent, language, earlier[:EARLIER_KEPT])

    @property
    def all_offer_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.offer_ids[:1] + self.earlier + self.offer_ids[1:]))


EARLIER_KEPT = 3
# Words that point back to what was just said.
_ANAPHORA = frozenset(fold(w) for w in """
det den dem denne dette disse der deri dertil derfor sådan samme næste første
it its that this those them they there one same next
""".split())
_IN_ENGLISH = re.compile(r"\b(?:in english|på engelsk|paa engelsk|pa engelsk|english please|english\?)")
_IN_DANISH = re.compile(r"\b(?:in danish|på dansk|paa dansk|pa dansk)")
# Longer than this a message is a question of its own even with a pronoun in it.
_FOLLOW_UP_WORDS = 9
# This short with a pronoun, a message is about the topic whatever else it says ("gælder det
# også min familie?", "hvornår starter det for os nye?").
_PRONOUN_WORDS = 6
# This short without anything the ranking finds, a message can only be about the topic ("hvem underviser").
_BARE_WORDS = 4
_PRONOUNS = frozenset(fold(w) for w in "det den dem denne dette disse it its they them their this that those one".split())


def language_switch(text: str) -> str | None:
    """ENGLISH or DANISH when the message asks for the answer in that language."""
    folded = fold(text)
    if _IN_ENGLISH.search(folded):
        return ENGLISH
    if _IN_DANISH.search(folded):
        return DANISH
    return None


def refers_back(words: list[str], intent: Intent) -> bool:
    """A short message that asks for a detail or points back with a pronoun."""
    if len(words) > _FOLLOW_UP_WORDS:
        return False
    return intent in (Intent.WHEN, Intent.PRICE, Intent.PROVIDER, Intent.ENROL) or any(w in _ANAPHORA for w in words)


def follow_up(
    topic: Topic | None, words: list[str], intent: Intent, switch: str | None, scores: dict[str, float],
    specific: bool, named: tuple[str, ...] = (), titled: frozenset[str] = frozenset(), foreign: bool = False,
) -> str | None:
    """The offer a follow-up is about, or None when the message starts a new topic.

    `scores` are how well each offer matches the message on its own (the ranking's and the
    concept vocabularies'), `named` the offers the ranking is confident of, best first, and
    `titled` the offers the message calls by their own name ("og borgmesterpraktik, er det noget
    lignende?" moves on even with its pronoun), and
    `specific` whether the message names something only one or two offers have. Such a word
    starts a new topic, unless it names the topic or an earlier one ("hvem udbyder forløbet?"
    after a word about makkerskab; "tilbage til talekurset"), or a pronoun in a short message
    points back. Otherwise the topic's or an earlier offer the words fit best is meant, the
    current topic by default.

    `foreign` says the message has words of its own the catalogue does not know and the
    classifier finds it out of scope: "hvordan bager man rugbrød?" or "hvad bliver vejret i Kbh
    den dag?" after a topic is a new question to decline, however short, pronoun or not, unless
    its known words fit an offer of the conversation.
    """
    if topic is None:
        return None
    known = topic.all_offer_ids
    # The answers' first offers, not their runners-up: "hvornår starter det?" is about the
    # offer just answered even when a "see also" offer has the word "start".
    fitting = max(topic.offer_ids[:1] + topic.earlier, key=lambda offer_id: scores.get(offer_id, 0.0))
    fits = scores.get(fitting, 0.0) > 0
    if switch is not None and len(words) <= _FOLLOW_UP_WORDS:
        return topic.offer_ids[0]
    if foreign and not fits:
        return None
    if titled and not titled & set(known):
        return None
    if len(words) <= _PRONOUN_WORDS and any(w in _PRONOUNS for w in words):
        return fitting if fits else topic.offer_ids[0]
    if not refers_back(words, intent):
        if len(words) <= _BARE_WORDS and not named:
            return topic.offer_ids[0]
        close = [offer_id for offer_id in named[:3] if offer_id in known]
        return close[0] if close and len(words) <= _FOLLOW_UP_WORDS else None
    if specific:
        best = max(scores, key=scores.__getitem__, default=None)
        return fitting if fits and best in known else None
    return fitting if fits else topic.offer_ids[0]

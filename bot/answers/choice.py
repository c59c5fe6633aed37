"""Choosing what to say when the catalogue's words alone do not settle it: an offer the
question's situation points to, a clarification between two or three ("Mente du …?"), or an
honest "ved ikke" with suggestions that relate to what was asked.

The order of trust: the ranking's confident answer (bot/answers/ranking.py) first; then the
concept vocabularies (bot/answers/concepts.py), which recognise a need described in a mayor's
own words; then a partial match of the catalogue's words, which is only good enough to ask.
A near-domain question (municipal business the catalogue does not answer) is declined unless
its situation clearly points to an offer, so one shared word never names an offer.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.answers.classifier import NEAR, OUT, THREAT, Guess
from bot.answers.concepts import ThreatLevel
from bot.answers.ranking import LIMIT, RUNNERS_UP, Ranking
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import Offer

CLARIFY_AT_MOST = 3
# The ranking's second offer scoring this close to its first is a reason to ask which is meant.
CLOSE = 0.85
# A partial match must cover this much of the question's weight to be worth a question back.
CLARIFY_COVERAGE = 0.3
# A near-domain question names an offer only when this many of its situation phrases match.
NEAR_DOMAIN_HITS = 2
# ... and the catalogue's words must cover nearly all of it for the ranking to name one.
NEAR_DOMAIN_COVERAGE = 0.8
SUGGESTIONS = 3
# The classifier's probabilities (bot/answers/classifier.py) at which it is trusted: to name an
# offer, to ask between its likeliest, to call a message a threat or out of scope.
LEARNED_ANSWER = 0.6
LEARNED_CLARIFY = 0.25
LEARNED_ALSO = 0.1
LEARNED_THREAT = 0.5
# Sure enough to name its offer before the ranking's; with a situation phrase of that offer and
# none of the ranking's, this much is ("er der noget mindre, hvor det går på omgang?": the
# network, though the ranking finds "omgang" in the work environment session).
LEARNED_OVERRIDE = 0.8
LEARNED_SECONDED = 0.5
LEARNED_OUT = 0.5
LEARNED_SURE = 0.9
LEARNED_DECLINE = 0.5
# The classifier gives the out-of-scope readings this much between them: it doubts an offer is
# meant, so only the catalogue's words (nearly all of the question) or two situation phrases may
# name one. A guess that rests on one word an offer uses leaves this much to the near-domain
# examples ("hvad er reglerne for borgmesterens brug af tjenestebil": pension 0.7, near 0.26).
LEARNED_DOUBT = 0.15


@dataclass(frozen=True)
class Choice:
    offers: tuple[Offer, ...]
    clarify: bool = False


def _order(ranking: Ranking) -> dict[str, int]:
    return {offer.id: place for place, (offer, _) in enumerate(ranking.candidates)}


def by_concepts(catalogue: Catalogue, ranking: Ranking, hits: Mapping[str, int], near: bool) -> Choice | None:
    """The offers whose situations the question describes, most phrases first (the ranking
    breaks ties); a tie at the top is a clarification."""
    known = {offer_id: n for offer_id, n in hits.items() if catalogue.get(offer_id) is not None}
    if not known:
        return None
    best = max(known.values())
    if near and best < NEAR_DOMAIN_HITS:
        return None
    order = _order(ranking)
    ranked = sorted(known, key=lambda offer_id: (-known[offer_id], order.get(offer_id, len(order))))
    offers = tuple(o for o in map(catalogue.get, ranked[:LIMIT]) if o is not None)
    tied = [offer_id for offer_id in ranked if known[offer_id] == best]
    if len(tied) == 1 or tied[0] in order:
        return Choice(offers)
    return Choice(offers[:CLARIFY_AT_MOST], clarify=True)


def by_partial_match(ranking: Ranking, near: bool, specific: bool) -> Choice | None:
    """A question back when the catalogue's words cover part of the question, and one of them is
    specific to an offer or two (a shared word like "ny" or "tid" is no reason to ask)."""
    if near or not specific or ranking.coverage < CLARIFY_COVERAGE or not ranking.candidates:
        return None
    best = ranking.candidates[0][1]
    offers = tuple(o for o, score in ranking.candidates[:CLARIFY_AT_MOST] if score >= RUNNERS_UP * best)
    return Choice(offers, clarify=True)


def related(catalogue: Catalogue, ranking: Ranking, hits: Mapping[str, int], fallback: tuple[Offer, ...]) -> tuple[Offer, ...]:
    """Offers to suggest after "ved ikke": those the question came nearest, else the default few."""
    near_ones = [o for o in map(catalogue.get, sorted(hits, key=lambda i: -hits[i])) if o is not None]
    near_ones += [offer for offer, _ in ranking.candidates]
    unique = tuple({o.id: o for o in reversed(near_ones)}[i] for i in dict.fromkeys(o.id for o in near_ones))[:SUGGESTIONS]
    return unique if unique else fallback


def threat_level(phrases: ThreatLevel, guess: Guess | None) -> ThreatLevel:
    """The phrases' verdict, raised by the classifier: its view alone adds the hotline (WEAK),
    and with a weak phrase it makes the message one about threats (STRONG). The classifier is
    overconfident on everyday complaints ("min nabo har plantet en hæk"), so it alone never
    names the offer."""
    learned = guess is not None and guess.probability(THREAT) >= LEARNED_THREAT
    if learned and phrases is ThreatLevel.WEAK:
        return ThreatLevel.STRONG
    return max(phrases, ThreatLevel.WEAK if learned else ThreatLevel.NONE)


def sure_of(guess: Guess | None, offer_id: str) -> bool:
    """Whether the classifier puts the offer first and is all but certain of it."""
    return guess is not None and guess.ranked[0][0] == offer_id and guess.ranked[0][1] >= LEARNED_SURE


def doubts(guess: Guess | None) -> bool:
    """Whether the classifier gives its out-of-scope readings a fair share of its belief."""
    return guess is not None and guess.probability(NEAR) + guess.probability(OUT) >= LEARNED_DOUBT


def near_domain(phrase: bool, guess: Guess | None) -> bool:
    """Whether to hold back offers the catalogue's words only partly support: the classifier
    finds the message like its out-of-scope examples, or gives them a fair share of its belief
    (unless it reads a threat: the safety net is not held back), or a near-domain phrase
    ("hvem er", "send mig") is in it."""
    if guess is None:
        return phrase
    best, p = guess.ranked[0]
    if best in (NEAR, OUT) and p >= LEARNED_OUT:
        return True
    if best != THREAT and doubts(guess):
        return True
    return phrase


def declined(guess: Guess | None) -> bool:
    """The classifier finds the message more like its out-of-scope examples than like any
    offer: even a ranking that covers the words ("indenrigsminister" meets the pamphlet's
    "Indenrigs- og Boligministeriet") does not name an offer then."""
    return guess is not None and guess.ranked[0][0] in (NEAR, OUT) and guess.ranked[0][1] >= LEARNED_DECLINE


def by_ranking(ranking: Ranking, guess: Guess | None) -> Choice:
    """The ranking's confident offers; a question back when the first two score alike and the
    classifier does not settle it either ("sparring", "økonomi": several offers are that)."""
    scores = [score for _, score in ranking.candidates[:2]]
    close = len(ranking.offers) > 1 and len(scores) == 2 and scores[1] >= CLOSE * scores[0]
    settled = guess is not None and any(
        name == ranking.offers[0].id and p >= LEARNED_ANSWER for name, p in guess.offers()[:1]
    )
    if close and not settled:
        return Choice(ranking.offers[:CLARIFY_AT_MOST], clarify=True)
    return Choice(ranking.offers)


def overridden(catalogue: Catalogue, ranking: Choice, guess: Guess | None, hits: Mapping[str, int]) -> Choice:
    """The ranking's answer, unless the classifier is all but certain of another offer: a long
    question in a mayor's own words shares chance words with other offers more than its own.
    Two situation phrases of the ranking's offer that the classifier's lacks keep it first, the
    classifier's next, unless the classifier is sure ("jeg er sekretær for borgmesteren. Hun vil
    gerne på det der kursus i at lede møder")."""
    if guess is None:
        return ranking
    offers = guess.offers()
    if not offers or offers[0][0] == ranking.offers[0].id:
        return ranking
    # A situation phrase of the classifier's offer, and none of the ranking's, is a second reading
    # for it ("vi vil gerne starte samarbejdet godt med den nye kd": not the gathering for new mayors).
    seconded = offers[0][1] >= LEARNED_SECONDED and hits.get(offers[0][0], 0) > 0 == hits.get(ranking.offers[0].id, 0)
    if offers[0][1] < LEARNED_OVERRIDE and not seconded:
        return ranking
    first = catalogue.get(offers[0][0])
    if first is None:
        return ranking
    held = offers[0][1] < LEARNED_SURE and hits.get(ranking.offers[0].id, 0) >= NEAR_DOMAIN_HITS > hits.get(first.id, 0)
    if held:
        return Choice((ranking.offers[0], first, *(o for o in ranking.offers[1:] if o.id != first.id))[:LIMIT], ranking.clarify)
    return Choice((first, *(o for o in ranking.offers if o.id != first.id))[:LIMIT], ranking.clarify)


def by_classifier(catalogue: Catalogue, guess: Guess | None, near: bool, sure: bool = False) -> Choice | None:
    """The offer the message resembles most: named when the classifier is sure, asked about
    (with the next likeliest) when it is fairly sure, never for a near-domain message.
    `sure` asks only for the first kind (it then goes before the concept vocabularies)."""
    if guess is None or near or not guess.known_words:
        return None
    if sure and guess.ranked[0][1] < LEARNED_SURE:
        return None
    offers = [(catalogue.get(name), p) for name, p in guess.offers()]
    known = [(offer, p) for offer, p in offers if offer is not None]
    if not known or known[0][1] < LEARNED_CLARIFY:
        return None
    if known[0][1] >= LEARNED_ANSWER:
        return Choice(tuple(offer for offer, p in known[:LIMIT] if p >= LEARNED_ALSO))
    return Choice(tuple(offer for offer, p in known[:CLARIFY_AT_MOST] if p >= LEARNED_ALSO), clarify=True)

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

from bot.answers.ranking import LIMIT, RUNNERS_UP, Ranking
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import Offer

CLARIFY_AT_MOST = 3
# A partial match must cover this much of the question's weight to be worth a question back.
CLARIFY_COVERAGE = 0.3
# A near-domain question names an offer only when this many of its situation phrases match.
NEAR_DOMAIN_HITS = 2
# ... and the catalogue's words must cover nearly all of it for the ranking to name one.
NEAR_DOMAIN_COVERAGE = 0.8
SUGGESTIONS = 3


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

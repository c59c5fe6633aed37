"""Ranking offers for a question, and deciding when not to answer.

BM25 alone ranks an offer first that shares one common word with a question about something
else ("Hvem er borgmester i Odense?"). So each offer's score is weighted by how much of the
question it covers, counting every word by its rarity (BM25's idf) and a word the catalogue does
not know as fully telling. The bot abstains when no offer covers at least half of the question, or
when what it covers are only words that many offers share.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.answers.index import Match, OfferIndex, Term
from bot.catalogue.schema import Offer

MIN_COVERAGE = 0.5
MIN_EVIDENCE = 1.0
LIMIT = 5
# Offers far behind the best are left out: "see also" should be worth seeing.
RUNNERS_UP = 0.35
# A word matched only by typo tolerance is likelier than others to be a different word.
_TYPO_CREDIT = 0.75


@dataclass(frozen=True)
class Ranking:
    offers: tuple[Offer, ...]
    abstained: bool
    coverage: float
    # Every offer with any score, best first, thresholds aside: what a clarification or a
    # concept match is ordered by.
    candidates: tuple[tuple[Offer, float], ...] = ()


def _weight(index: OfferIndex, term: Term) -> float:
    return max(index.idf(k) for k in term.keys) if term.keys else index.unknown_weight


def _matched(index: OfferIndex, term: Term, position: int) -> float:
    found = [index.has(position, k) for k in term.keys]
    if not found:
        return 0.0
    if term.match is Match.COMPOUND:
        return sum(found) / len(found)
    if not any(found):
        return 0.0
    return _TYPO_CREDIT if term.match is Match.TYPO else 1.0


def _evidence(index: OfferIndex, terms: Sequence[Term], position: int) -> tuple[float, float]:
    """(weight of the question this offer covers, weight of the whole question)."""
    matched = total = 0.0
    for term in terms:
        weight = _weight(index, term)
        total += weight
        matched += weight * _matched(index, term, position)
    return matched, total


def rank(index: OfferIndex, terms: Sequence[Term], limit: int = LIMIT) -> Ranking:
    """Offers that cover enough of the question, best first; abstain when none does."""
    scored: list[tuple[float, int]] = []
    weighed: list[tuple[float, int]] = []
    best_coverage = 0.0
    for position, score in enumerate(index.scores(terms)):
        if score <= 0:
            continue
        matched, total = _evidence(index, terms, position)
        coverage = matched / total if total else 0.0
        best_coverage = max(best_coverage, coverage)
        weighed.append((score * coverage, position))
        if coverage >= MIN_COVERAGE and matched >= MIN_EVIDENCE:
            scored.append((score * coverage, position))
    scored.sort(key=lambda row: (-row[0], row[1]))
    weighed.sort(key=lambda row: (-row[0], row[1]))
    offers = tuple(index.offers[position] for score, position in scored[:limit] if score >= RUNNERS_UP * scored[0][0])
    candidates = tuple((index.offers[position], score) for score, position in weighed if score > 0)
    return Ranking(offers=offers, abstained=not offers, coverage=best_coverage, candidates=candidates)

"""The search index over the catalogue: which words each offer uses, and BM25 scores for a
question's words (bm25s does the scoring; this module decides what the words are).

A question word is resolved to index keys in order of trust: its stem as is; the parts of a
compound; a stem the word is a prefix of (or that is a prefix of it: "forhandler" meets
"forhandling"); a catalogue word one or two typing errors away. A word none of these find stays
unknown, which is evidence that the question is about something the catalogue does not cover.
"""
from __future__ import annotations

import bisect
import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import bm25s
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.answers import stopwords
from bot.answers.compounds import split_compound
from bot.answers.normalise import tokens
from bot.answers.stemming import stem_da, stem_en
from bot.catalogue.schema import Offer

# How much each field says about what an offer is: the title and the search aids most.
_DANISH_FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 3),
    ("keywords", 2),
    ("subgroup", 1),
    ("summary", 1),
    ("description", 1),
    ("audience", 1),
    ("provider", 1),
)
_ENGLISH_WEIGHT = 2

# bm25s sets its own logger to DEBUG and reports every index build; that is noise in the bot's log.
logging.getLogger("bm25s").setLevel(logging.WARNING)
_MIN_PREFIX = 5
_MIN_TYPO = 6
_TWO_TYPOS = 9
# The catalogue's own compounds are split only at heads this long: its text is long enough to
# hold chance splits ("erfa" + "ringer"), while a mayor's short question is not.
_MIN_DOCUMENT_HEAD = 5


class Match(StrEnum):
    EXACT = "exact"
    COMPOUND = "compound"
    PREFIX = "prefix"
    TYPO = "typo"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Term:
    """One content word of a question and the index keys it stands for (empty when unknown).
    A compound's keys must all be found in an offer; other terms' keys are alternatives."""

    word: str
    keys: tuple[str, ...]
    match: Match


def pairs(stems: Sequence[str]) -> list[str]:
    """Neighbouring stems as one key each ("forst tid"): phrases count for more than words."""
    return [f"{a} {b}" for a, b in zip(stems, stems[1:])]


def _field_text(offer: Offer, name: str) -> str:
    value = getattr(offer, name)
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


class OfferIndex:
    def __init__(self, offers: Sequence[Offer]) -> None:
        self.offers = tuple(offers)
        danish_words = [
            [w for w in tokens(" ".join(_field_text(o, f) for f, _ in _DANISH_FIELDS)) if w not in stopwords.ALL]
            for o in self.offers
        ]
        surface = {w for words in danish_words for w in words if len(w) >= 3}
        self._whole_stems = {stem_da(w) for w in surface}
        self._heads = frozenset(surface | {s for s in self._whole_stems if len(s) >= 3})
        docs = [self._document(offer) for offer in self.offers]
        self._keysets = [frozenset(doc) for doc in docs]
        self._df = Counter(key for keys in self._keysets for key in keys)
        self._sorted_keys = sorted(self._df)
        self._typo_words = sorted(w for w in surface if len(w) >= _MIN_TYPO - 1)
        self._bm25 = bm25s.BM25()
        self._bm25.index(docs, show_progress=False)

    def _known_surface(self, word: str) -> bool:
        return word in self._heads or stem_da(word) in self._whole_stems

    def _danish_keys(self, text: str) -> list[str]:
        words = [w for w in tokens(text) if w not in stopwords.ALL]
        stems = [stem_da(w) for w in words]
        keys = stems + pairs(stems)
        for word in words:
            if len(word) >= 7:
                parts = split_compound(word, self._heads, self._known_surface, min_head=_MIN_DOCUMENT_HEAD)
                keys.extend(stem_da(p) for p in parts or ())
        return keys

    def _document(self, offer: Offer) -> list[str]:
        keys: list[str] = []
        for name, weight in _DANISH_FIELDS:
            keys.extend(self._danish_keys(_field_text(offer, name)) * weight)
        english = [stem_en(w) for w in tokens(" ".join(offer.english)) if w not in stopwords.ENGLISH]
        keys.extend(english * _ENGLISH_WEIGHT)
        return keys

    # -- questions -------------------------------------------------------------------------

    def resolve(self, word: str, english: bool) -> Term:
        """What a folded, non-stop word of a question stands for in the index."""
        stems = [stem_da(word), stem_en(word)] if english else [stem_da(word)]
        keys = tuple(dict.fromkeys(s for s in stems if s in self._df))
        if keys:
            return Term(word, keys, Match.EXACT)
        if len(word) >= 6:
            parts = split_compound(word, self._heads, self._known_surface)
            part_keys = tuple(dict.fromkeys(stem_da(p) for p in parts or ()))
            if part_keys and all(k in self._df for k in part_keys):
                return Term(word, part_keys, Match.COMPOUND)
        prefixed = self._prefix_key(stems[0])
        if prefixed:
            return Term(word, (prefixed,), Match.PREFIX)
        if len(word) >= _MIN_TYPO:
            near = process.extractOne(
                word, self._typo_words, scorer=OSA.distance, score_cutoff=2 if len(word) >= _TWO_TYPOS else 1
            )
            if near and stem_da(near[0]) in self._df:
                return Term(word, (stem_da(near[0]),), Match.TYPO)
        return Term(word, (), Match.UNKNOWN)

    def _prefix_key(self, stem: str) -> str | None:
        """The shortest key the stem begins, or the longest key it begins with."""
        if len(stem) < _MIN_PREFIX:
            return None
        start = bisect.bisect_left(self._sorted_keys, stem)
        if start < len(self._sorted_keys) and self._sorted_keys[start].startswith(stem):
            longer = []
            for key in self._sorted_keys[start:]:
                if not key.startswith(stem):
                    break
                longer.append(key)
            return min(longer, key=len)
        for cut in range(len(stem) - 1, _MIN_PREFIX - 1, -1):
            if stem[:cut] in self._df:
                return stem[:cut]
        return None

    def scores(self, terms: Sequence[Term]) -> list[float]:
        """BM25 over the terms' keys, plus the pairs of neighbouring words, so an offer that says
        "første tid" beats one that only has "første" and "tid" apart."""
        keys = list(dict.fromkeys(k for t in terms for k in t.keys))
        keys += pairs([t.keys[0] for t in terms if t.match is Match.EXACT])
        if not keys:
            return [0.0] * len(self.offers)
        return [float(s) for s in self._bm25.get_scores(keys)]

    def df(self, key: str) -> int:
        """How many offers use a key."""
        return self._df.get(key, 0)

    def idf(self, key: str) -> float:
        """BM25's idf: how rare, and so how telling, a key is among the offers."""
        n, df = len(self.offers), self._df.get(key, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    @property
    def unknown_weight(self) -> float:
        """A word the catalogue does not know tells as much as one only a single offer uses."""
        n = len(self.offers)
        return math.log(1 + (n - 0.5) / 1.5)

    def has(self, position: int, key: str) -> bool:
        return key in self._keysets[position]

"""Concept vocabularies (concepts.yaml): the situations and needs mayors describe in their own
words, matched as phrases on folded text. They decide recognition only — which offer a question
is about, whether it describes a threat, whether it is municipal business the catalogue does not
cover — never what the answer says.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum, IntEnum
from functools import cache
from pathlib import Path

import yaml

from bot.answers.normalise import expand, fold

VOCABULARY = Path(__file__).with_name("concepts.yaml")
# The label of a near-domain phrase that is a way of asking ("hvem er", "hvor mange"), not a subject.
SOFT = "soft"
# The label of a near-domain phrase that asks the bot to do a task ("send mig", "skriv en").
TASK = "task"
_WORD = re.compile(r"[a-z0-9]+")
# Words of a phrase may have this many other words between them ("kastet en sten gennem").
GAP = 2
# The gap holds no infinitive marker: "en at tale med" is to talk, not "en tale".
_INFINITIVE = "at"


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, abbreviations written out: what phrases are matched against.
    Unlike normalise.tokens it keeps one-letter words, so "b 98" and "i 2027" stay phrases."""
    return tuple(map(expand, _WORD.findall(fold(text))))


class _Kind(Enum):
    PREFIX = "prefix"
    EXACT = "exact"
    INFIX = "infix"
    SUFFIX = "suffix"


@dataclass(frozen=True)
class _Word:
    kind: _Kind
    text: str

    def matches(self, token: str) -> bool:
        if self.kind is _Kind.PREFIX:
            return token.startswith(self.text)
        if self.kind is _Kind.EXACT:
            return token == self.text
        if self.kind is _Kind.SUFFIX:
            return token.endswith(self.text)
        return self.text in token


def _parse(phrase: str) -> tuple[_Word, ...]:
    """A phrase's marks ("*" in front, "=" behind, both for a word's ending: "*minister=" is
    indenrigsminister, not ministeriet) belong to its words; hyphens split words as they do in
    questions ("spray-painted" is "spray painted")."""
    parts: list[_Word] = []
    for raw in phrase.split():
        folded = _WORD.findall(fold(raw))
        for place, text in enumerate(folded):
            # A word of one or two letters is itself ("i", "en"), never the start of another.
            kind = _Kind.EXACT if len(text) <= 2 else _Kind.PREFIX
            if place == 0 and raw.startswith("*"):
                ending = len(folded) == 1 and raw.endswith("=")
                kind = _Kind.SUFFIX if ending else _Kind.INFIX
            elif place == len(folded) - 1 and raw.endswith("="):
                kind = _Kind.EXACT
            parts.append(_Word(kind, text))
    return tuple(parts)


def _rest_follows(phrase: tuple[_Word, ...], tokens: tuple[str, ...], start: int) -> bool:
    return _end(phrase, tokens, start) is not None


def _end(phrase: tuple[_Word, ...], tokens: tuple[str, ...], start: int) -> int | None:
    """The place of the token the phrase begun at `start` ends at, or None when it does not follow."""
    position = start
    for word in phrase[1:]:
        window = tokens[position + 1 : position + 2 + GAP]
        bounded = window[: window.index(_INFINITIVE) + 1] if _INFINITIVE in window[:-1] else window
        found = next((i for i, token in enumerate(bounded) if word.matches(token)), None)
        if found is None:
            return None
        position += 1 + found
    return position


class Phrases:
    """A set of phrases, indexed by their first word so a question is checked in microseconds
    (each token looks up its own prefixes) rather than against every phrase."""

    def __init__(self, phrases: Iterable[str], labels: Iterable[str] | None = None) -> None:
        """`labels` name what each phrase stands for (an offer id), in the order of `phrases`."""
        parsed = list(map(_parse, phrases))
        named = list(labels) if labels is not None else [""] * len(parsed)
        kept = [(phrase, label) for phrase, label in dict.fromkeys(zip(parsed, named)) if phrase]
        self._phrases = [phrase for phrase, _ in kept]
        self._labels = [label for _, label in kept]
        self._heads: dict[str, list[int]] = {}
        self._infix: list[int] = []
        for number, phrase in enumerate(self._phrases):
            if phrase[0].kind in (_Kind.INFIX, _Kind.SUFFIX):
                self._infix.append(number)
            else:
                self._heads.setdefault(phrase[0].text, []).append(number)

    def _starts(self, tokens: tuple[str, ...]) -> Iterator[tuple[int, int]]:
        """Each phrase the tokens hold, as (the token it begins at, its number)."""
        for start, token in enumerate(tokens):
            candidates = [n for k in range(1, len(token) + 1) for n in self._heads.get(token[:k], ())]
            for number in candidates + self._infix:
                phrase = self._phrases[number]
                if phrase[0].matches(token) and _rest_follows(phrase, tokens, start):
                    yield start, number

    def without(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """The tokens with those of every phrase they hold left out."""
        covered = {
            place for start, number in self._starts(tokens)
            for place in range(start, (_end(self._phrases[number], tokens, start) or start) + 1)
        }
        return tuple(token for place, token in enumerate(tokens) if place not in covered)

    def matched(self, tokens: tuple[str, ...]) -> set[int]:
        """The numbers of the phrases the tokens hold."""
        return {number for _, number in self._starts(tokens)}

    def any(self, tokens: tuple[str, ...]) -> bool:
        return bool(self.matched(tokens))

    def count(self, tokens: tuple[str, ...]) -> int:
        return len(self.matched(tokens))

    def held(self, tokens: tuple[str, ...]) -> frozenset[int]:
        """The numbers of the phrases the tokens hold, a phrase that begins a longer one held too
        not counted apart ("hvem er" inside "hvem er borgmester" is one phrase), nor two of one
        kind that begin at the same word ("regler for" and "reglerne for" in "reglerne for
        inhabilitet" are one)."""
        longest: dict[tuple[int, str], int] = {}
        for start, number in self._starts(tokens):
            kept = longest.get((start, self._labels[number]))
            if kept is None or len(self._phrases[number]) > len(self._phrases[kept]):
                longest[(start, self._labels[number])] = number
        found = set(longest.values())
        return frozenset(
            number for number in found
            if not any(
                len(self._phrases[other]) > len(self._phrases[number])
                and self._phrases[other][: len(self._phrases[number])] == self._phrases[number]
                for other in found
            )
        )

    def first_places(self, tokens: tuple[str, ...], shortest: int = 1) -> dict[int, set[str]]:
        """Where the tokens' phrases of at least `shortest` words begin (a token's place) and
        the labels of those that begin there: which offers a message names, in its order."""
        places: dict[int, set[str]] = {}
        for start, number in self._starts(tokens):
            if len(self._phrases[number]) >= shortest:
                places.setdefault(start, set()).add(self._labels[number])
        return places

    def label(self, number: int) -> str:
        return self._labels[number]

    def count_by_label(self, tokens: tuple[str, ...]) -> dict[str, int]:
        return dict(Counter(self._labels[number] for number in self.matched(tokens)))


class ThreatLevel(IntEnum):
    """NONE; WEAK: the hotline is added to whatever the answer is; STRONG: the answer is about
    the hotline offer first."""

    NONE = 0
    WEAK = 1
    STRONG = 2


@dataclass(frozen=True)
class Concepts:
    threat_strong: Phrases
    threat_weak: Phrases
    exposure: Phrases
    # Everyday phrases with a threat word in them ("kalenderen er smadret"): no threat.
    benign: Phrases
    near: Phrases
    offers: Phrases

    def threat_level(self, text: tuple[str, ...]) -> "ThreatLevel":
        """The safety net: STRONG for a strong phrase; WEAK for two weak ones, or one about home
        or family. `text` is the output of words(). A false alarm costs little; a miss is the
        worst failure this product has, so WEAK still gets the hotline. The words of an everyday
        phrase that holds a threat word ("min kalender er fuldstændig smadret") are left out."""
        text = self.benign.without(text)
        if self.threat_strong.any(text):
            return ThreatLevel.STRONG
        weak = self.threat_weak.count(text)
        if weak >= 2 or (weak == 1 and self.exposure.any(text)):
            return ThreatLevel.WEAK
        return ThreatLevel.NONE

    def offer_hits(self, text: tuple[str, ...]) -> dict[str, int]:
        """How many of each offer's situation phrases the text holds (offers without any left out)."""
        return self.offers.count_by_label(text)


@cache
def load_concepts(path: Path = VOCABULARY) -> Concepts:
    """Read and compile once per process: the vocabulary is part of the code, not of the catalogue."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    threat = data["threat"]
    return Concepts(
        threat_strong=Phrases(threat["strong"]),
        threat_weak=Phrases(threat["weak"]),
        exposure=Phrases(threat["exposure"]),
        benign=Phrases(threat["benign"]),
        near=Phrases(
            [*data["near"], *data["near_task"], *data["near_soft"]],
            [*([""] * len(data["near"])), *([TASK] * len(data["near_task"])), *([SOFT] * len(data["near_soft"]))],
        ),
        offers=Phrases(
            (phrase for phrases in data["offers"].values() for phrase in phrases),
            (offer_id for offer_id, phrases in data["offers"].items() for _ in phrases),
        ),
    )

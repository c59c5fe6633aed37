"""List questions: "hvilke temasessioner er der?", "hvad tilbyder Komponent?", "hvilke tilbud er der?".

The things one can list are the catalogue's groups, its sub-groups (Temasessioner, Værktøjer)
and its providers, all read from the catalogue, so a new group or provider is listable at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers import stopwords
from bot.answers.index import Match, OfferIndex, Term
from bot.answers.normalise import tokens
from bot.answers.stemming import stem_da, stem_en
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import GroupId, Offer

# Words that name the catalogue's content in general; in a list question they name no topic.
_CONTENT = ("tilbud", "tilbuddene", "tilbyde", "tilbydes", "aktiviteter", "muligheder", "offer", "offers", "activities")
_GENERAL = (*_CONTENT, "borgmestre", "borgmester", "mayors", "mayor",
            # Where in the catalogue: "hvad står der i det afsnit af kataloget?"
            "afsnit", "afsnittet", "katalog", "kataloget", "part", "section", "catalogue", "catalog",
            # When, not what: "hvilke temasessioner er der i den her valgperiode?"
            "kommende", "valgperiode", "valgperioden", "periode", "perioden", "året", "foråret", "efteråret", "halvåret",
            "term", "year")
_GENERAL_KEYS = frozenset({stem_da(w) for w in _GENERAL} | {stem_en(w) for w in _GENERAL})
_CONTENT_KEYS = frozenset({stem_da(w) for w in _CONTENT} | {stem_en(w) for w in _CONTENT})


# English names of what can be listed, as the catalogue's Danish words: list questions work in
# English too ("which theme sessions are there?") though the catalogue's names are Danish.
_ENGLISH_NAMES = (
    (re.compile(r"\btheme ?sessions?\b"), "temasessioner"),
    (re.compile(r"\btools?\b"), "værktøjer"),
    (re.compile(r"\boffers?\b"), "tilbud"),
    (re.compile(r"\b(?:community|fellowship)\b"), "fællesskab"),
    (re.compile(r"\bnetworks\b"), "netværk"),
    (re.compile(r"\bpersonal leadership\b"), "personlige lederskab"),
)


# "what theme sessions are planned?": in English a list question may open with "what" before the
# name of what it lists (the name in Danish, see in_danish), or ask what is in it.
_WHAT_LIST = re.compile(
    r"\bwhat (?:kinds? of |sorts? of |other )?(?:" + "|".join(d for _, d in _ENGLISH_NAMES) + r")\b|\bwhat(?:'s| is) in\b"
)


def asks_for_a_list(danish: str) -> bool:
    """Whether an English question, as in_danish gives it, asks for a list by "what …"."""
    return bool(_WHAT_LIST.search(danish))


def in_danish(text: str) -> str:
    """An English list question with the catalogue's Danish names for what it asks about."""
    lowered = text.casefold()
    for pattern, danish in _ENGLISH_NAMES:
        lowered = pattern.sub(danish, lowered)
    return lowered


@dataclass(frozen=True)
class ListTarget:
    label: str
    offers: tuple[Offer, ...]
    group: GroupId | None = None
    keys: frozenset[str] = frozenset()


def _singular_definite(word: str) -> bool:
    """"værktøjet", "netværket", "sessionen": one thing, already known, not a kind to list."""
    return word.endswith(("et", "en")) and not word.endswith(("erne", "ene"))


def _keys(text: str) -> frozenset[str]:
    return frozenset(stem_da(w) for w in tokens(text) if w not in stopwords.ALL) - _GENERAL_KEYS


def _providers(offer: Offer) -> list[str]:
    return [name.strip() for name in re.split(r"/| i samarbejde med ", offer.provider) if name.strip()]


class ListTargets:
    def __init__(self, catalogue: Catalogue, index: OfferIndex) -> None:
        self._index = index
        self.everything = ListTarget(label="", offers=catalogue.offers)
        targets: list[ListTarget] = []
        for group in catalogue.groups:
            offers = tuple(catalogue.in_group(group.id))
            targets.append(ListTarget(group.title, offers, group.id, _keys(group.title)))
            for subgroup in dict.fromkeys(o.subgroup for o in offers if o.subgroup):
                members = tuple(o for o in offers if o.subgroup == subgroup)
                targets.append(ListTarget(subgroup, members, group.id, _keys(subgroup)))
        for name in dict.fromkeys(p for o in catalogue.offers for p in _providers(o)):
            members = tuple(o for o in catalogue.offers if name in _providers(o))
            targets.append(ListTarget(name, members, None, frozenset(stem_da(w) for w in tokens(name))))
        self._targets = [t for t in targets if t.keys]
        # The name of a provider of half the catalogue or more ("KL") in a list question says
        # who offers it, not which offers: "hvilke fællesskaber og netværk har KL?".
        self._broad_keys = frozenset(
            k for t in targets if t.group is None and len(t.offers) * 2 >= len(catalogue.offers) for k in t.keys
        )

    def find(self, terms: list[Term], asked_for_list: bool) -> ListTarget | None:
        """The target a list question names. Without a list phrase only a bare name counts
        ("temasessioner"), since "netværk" alone asks for the offer, not for the whole group."""
        topical = [t for t in terms if t.match is not Match.UNKNOWN and not set(t.keys) <= _GENERAL_KEYS]
        unknown = any(t.match is Match.UNKNOWN for t in terms)
        # A word the catalogue does not know ("hvilke værktøjer har KL udviklet?") is let pass
        # only in a list question that names a target; it never lists the whole catalogue.
        if unknown and not (asked_for_list and topical):
            return None
        if not topical:
            # "hvilke tilbud er der?" lists them all; "kan borgmesteren også komme med på det?"
            # names nothing to list.
            content = any(set(t.keys) & _CONTENT_KEYS for t in terms)
            return self.everything if terms and (asked_for_list or content) else None
        if not asked_for_list and any(_singular_definite(t.word) for t in topical):
            # "hvem har lavet værktøjet?" asks about one, the one just spoken of.
            return None
        listed = [t for t in topical if not set(t.keys) <= self._broad_keys]
        topical = listed if listed and asked_for_list else topical
        keys = {k for t in topical for k in t.keys}
        candidates = [
            target
            for target in self._targets
            if all(set(t.keys) & target.keys for t in topical) and (asked_for_list or keys == target.keys)
        ]
        # The target whose name the question covers best ("KL" is the provider, not "Fra KL's
        # velkomstbrev"); among equals the narrowest ("Værktøjer" before "Viden, kompetencer og værktøjer").
        return max(
            candidates,
            key=lambda t: (len(keys & t.keys) / len(t.keys), -len(t.offers)),
            default=None,
        )

"""Folding text to one spelling, so a question typed without æ/ø/å ("modeledelse",
"haandtering", "kommunaloekonomi") meets the catalogue's correct Danish ("mødeledelse").

Every spelling variant is folded to one skeleton, in the catalogue and in the question alike:
æ/ä and "ae" stay "ae"; ø/ö and "oe" become "o"; å and "aa" become "a" (OCR and keyboards without
Danish letters write a plain "a" for "å", which therefore also meets it). Other accents are dropped.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS = str.maketrans({"æ": "ae", "ä": "ae", "ø": "o", "ö": "o", "œ": "o"})
_DIGRAPHS = (("aa", "a"), ("oe", "o"))
_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=8192)
def fold_word(word: str) -> str:
    """The skeleton of one word (already lower-case and free of punctuation)."""
    word = word.translate(_LETTERS)
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    return word


def fold(text: str) -> str:
    """The skeleton of a whole text: case-folded, words folded, punctuation kept."""
    return re.sub(r"\w+", lambda m: fold_word(m.group()), text.casefold())


# Abbreviations the catalogue uses in titles ("Makkerskab ml. borgmester og kommunaldirektør").
# Abbreviations mayors write for the catalogue's words ("hva er tlf nr til KL", "bgm").
_ABBREVIATIONS = {
    "ml": "mellem", "tlf": "telefon", "tlfnr": "telefonnummer", "nr": "nummer", "bgm": "borgmester",
    "fb": "facebook", "insta": "instagram", "ig": "instagram", "kd": "kommunaldirektor",
    # Mayors call the theme sessions theme days too.
    "temadag": "temasession", "temadage": "temasessioner", "temadagen": "temasessionen", "temadagene": "temasessionerne",
}


def expand(word: str) -> str:
    """The word an abbreviation stands for ("kd" is "kommunaldirektor"); any other word itself."""
    return _ABBREVIATIONS.get(word, word)


def tokens(text: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """The folded words of a text; single characters ("s" of "KL's", "2" of "2-3") carry nothing
    and are dropped, except those in `keep`."""
    return [expand(t) for t in _TOKEN.findall(fold(text)) if len(t) > 1 or t in keep]

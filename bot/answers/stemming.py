"""Stems from the Snowball stemmers, cached: the catalogue's words and mayors' words recur."""
from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_DANISH = snowballstemmer.stemmer("danish")
_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def stem_da(word: str) -> str:
    return _DANISH.stemWord(word)


@lru_cache(maxsize=16384)
def stem_en(word: str) -> str:
    return _ENGLISH.stemWord(word)

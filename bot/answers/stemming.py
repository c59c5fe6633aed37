"""Stems from the Snowball stemmers, cached: the catalogue's words and mayors' words recur.

A Snowball stemmer keeps the word it is working on in the object itself, so two threads (two
questions answered at once by Bolt's listener pool) stemming through one stemmer corrupt each
other (an IndexError, or a wrong stem). Each thread gets its own pair."""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

import snowballstemmer

_PER_THREAD = threading.local()


def _stemmer(language: str) -> Any:
    stemmer = getattr(_PER_THREAD, language, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        setattr(_PER_THREAD, language, stemmer)
    return stemmer


@lru_cache(maxsize=16384)
def stem_da(word: str) -> str:
    return str(_stemmer("danish").stemWord(word))


@lru_cache(maxsize=16384)
def stem_en(word: str) -> str:
    return str(_stemmer("english").stemWord(word))

"""Telling an English question from a Danish one, so the reply comes back in the asker's language.

Questions are a handful of words, too short for statistical detectors; the function words they
contain decide. Danish wins ties and questions without function words ("B98", "mentorordning").
"""
from __future__ import annotations

from bot.answers import stopwords

DANISH = "da"
ENGLISH = "en"

# Greetings and thanks are often the whole message, so they count as evidence too.
_ENGLISH_WORDS = stopwords.ENGLISH_ONLY | {"thanks", "thank", "hello", "hi", "hey", "thx"}
_DANISH_WORDS = stopwords.DANISH_ONLY | {"hej", "hejsa", "tak", "goddag", "godmorgen", "dav"}


def detect_language(text: str, words: list[str]) -> str:
    """`words` are the folded tokens of `text`; letters only Danish has settle it at once."""
    if any(c in text for c in "æøåÆØÅ"):
        return DANISH
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    danish = sum(1 for w in words if w in _DANISH_WORDS)
    return ENGLISH if english > danish else DANISH

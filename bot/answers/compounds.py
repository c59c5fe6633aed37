"""Splitting Danish compounds ("netværksmøder", "borgmesternetværket", "mødelokale") into words
the catalogue uses, so a compound meets its parts and the parts meet the compound."""
from __future__ import annotations

from collections.abc import Callable, Collection

MIN_PART = 3
_LINKS = ("s", "e")


def split_compound(
    word: str, heads: Collection[str], is_known: Callable[[str], bool], depth: int = 2
) -> list[str] | None:
    """Parts of a folded `word`, each a known word, or None when it does not split.

    `heads` are surface words that may start a compound (with or without a linking -s/-e);
    `is_known` says whether a tail (surface form) is a catalogue word. The longest head wins, so
    "borgmesternetvaerket" splits as "borgmester" + "netvaerket" rather than at "borg".
    """
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if head not in heads and not (head[-1] in _LINKS and head[:-1] in heads):
            continue
        head = head if head in heads else head[:-1]
        if len(head) < MIN_PART:
            continue
        if is_known(tail):
            return [head, tail]
        if depth > 1:
            rest = split_compound(tail, heads, is_known, depth - 1)
            if rest:
                return [head, *rest]
    return None

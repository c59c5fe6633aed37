"""Splitting Danish compounds ("netværksmøder", "borgmesternetværket", "mødelokale") into words
the catalogue uses, so a compound meets its parts and the parts meet the compound."""
from __future__ import annotations

from collections.abc import Callable, Collection

MIN_PART = 3
_LINKS = ("s",)


def split_compound(
    word: str, heads: Collection[str], is_known: Callable[[str], bool], depth: int = 2, min_head: int = MIN_PART
) -> list[str] | None:
    """Parts of a folded `word`, each a known word, or None when it does not split.

    `heads` are surface words that may start a compound (with or without a linking -s);
    `is_known` says whether a tail (surface form) is a catalogue word. The longest head wins, so
    "borgmesternetvaerket" splits as "borgmester" + "netvaerket" rather than at "borg". Short
    heads ("erfa" in "erfaringer") are where false splits come from; `min_head` keeps them out.
    """
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if head not in heads and not (head[-1] in _LINKS and head[:-1] in heads):
            continue
        head = head if head in heads else head[:-1]
        if len(head) < min_head:
            continue
        if is_known(tail):
            return [head, tail]
        if depth > 1:
            rest = split_compound(tail, heads, is_known, depth - 1, min_head)
            if rest:
                return [head, *rest]
    return None

"""The 98 municipalities, so a municipality typed in Slack or in an import file becomes exactly
one of them: "Københavns Kommune", "kobenhavn" and "København" are the same place."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from bot.resources import packaged

_SUFFIX = re.compile(r"\s+(regions)?kommune$")
_FOLD = str.maketrans({"æ": "a", "ø": "o", "å": "a", "é": "e", "-": None, " ": None})


def _key(name: str) -> str:
    """Letters only, with æ/ø/å and their spelled-out forms (ae, oe, aa) folded alike."""
    folded = _SUFFIX.sub("", " ".join(name.casefold().split()))
    return folded.replace("aa", "a").replace("oe", "o").replace("ae", "a").translate(_FOLD)


@lru_cache(maxsize=1)
def municipality_names() -> tuple[str, ...]:
    """The official short names in the file's order (by region, then alphabetical)."""
    with packaged("kommuner.csv").open(encoding="utf-8") as handle:
        return tuple(row["kommune"] for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    return {_key(name): name for name in municipality_names()}


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    with packaged("kommuner.csv").open(encoding="utf-8") as handle:
        return {row["kommune"]: row["region"] for row in csv.DictReader(handle)}


def region_of(municipality: str) -> str | None:
    """The region a municipality lies in ('Midtjylland'), or None for an unknown name."""
    name = find_municipality(municipality)
    return _regions().get(name) if name else None


def find_municipality(text: str) -> str | None:
    """The official name for what was typed, or None. A genitive or missing "s" is forgiven
    ("Københavns", "Nordfyn"), since both spellings are in everyday use."""
    key = _key(text)
    if not key:
        return None
    names = _by_key()
    return names.get(key) or names.get(key.removesuffix("s")) or names.get(key + "s")

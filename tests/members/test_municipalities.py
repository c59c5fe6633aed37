"""Municipality names as people type them map to exactly one of the 98."""
from __future__ import annotations

import pytest

from bot.members.municipalities import find_municipality, municipality_names


def test_all_98_and_each_finds_itself() -> None:
    names = municipality_names()
    assert len(names) == len(set(names)) == 98
    assert all(find_municipality(name) == name for name in names)


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Københavns Kommune", "København"),
        ("kobenhavn", "København"),
        ("Århus", "Aarhus"),
        ("lyngby taarbaek", "Lyngby-Taarbæk"),
        ("Bornholms Regionskommune", "Bornholm"),
        ("Nordfyn", "Nordfyns"),
        ("  Høje   Taastrup ", "Høje-Taastrup"),
    ],
)
def test_everyday_spellings(typed: str, official: str) -> None:
    assert find_municipality(typed) == official


@pytest.mark.parametrize("typed", ["", "   ", "Paris", "Kommune", "<!channel>"])
def test_unknown_is_none(typed: str) -> None:
    assert find_municipality(typed) is None

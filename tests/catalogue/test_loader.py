"""offers.yaml: the bundled file loads; every kind of broken file is refused with a Danish error
that names the entry, the field and the line (tests/catalogue/test_cli.py: the same errors refuse
an import into the database, which then keeps its catalogue)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.catalogue.loader import CatalogueError, load_catalogue
from bot.catalogue.schema import GroupId, OfferKind
from tests.conftest import OFFERS_PATH, SHARED

GOOD = OFFERS_PATH.read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def broken(tmp_path: Path, text: str) -> str:
    path = tmp_path / "offers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    return str(caught.value)


def test_the_bundled_catalogue_loads_with_all_groups_and_honest_unknowns() -> None:
    catalogue = load_catalogue(OFFERS_PATH)
    assert len(catalogue.offers) == 26
    assert {g.id for g in catalogue.groups} == set(GroupId)
    assert all(catalogue.source_title(o) for o in catalogue.offers)
    assert catalogue.hotline.phone is None, "the seeds give no hotline number; none may be invented"
    assert (catalogue.hotline.emergency, catalogue.hotline.police) == ("112", "114")
    assert all(o.fee is None or o.fee.strip() for o in catalogue.offers)
    assert not any(o.fee and re.fullmatch(r"0( kr\.?)?|gratis", o.fee.strip(), re.I) for o in catalogue.offers)
    assert {o.kind for o in catalogue.offers} == set(OfferKind)


def test_every_offer_has_danish_and_english_search_aids() -> None:
    catalogue = load_catalogue(OFFERS_PATH)
    assert all(o.keywords and o.english for o in catalogue.offers)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    text = GOOD.replace('    title: "Borgmesterpraktik"', '    title: "Borgmesterpraktik\n', 1)
    message = broken(tmp_path, text)
    assert "ugyldig YAML" in message and re.search(r"linje \d+", message)


def test_a_missing_field_names_entry_field_and_line(tmp_path: Path) -> None:
    text = re.sub(r"(  - id: makkerskab\n(?:.*\n)*?)    audience: .*\n", r"\1", GOOD, count=1)
    message = broken(tmp_path, text)
    assert f"linje {line_of(text, '- id: makkerskab')}" in message
    assert "tilbud 'makkerskab'" in message and "felt 'audience'" in message


def test_a_wrong_type_names_entry_field_and_line(tmp_path: Path) -> None:
    text = re.sub(r"(  - id: b98\n(?:.*\n)*?)    audience: .*", r"\1    audience: [1, 2]", GOOD, count=1)
    message = broken(tmp_path, text)
    assert "tilbud 'b98'" in message and "felt 'audience'" in message
    assert f"linje {line_of(text, 'audience: [1, 2]')}" in message


def test_an_unknown_group_names_entry_field_and_line(tmp_path: Path) -> None:
    text = re.sub(r"(  - id: borgmesterpraktik\n(?:.*\n)*?)    group: lederskab", r"\1    group: ledelse", GOOD, count=1)
    message = broken(tmp_path, text)
    assert "tilbud 'borgmesterpraktik'" in message and "felt 'group'" in message
    assert f"linje {line_of(text, 'group: ledelse')}" in message


def test_a_duplicate_id_names_the_second_entrys_line(tmp_path: Path) -> None:
    text = GOOD.replace("  - id: ledelsessparring", "  - id: mentorordning", 1)
    message = broken(tmp_path, text)
    assert "mentorordning" in message and "mere end én gang" in message
    assert f"linje {line_of(text, '- id: mentorordning', occurrence=2)}" in message


def test_a_duplicate_id_is_refused_and_named(tmp_path: Path) -> None:
    message = broken(tmp_path, GOOD.replace("  - id: ledelsessparring", "  - id: mentorordning", 1))
    assert "id 'mentorordning' står der mere end én gang" in message


def test_a_file_not_in_utf8_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "offers.yaml"
    path.write_bytes(GOOD.encode("latin-1", errors="replace"))
    with pytest.raises(CatalogueError, match="ikke gemt som UTF-8.*Gem filen som UTF-8"):
        load_catalogue(path)


def test_a_missing_file_names_the_path_and_the_setting(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="findes ikke.*OFFERS_PATH"):
        load_catalogue(tmp_path / "mangler.yaml")


def _ids_in_offer_ids_md(path: Path) -> set[str]:
    """The first column of every table row in offer-ids.md, headers and rules left out."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cells[0]) and cells[0] != "id":
            ids.add(cells[0])
    return ids


def test_every_id_of_offer_ids_md_is_in_the_catalogue() -> None:
    offer_ids = SHARED / "offer-ids.md"
    if not offer_ids.exists():
        pytest.skip(f"{offer_ids} findes ikke (../shared er ikke med), så id'erne kan ikke sammenlignes")
    expected = _ids_in_offer_ids_md(offer_ids)
    assert len(expected) == 26
    assert {o.id for o in load_catalogue(OFFERS_PATH).offers} == expected

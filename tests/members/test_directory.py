"""Self-registration: a Slack user the import did not know says who they are, once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from bot.members.directory import Directory, DirectoryError
from bot.storage.db import Database
from bot.storage.models.members import Member, Role


def test_register_validates_the_municipality(database: Database) -> None:
    directory = Directory(database)
    with pytest.raises(DirectoryError, match="Jeg kender ikke kommunen 'Atlantis'"):
        directory.register("U1", "Mette", "Atlantis")
    assert directory.get("U1") is None
    member = directory.register("U1", "  Mette   Hansen ", "aarhus kommune", first_term=True)
    assert (member.name, member.municipality, member.role, member.first_term) == ("Mette Hansen", "Aarhus", Role.MAYOR, True)
    assert directory.get("U1") == member


def test_a_second_answer_never_overwrites_the_directory(database: Database) -> None:
    directory = Directory(database)
    first = directory.register("U1", "Mette", "Aarhus")
    again = directory.register("U1", "Someone else", "Odense", role=Role.SECRETARIAT)
    assert again == first


def test_nobody_makes_themselves_staff(database: Database) -> None:
    with pytest.raises(DirectoryError, match="KL-medarbejdere oprettes af KL"):
        Directory(database).register("U1", "Mette", "Aarhus", role=Role.STAFF)
    assert Directory(database).get("U1") is None


def test_concurrent_registration_makes_one_member(database: Database) -> None:
    directory = Directory(database)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: directory.register("U7", "Bo", "Vejle"), range(8)))
    assert len({r.id for r in results}) == 1
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 1


def test_list_puts_mayors_first_within_a_municipality(database: Database) -> None:
    directory = Directory(database)
    directory.register("U2", "Åse Sekretær", "Vejle", role=Role.SECRETARIAT)
    directory.register("U1", "Zakarias", "Vejle")
    directory.register("U3", "Anna", "Aabenraa")
    assert [m.slack_user_id for m in directory.list()] == ["U3", "U1", "U2"]

"""The CSV import: idempotent, all or nothing, and every bad row named by its line."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.members.directory import Directory
from bot.members.importer import MemberImportError, import_members
from bot.storage.db import Database
from bot.storage.models.members import Member, Network, Role

GOOD = """slack_id;navn;kommune;rolle;nyvalgt;netværk;sekretariat_for
U0MAYOR1;Mette Frederiksen;Københavns Kommune;borgmester;ja;Netværk Øst, Netværk Hovedstaden;
U0MAYOR2;Jacob Bundsgaard;Aarhus;Borgmester;nej;Netværk Vest;
U0SEC1;Søren Sekretær;Aarhus;sekretariat;;;U0MAYOR2
U0STAFF;Kim KL;;medarbejder;;;
"""


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "medlemmer.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _counts(db: Database) -> tuple[int, int]:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Member)),
            session.scalar(select(func.count()).select_from(Network)),
        )


def test_import_creates_links_and_networks(database: Database, tmp_path: Path) -> None:
    report = import_members(database, _write(tmp_path, GOOD))
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    directory = Directory(database)
    mayor = directory.get("U0MAYOR1")
    assert mayor is not None
    assert (mayor.municipality, mayor.role, mayor.first_term) == ("København", Role.MAYOR, True)
    assert mayor.networks == ("Netværk Hovedstaden", "Netværk Øst")
    secretary = directory.get("U0SEC1")
    assert secretary is not None and secretary.acts_for_name == "Jacob Bundsgaard"
    assert _counts(database) == (4, 3)


def test_importing_twice_changes_nothing(database: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    import_members(database, path)
    before = Directory(database).list()
    report = import_members(database, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert Directory(database).list() == before
    assert _counts(database) == (4, 3)


def test_a_changed_row_is_an_update(database: Database, tmp_path: Path) -> None:
    import_members(database, _write(tmp_path, GOOD))
    report = import_members(database, _write(tmp_path, GOOD.replace("Netværk Vest;", "Netværk Øst;")))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert Directory(database).get("U0MAYOR2").networks == ("Netværk Øst",)


def test_a_bad_row_leaves_everything_as_it_was(database: Database, tmp_path: Path) -> None:
    import_members(database, _write(tmp_path, GOOD))
    before = Directory(database).list()
    bad = GOOD.replace("Jacob Bundsgaard;Aarhus", "Jacob Bundsgaard;Aarhus-Vest") + "U0NEW;Ny Borgmester;Odense;borgmester;ja;;\n"
    with pytest.raises(MemberImportError) as error:
        import_members(database, _write(tmp_path, bad))
    assert error.value.problems == ["linje 3: kommunen 'Aarhus-Vest' findes ikke blandt de 98 kommuner."]
    assert "intet er ændret" in str(error.value)
    assert Directory(database).list() == before
    assert Directory(database).get("U0NEW") is None


def test_every_bad_line_is_reported(database: Database, tmp_path: Path) -> None:
    text = (
        "slack_id,navn,kommune,rolle,nyvalgt,sekretariat_for\n"
        "U1AA,Anna,Vejle,borgmester,ja,\n"
        "bad id,Bo,Vejle,borgmester,,\n"
        "U2BB,,Vejle,konge,måske,\n"
        "U1AA,Anna igen,Vejle,borgmester,,\n"
        "U3CC,Sekretær,Vejle,sekretariat,,U9NOPE\n"
    )
    with pytest.raises(MemberImportError) as error:
        import_members(database, _write(tmp_path, text))
    problems = error.value.problems
    assert any(p.startswith("linje 3: Slack-id 'bad id' er ugyldigt") for p in problems)
    assert "linje 4: navn mangler." in problems
    assert any(p.startswith("linje 4: rolle 'konge' er ukendt") for p in problems)
    assert "linje 4: nyvalgt skal være ja eller nej, ikke 'måske'." in problems
    assert "linje 5: Slack-id U1AA står også i linje 2." in problems
    assert _counts(database) == (0, 0)


def test_unknown_mayor_link_is_refused_inside_the_transaction(database: Database, tmp_path: Path) -> None:
    text = "slack_id,navn,kommune,rolle,sekretariat_for\nU1AA,Anna,Vejle,borgmester,\nU3CC,Sekretær,Vejle,sekretariat,U9NOPE\n"
    with pytest.raises(MemberImportError, match="linje 3: sekretariat_for 'U9NOPE' er ikke en borgmester"):
        import_members(database, _write(tmp_path, text))
    assert _counts(database) == (0, 0)


def test_excel_files_in_windows_1252_and_with_bom(sqlite_database: Database, tmp_path: Path) -> None:
    import_members(sqlite_database, _write(tmp_path, "slack_id;navn;kommune;rolle\nU1AA;Søren Ærø;Ærø;borgmester\n", "cp1252"))
    import_members(sqlite_database, _write(tmp_path, "slack_id;navn;kommune;rolle\nU2BB;Åse;Fanø;borgmester\n", "utf-8-sig"))
    directory = Directory(sqlite_database)
    assert directory.get("U1AA").name == "Søren Ærø"
    assert directory.get("U2BB").municipality == "Fanø"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "filen er tom"),
        ("slack_id;navn;alder\n", "linje 1: ukendt kolonne 'alder'"),
        ("navn;kommune\n", "linje 1: kolonnen 'slack_id', 'rolle' mangler"),
        ("slack_id;navn;rolle\nU1AA;Anna;borgmester;ekstra\n", "linje 2: der er flere felter end kolonner"),
    ],
)
def test_unusable_files(sqlite_database: Database, tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(MemberImportError, match=problem):
        import_members(sqlite_database, _write(tmp_path, text))


def test_columns_left_out_keep_what_the_directory_knows(sqlite_database: Database, tmp_path: Path) -> None:
    import_members(sqlite_database, _write(tmp_path, GOOD))
    import_members(sqlite_database, _write(tmp_path, "slack_id;navn;kommune;rolle\nU0SEC1;Søren Sekretær;Aarhus;sekretariat\n"))
    secretary = Directory(sqlite_database).get("U0SEC1")
    assert secretary.acts_for_name == "Jacob Bundsgaard"

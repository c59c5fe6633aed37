"""`borgmesterbot members import|list` as KL staff run it."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

FILE = "slack_id;navn;kommune;rolle;nyvalgt;sekretariat_for\nU0M1;Mette Nielsen;Aarhus;borgmester;ja;\nU0S1;Søren;Aarhus;sekretariat;;U0M1\n"


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)


def test_import_twice_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "medlemmer.csv"
    path.write_text(FILE, encoding="utf-8")
    assert main(["members", "import", str(path)]) == 0
    assert "2 oprettet, 0 opdateret, 0 uændret" in capsys.readouterr().out
    assert main(["members", "import", str(path)]) == 0
    assert "0 oprettet, 0 opdateret, 2 uændret" in capsys.readouterr().out
    assert main(["members", "list"]) == 0
    out = capsys.readouterr().out
    assert "U0M1         Mette Nielsen · Aarhus · borgmester · nyvalgt" in out
    assert "U0S1         Søren · Aarhus · sekretariat · for Mette Nielsen" in out
    assert "2 medlemmer." in out


def test_a_bad_file_is_refused_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "medlemmer.csv"
    path.write_text(FILE + "U0M2;Bo;Atlantis;borgmester;;\n", encoding="utf-8")
    assert main(["members", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Importen er afvist, og intet er ændret" in err and "linje 4: kommunen 'Atlantis'" in err
    assert main(["members", "list"]) == 0
    assert "Medlemslisten er tom" in capsys.readouterr().out
    assert main(["members", "import", str(tmp_path / "findes-ikke.csv")]) == 2
    assert "findes ikke" in capsys.readouterr().err

"""`borgmesterbot catalogue ...` and `ask` on one SQLite file: a broken file is refused with the
loader's entry/field/line error and changes nothing (a real process: the console script's exit
code and stderr); export gives back the bundled offers.yaml; rollback restores; `ask` answers
from the version in use, and from the seed when there is no database (the others run the entry
point in process, tests/cli/inprocess.py, with the environment a process would get). The tests with a database start on a migrated one without a
catalogue (tests/conftest.py place_migrated): what a first start leaves before it seeds."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bot import PROJECT_ROOT
from bot.catalogue.document import as_data
from bot.catalogue.loader import load_catalogue
from tests.cli.inprocess import run_in_process
from tests.conftest import OFFERS_PATH


def environment_for(data_dir: Path, seed: Path | None) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("OFFERS_PATH", "DATABASE_URL")}
    environment["DATA_DIR"] = str(data_dir)
    if seed is not None:
        environment["OFFERS_PATH"] = str(seed)
    return environment


def run(data_dir: Path, *args: str, stdin: str = "", seed: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_in_process(*args, env=environment_for(data_dir, seed), stdin=stdin)


def run_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, encoding="utf-8",
        cwd=PROJECT_ROOT, env=environment_for(data_dir, None), timeout=120,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_import_export_history_and_rollback(tmp_path: Path, migrated_data_dir: Path) -> None:
    data = migrated_data_dir
    exported = tmp_path / "eksport.yaml"
    ok(run(data, "catalogue", "export", "-o", str(exported)))
    assert as_data(load_catalogue(exported)) == as_data(load_catalogue(OFFERS_PATH))

    edited = tmp_path / "rettet.yaml"
    edited.write_text(exported.read_text(encoding="utf-8").replace("title: Mentorordning\n", "title: Mentorforløbet\n", 1), encoding="utf-8")
    assert "Mentorforløbet" in edited.read_text(encoding="utf-8")
    assert "version 2" in ok(run(data, "catalogue", "import", str(edited), "--af", "Karen", "--grund", "Nyt navn"))
    answer = json.loads(ok(run(data, "ask", "--json", stdin="Hvad er mentorordningen?\n")))
    assert answer["offers"][0] == "mentorordning" and "Mentorforløbet" in answer["text"]

    history = ok(run(data, "catalogue", "history"))
    assert re.search(r"\*\s+2 .*Karen .*26 tilbud\s+Nyt navn", history) and re.search(r"\s1 .*KL .*Startkatalog", history)

    assert "som version 3" in ok(run(data, "catalogue", "rollback", "1", "--af", "Karen"))
    back = tmp_path / "tilbage.yaml"
    ok(run(data, "catalogue", "export", "-o", str(back)))
    assert as_data(load_catalogue(back)) == as_data(load_catalogue(OFFERS_PATH))

    audit = ok(run(data, "audit")).splitlines()
    assert [line.split("  ", 1)[1] for line in audit] == [
        "Karen indlæste kataloget: Nyt navn – version 2; ændrede tilbud: mentorordning",
        "Karen satte kataloget tilbage: Tilbage til version 1 – version 3; ændrede tilbud: mentorordning",
    ]


def test_a_broken_file_is_refused_with_entry_field_and_line_and_changes_nothing(tmp_path: Path, migrated_data_dir: Path) -> None:
    data = migrated_data_dir
    text = OFFERS_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "offers.yaml"
    broken.write_text(re.sub(r"(  - id: borgmesterpraktik\n(?:.*\n)*?)    group: lederskab", r"\1    group: ledelse", text, count=1), encoding="utf-8")
    done = run_process(data, "catalogue", "import", str(broken))
    line = next(n for n, row in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "group: ledelse" in row)
    assert done.returncode == 2
    assert f"offers.yaml, linje {line}: tilbud 'borgmesterpraktik', felt 'group'" in done.stderr
    assert "Traceback" not in done.stderr
    assert re.fullmatch(r"\*\s+1 .*\n\* = versionen i brug\n", ok(run_process(data, "catalogue", "history")))


def test_ask_works_without_a_database_and_creates_none(tmp_path: Path) -> None:
    data = tmp_path / "ingen"
    answer = json.loads(ok(run(data, "ask", "--json", stdin="Hvad er mentorordningen?\n")))
    assert answer["offers"][0] == "mentorordning"
    assert not data.exists()


def test_offers_path_names_the_seed_of_a_new_database_only(tmp_path: Path, migrated_data_dir: Path) -> None:
    data = migrated_data_dir
    seed = tmp_path / "eget.yaml"
    seed.write_text(OFFERS_PATH.read_text(encoding="utf-8").replace('title: "Mentorordning"', 'title: "Vores mentorordning"', 1), encoding="utf-8")
    assert "Vores mentorordning" in ok(run(data, "catalogue", "export", seed=seed))
    assert "eget.yaml" in ok(run(data, "catalogue", "history", seed=seed))
    assert "Vores mentorordning" in ok(run(data, "catalogue", "export")), "a database with a catalogue keeps it"

"""The CLI's bad files: an over-long field in a members import is refused naming line and field,
and a NUL byte is cleaned (on SQLite and PostgreSQL, where NUL used to fail); a YAML alias bomb, a
cycle, deep nesting and a folder are each one Danish line at once. Real processes, so a hang is
stopped by the subprocess timeout; each works in the test's own folder (DATA_DIR), never in the
checkout's data/."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.storage.db import Database


def _cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], env=environment, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=20
    )


def _one_danish_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    return line


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("U" + "A" * 40 + ";Anna;Vejle;borgmester;nej;", "Slack-id"),
        ("U0ANNA;" + "A" * 300 + ";Vejle;borgmester;nej;", "navnet er længere end 200 tegn"),
        ("U0ANNA;Anna;Vejle;borgmester;nej;" + "N" * 300, "netværket"),
        ("U0ANNA;Anna\x00;Vejle;borgmester;nej;Nord", None),
    ],
)
def test_members_import_names_the_line_and_field_of_an_over_long_value(
    tmp_path: Path, db_url: str, row: str, expected: str | None
) -> None:
    path = tmp_path / "medlemmer.csv"
    path.write_text("slack_id;navn;kommune;rolle;nyvalgt;netværk\n" + row + "\n", encoding="utf-8")
    done = _cli(tmp_path, "members", "import", str(path), DATABASE_URL=db_url)
    if expected is None:
        assert done.returncode == 0, done.stderr
        listed = _cli(tmp_path, "members", "list", DATABASE_URL=db_url)
        assert "Anna" in listed.stdout and "\x00" not in listed.stdout
        return
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Fejl: Importen er afvist, og intet er ændret:")
    [problem] = [line for line in done.stderr.splitlines() if "linje" in line]
    assert "linje 2" in problem and expected in problem


def test_members_import_of_a_folder_says_so(tmp_path: Path, sqlite_database: Database) -> None:
    url = sqlite_database.engine.url.render_as_string(hide_password=False)
    done = _cli(tmp_path, "members", "import", str(tmp_path), DATABASE_URL=url)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "er en mappe" in done.stderr


BOMB = "\n".join(
    [f'l0: &l0 [{", ".join(["x"] * 9)}]']
    + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    + ["offers: [*l8]"]
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [(BOMB, "gentager værdier over 200.000 gange"), ("offers: &o [*o]\n", "henviser til sig selv"),
     ("offers: " + "[" * 5000 + "]" * 5000, "indlejret for dybt")],
    ids=["alias bomb", "recursive alias", "deep nesting"],
)
def test_a_hostile_catalogue_is_one_danish_line_at_once(tmp_path: Path, content: str, expected: str) -> None:
    """Before, the bomb took over 40 s (the line lookup walked every expanded path) and the cycle
    a RecursionError; the subprocess timeout (20 s) would stop a hang."""
    path = tmp_path / "offers.yaml"
    path.write_text(content, encoding="utf-8")
    assert expected in _one_danish_line(_cli(tmp_path, "catalogue", "import", str(path)))


def test_a_catalogue_path_that_is_a_folder_says_so(tmp_path: Path) -> None:
    assert "er en mappe" in _one_danish_line(_cli(tmp_path, "catalogue", "import", str(tmp_path)))

"""The CLI imports only the module of the command being run, so `ask` starts without the
database and Slack layers, and every command is still listed by --help."""
from __future__ import annotations

import subprocess
import sys

import pytest

from bot.cli import COMMANDS, _requested, build_parser


def test_only_the_named_command_is_loaded() -> None:
    assert _requested(["-v", "ask", "hej"]) == ("ask",)
    assert _requested(["--help"]) == COMMANDS
    assert _requested(["ukendt"]) == COMMANDS


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    listed = capsys.readouterr().out
    assert all(name in listed for name in COMMANDS)


def test_ask_does_not_import_storage_or_slack() -> None:
    probe = (
        "import sys; from bot.cli import main; main(['ask', 'hej']); "
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'slack_bolt', 'slack_sdk') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_database_command_does_not_import_the_answerer_calendar_or_alembic(database_env: object) -> None:
    """`members list` on a migrated database: the search index (numpy, bm25s), icalendar and
    Alembic are each a large part of a short command's start, and it needs none of them."""
    probe = (
        "import sys; from bot.cli import main; code = main(['members', 'list']); "
        "print(code, sorted(m for m in ('numpy', 'bm25s', 'icalendar', 'alembic', 'bot.answers.answerer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "0 []"

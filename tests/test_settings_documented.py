""".env.example and the systemd unit: every setting the bot reads is in .env.example with a Danish
comment and its default, and the unit starts the installed command with that file."""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.cli import COMMANDS, build_parser
from bot.config import load_settings
from bot.logs import configure

EXAMPLE = PROJECT_ROOT / ".env.example"
UNIT = PROJECT_ROOT / "deploy" / "borgmesterbot.service"


class Recording(MutableMapping[str, str]):
    """os.environ, noting every name the bot's own code asks for (not argparse's COLUMNS)."""

    def __init__(self, real: MutableMapping[str, str]) -> None:
        self.real = real
        self.asked: set[str] = set()

    def _note(self, key: object) -> None:
        caller = sys._getframe(2).f_globals.get("__name__", "")
        if isinstance(key, str) and caller.split(".")[0] in ("bot", "scheduler"):
            self.asked.add(key)

    def __getitem__(self, key: str) -> str:
        self._note(key)
        return self.real[key]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self._note(key)
        return self.real.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return key in self.real

    def __setitem__(self, key: str, value: str) -> None:
        self.real[key] = value

    def __delitem__(self, key: str) -> None:
        del self.real[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.real)

    def __len__(self) -> int:
        return len(self.real)


def _documented() -> dict[str, str]:
    """Each setting's name → the comment line above it."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    found = {}
    for index, line in enumerate(lines):
        match = re.match(r"^([A-Z][A-Z0-9_]+)=", line)
        if match:
            found[match.group(1)] = lines[index - 1]
    return found


def test_every_setting_the_bot_reads_is_in_env_example(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    recording = Recording(dict(os.environ))
    monkeypatch.setattr(os, "environ", recording)
    load_settings(tmp_path / "no.env")
    configure()
    build_parser(COMMANDS)
    read = recording.asked
    assert read - set(_documented()) == set(), "add these to .env.example, with a Danish comment and the default"
    assert set(_documented()) - read == set(), ".env.example names settings nothing reads"


def test_each_setting_has_a_comment_with_its_default() -> None:
    for name, comment in _documented().items():
        assert comment.startswith("# ") and "Standard" in comment, f"{name}: {comment}"


def test_the_unit_runs_the_installed_command_with_the_settings_file() -> None:
    unit = UNIT.read_text(encoding="utf-8")
    assert re.search(r"^ExecStart=\S*borgmesterbot run$", unit, re.M)
    assert re.search(r"^EnvironmentFile=\S+$", unit, re.M) and re.search(r"^WorkingDirectory=\S+$", unit, re.M)
    assert "KillSignal=SIGTERM" in unit and "Restart=on-failure" in unit

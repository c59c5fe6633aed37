"""The package as an operator installs it: the wheel built from pyproject.toml, installed with its
dependencies (pinned by constraints.txt, from pip's cache where it has them) into a fresh venv,
and run from a folder that is not the checkout. Nothing may come from the checkout: the catalogue,
the manifest, the municipalities and the migrations are read from the installed package, the
database is made in the working directory's data/, and `serve` stops cleanly on SIGTERM."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from tests.slack.serving import operator_env, start_serve
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import SIGNING_SECRET
from tests.slack_harness.signed_requests import SlackRequests

# Built from a copy: setuptools builds in the source folder, and a build/ left there from an earlier
# build would carry files since deleted into the wheel.
NOT_SOURCE = (".git", ".venv", ".lock-venv", "build", "*.egg-info", "__pycache__", ".pytest_cache")


def _not_source(folder: str, names: list[str]) -> set[str]:
    """Also the checkout's own data/ (a developer's database), not the package's bot/data/."""
    ignored = set(shutil.ignore_patterns(*NOT_SOURCE)(folder, names))
    return ignored | ({"data"} if Path(folder) == PROJECT_ROOT else set())
SHIPPED = ("bot/data/offers.yaml", "bot/data/manifest.yaml", "bot/data/kommuner.csv", "bot/storage/migrations/env.py")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=_not_source)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(root), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = root.glob("borgmesterbot-*.whl")
    # The venv gets no pip of its own: this run's pip installs into it (--python), and leaves the
    # byte-compiling to the first import, which together saves most of the fixture's time.
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-compile",
         "--constraint", str(PROJECT_ROOT / "constraints.txt"), str(wheel)],
        check=True, capture_output=True, timeout=600,
    )
    yield Installed(wheel, venv / "bin")


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """An empty working folder outside the checkout."""
    folder = tmp_path / "drift"
    folder.mkdir()
    return folder


def _env() -> dict[str, str]:
    """No checkout on the path, no data folder or catalogue named: the defaults must do."""
    env = operator_env(None)
    env.pop("PYTHONPATH", None)
    return env


def _run(installed: Installed, folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed.bin / "borgmesterbot"), *args], cwd=folder, env=_env(), input=stdin,
        capture_output=True, text=True, timeout=120,
    )


def test_the_wheel_ships_its_data(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert set(SHIPPED) <= names, set(SHIPPED) - names
    assert any(name.startswith("bot/storage/migrations/versions/0001_") for name in names)


def test_the_installed_package_is_the_one_that_runs(installed: Installed, elsewhere: Path) -> None:
    done = subprocess.run(
        [str(installed.bin / "python"), "-c", "import bot, scheduler; print(bot.__file__); print(scheduler.__file__)"],
        cwd=elsewhere, env=_env(), capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert all(Path(line).is_relative_to(installed.bin.parent) for line in done.stdout.split()), done.stdout


def test_ask_from_another_folder(installed: Installed, elsewhere: Path) -> None:
    done = _run(installed, elsewhere, "ask", "hvad er mentorordningen?")
    assert done.returncode == 0, done.stderr
    assert "Mentorordning" in done.stdout


def test_chat_with_piped_input(installed: Installed, elsewhere: Path) -> None:
    done = _run(installed, elsewhere, "chat", stdin="hvad er mentorordningen?\n/hjælp\n")
    assert done.returncode == 0, done.stderr
    assert "Mentorordning" in done.stdout and "/tilmeld" in done.stdout


def test_db_upgrade_makes_the_database_in_the_working_folders_data(installed: Installed, elsewhere: Path) -> None:
    done = _run(installed, elsewhere, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert "Databasen er opdateret" in done.stdout
    assert (elsewhere / "data" / "borgmesterbot.sqlite3").is_file()
    site = installed.bin.parent
    assert not list(site.rglob("*.sqlite3")), "nothing is written into the installed package"


def test_serve_answers_and_stops_on_sigterm(installed: Installed, elsewhere: Path, fake_slack: FakeSlack) -> None:
    served = start_serve(elsewhere, fake_slack, command=(str(installed.bin / "borgmesterbot"),))
    try:
        slack = SlackRequests(served.url + "/slack/events", SIGNING_SECRET, fake_slack)
        assert slack.command("/hotline").status == 200
        [reply] = fake_slack.wait_for("response_url")
        assert "112" in reply.text
        assert slack.command("/tilbud", "hjælp").status == 200
        [_, help_reply] = fake_slack.wait_for("response_url", count=2)
        assert "/tilmeld" in help_reply.text, "the help is the installed manifest's slash commands"
    finally:
        code, output = served.stop()
    assert code == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert (elsewhere / "borgmesterbot.sqlite3").is_file(), "DATA_DIR is where the database goes"

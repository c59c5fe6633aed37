"""The package as an operator installs it: the wheel built from pyproject.toml, installed with its
dependencies (pinned by constraints.txt, from pip's cache where it has them) into a fresh venv,
and run from a folder that is not the checkout. Nothing may come from the checkout: the catalogue,
the manifest, the municipalities and the migrations are read from the installed package, the
database is made in the working directory's data/, and `serve` stops cleanly on SIGTERM.

Building and installing takes 15 to 25 seconds, so it is done once per package source: the venv is
kept in the temporary folder under a hash of everything the wheel is made from (bot/, scheduler/,
pyproject.toml, README.md, constraints.txt, the Python version), behind a file lock, so the two
xdist workers, a rerun and another checkout of the same source share one build. The module's
tests run in one worker (xdist group "wheel"), which builds while the other runs the rest."""
from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
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


pytestmark = pytest.mark.xdist_group("wheel")

WHEEL_INPUTS = ("bot", "scheduler", "pyproject.toml", "README.md", "constraints.txt")
CACHE = Path(tempfile.gettempdir()) / "borgmesterbot-test-wheels"
KEEP_OTHERS = 3  # builds of other sources kept, for a branch switched back to or another checkout
KEEP_UNUSED_FOR = 3600  # seconds


def _source_hash() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in WHEEL_INPUTS:
        top = PROJECT_ROOT / name
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(".pyc"):
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _build(root: Path) -> None:
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
    shutil.rmtree(source)


def _forget_old_builds(keep: Path) -> None:
    """Every source change makes a new build (a venv of some 140 MB), so only the KEEP_OTHERS
    builds of other sources used last, and none unused for KEEP_UNUSED_FOR, stay."""
    others = [other for other in CACHE.iterdir() if other.is_dir() and other != keep]

    def last_used(folder: Path) -> float:
        built = folder / "built"
        return built.stat().st_mtime if built.exists() else 0.0

    others.sort(key=last_used, reverse=True)
    for rank, other in enumerate(others):
        if rank < KEEP_OTHERS and time.time() - last_used(other) < KEEP_UNUSED_FOR:
            continue
        with (CACHE / f"{other.name}.lock").open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # being built or used right now
            shutil.rmtree(other, ignore_errors=True)


@pytest.fixture(scope="session")
def installed() -> Iterator[Installed]:
    key = _source_hash()
    root = CACHE / key
    CACHE.mkdir(exist_ok=True)
    with (CACHE / f"{key}.lock").open("a") as lock:
        # Shared while in use (so no cleanup removes it), exclusive only to build it.
        fcntl.flock(lock, fcntl.LOCK_SH)
        built = root / "built"
        if not built.exists():
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not built.exists():
                shutil.rmtree(root, ignore_errors=True)  # an interrupted build
                root.mkdir()
                _build(root)
                built.touch()
            fcntl.flock(lock, fcntl.LOCK_SH)
        built.touch()  # last used
        _forget_old_builds(root)
        [wheel] = root.glob("borgmesterbot-*.whl")
        yield Installed(wheel, root / "venv" / "bin")


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

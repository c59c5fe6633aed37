"""`borgmesterbot ask`, stdin in, stdout out. The evaluation's contract (one JSON object per
line) is checked on a real process, as the evaluation runs it; the other cases run the entry
point in process (tests/cli/inprocess.py), which spares a second of imports each."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot import PROJECT_ROOT
from tests.cli.inprocess import run_in_process


def environment_with(env: dict[str, str] | None) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("OFFERS_PATH", "DATABASE_URL")}
    environment.update(env or {})
    return environment


def ask(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_in_process("ask", *args, env=environment_with(env), stdin=stdin)


def ask_process(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args], input=stdin, capture_output=True, text=True,
        encoding="utf-8", cwd=PROJECT_ROOT, env=environment_with(None), timeout=60,
    )


def test_json_gives_one_object_per_line_with_exactly_the_contracts_keys() -> None:
    questions = ["Hvad koster mentorordningen?", "hvordan bliver vejret?", "", "hvilke temasessioner er der?"]
    done = ask_process("--json", stdin="\n".join(questions) + "\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(questions)
    rows = [json.loads(line) for line in lines]
    assert all(list(row)[:5] == ["question", "abstained", "offers", "intent", "text"] for row in rows)
    assert all(isinstance(row["clarify"], bool) for row in rows)
    assert [row["question"] for row in rows] == questions

    price, weather, empty, sessions = rows
    assert price["offers"][0] == "mentorordning" and price["intent"] == "price" and not price["abstained"]
    assert weather["abstained"] and weather["offers"] == [] and weather["text"].startswith("Det ved jeg ikke")
    assert empty["abstained"] and empty["offers"] == []
    assert sessions["intent"] == "list" and len(sessions["offers"]) == 5
    assert all(isinstance(row["text"], str) and row["text"] for row in rows)


def test_json_keeps_danish_letters_as_they_are() -> None:
    row = json.loads(ask("--json", stdin="Hvad er mødeledelse?\n").stdout)
    assert row["question"] == "Hvad er mødeledelse?"
    assert row["offers"][0] == "modeledelse" and "Mødeledelse" in row["text"]


def test_a_question_as_argument_prints_the_answer_as_text() -> None:
    done = ask("Hvornår", "mødes", "B98?")
    assert done.returncode == 0
    assert done.stdout.startswith("Borgmesterkredsen (B98)") and "politiske kalender" in done.stdout
    assert not done.stdout.lstrip().startswith("{")


def test_without_a_question_it_says_how_to_ask() -> None:
    done = ask()
    assert done.returncode == 2 and done.stdout == ""
    assert 'borgmesterbot ask "Hvad er mentorordningen?"' in done.stderr


def test_a_broken_catalogue_gives_one_danish_line_not_a_traceback(tmp_path: Path) -> None:
    """OFFERS_PATH seeds a new database only, so the test points DATA_DIR at an empty folder."""
    done = ask("B98", env={"OFFERS_PATH": str(tmp_path / "mangler.yaml"), "DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 2
    assert done.stderr.startswith("Fejl: Kataloget findes ikke") and "Traceback" not in done.stderr


def test_ask_starts_without_slack_or_the_database(tmp_path: Path) -> None:
    """`ask` is run per question by the evaluation: no Slack, no database file, no migrations."""
    probe = "import sys\nfrom bot.cli import main\nrc = main(['ask', 'B98'])\nprint(rc, 'slack_bolt' in sys.modules)"
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 False"
    assert not (tmp_path / "data").exists()


def test_a_conversation_remembers_what_it_was_about() -> None:
    lines = ["hvad er mentorordningen?", "hvad koster det?", "og hvem udbyder den?", "and in English?",
             "og hvad med sociale medier?", "hvornår er den næste?"]
    done = ask("--json", "--conversation", stdin="\n".join(lines) + "\n")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["offers"][0] for row in rows] == ["mentorordning"] * 4 + ["sociale-medier"] * 2
    assert [row["intent"] for row in rows[1:3]] == ["price", "provider"]
    assert rows[3]["text"].startswith("Mentorordning (offered by")


def test_without_conversation_a_follow_up_stands_alone() -> None:
    done = ask("--json", stdin="hvad er mentorordningen?\nhvad koster det?\n")
    second = json.loads(done.stdout.splitlines()[1])
    assert second["offers"][:1] != ["mentorordning"]

"""load_settings: every variable read as the README describes it, and every malformed one
refused with one Danish line naming it (so `borgmesterbot` stops before anything starts)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.resources import packaged_path

VARIABLES = (
    "DATABASE_URL", "DATA_DIR", "OFFERS_PATH", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
    "SLACK_API_URL", "STAFF_USER_IDS", "STAFF_USERGROUP_ID", "SLACK_RATE_LIMIT_RETRIES", "BROADCAST_REQUIRES_APPROVAL",
    "BROADCAST_RATE_PER_SECOND", "BROADCAST_BURST", "BROADCAST_CLAIM_TIMEOUT",
)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment: none of the bot's variables set, and no .env file. Each is set before
    it is removed, so monkeypatch restores it afterwards even when a .env file (load_dotenv
    writes into os.environ) set it meanwhile."""
    for name in VARIABLES:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_the_defaults(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings(tmp_path / ".env")
    assert settings.data_dir == tmp_path / "data", "the working directory's data/, not the package's folder"
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'borgmesterbot.sqlite3'}"
    assert settings.offers_path == packaged_path("offers.yaml")
    assert (settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret) == (None, None, None)
    assert not settings.socket_mode_ready and settings.staff_user_ids == frozenset() and settings.staff_usergroup_id is None
    assert (settings.rate_limit_retries, settings.broadcast_requires_approval) == (2, False)
    assert (settings.broadcast_rate_per_second, settings.broadcast_burst, settings.broadcast_claim_timeout) == (1.0, 3, 120.0)


def test_every_variable_is_read(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in {
        "DATA_DIR": str(tmp_path / "data"), "OFFERS_PATH": str(tmp_path / "offers.yaml"),
        "SLACK_BOT_TOKEN": "xoxb-1-abc", "SLACK_APP_TOKEN": "xapp-1-abc", "SLACK_SIGNING_SECRET": "0123456789abcdef0123",
        "SLACK_API_URL": "http://127.0.0.1:9/api", "STAFF_USER_IDS": " U012ABC, W034DEF ,", "STAFF_USERGROUP_ID": "S012ABC",
        "SLACK_RATE_LIMIT_RETRIES": "0", "BROADCAST_REQUIRES_APPROVAL": "ja", "BROADCAST_RATE_PER_SECOND": "0,5",
        "BROADCAST_BURST": "5", "BROADCAST_CLAIM_TIMEOUT": "30",
    }.items():
        env.setenv(name, value)
    settings = load_settings(tmp_path / ".env")
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'borgmesterbot.sqlite3'}"
    assert settings.offers_path == tmp_path / "offers.yaml"
    assert settings.socket_mode_ready and settings.slack_signing_secret == "0123456789abcdef0123"
    assert settings.slack_api_url == "http://127.0.0.1:9/api/", "a trailing slash, as slack_sdk joins paths onto it"
    assert settings.staff_user_ids == frozenset({"U012ABC", "W034DEF"}) and settings.staff_usergroup_id == "S012ABC"
    assert (settings.rate_limit_retries, settings.broadcast_requires_approval) == (0, True)
    assert (settings.broadcast_rate_per_second, settings.broadcast_burst, settings.broadcast_claim_timeout) == (0.5, 5, 30.0)


@pytest.mark.parametrize(("given", "used"), [
    ("postgres://u:p@db:5432/bot", "postgresql+psycopg://u:p@db:5432/bot"),
    ("postgresql://u:p@db/bot", "postgresql+psycopg://u:p@db/bot"),
    ("postgresql+psycopg://u@db/bot", "postgresql+psycopg://u@db/bot"),
    ("sqlite:////srv/bot.sqlite3", "sqlite:////srv/bot.sqlite3"),
])
def test_database_urls_take_every_spelling_of_postgresql(env: pytest.MonkeyPatch, tmp_path: Path, given: str, used: str) -> None:
    env.setenv("DATABASE_URL", given)
    assert load_settings(tmp_path / ".env").database_url == used


def test_the_environment_wins_over_the_env_file(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("STAFF_USER_IDS=U0FILE\nBROADCAST_BURST=7\n", encoding="utf-8")
    env.setenv("STAFF_USER_IDS", "U0SHELL")
    settings = load_settings(tmp_path / ".env")
    assert settings.staff_user_ids == frozenset({"U0SHELL"}) and settings.broadcast_burst == 7


@pytest.mark.parametrize(("name", "value", "message"), [
    ("SLACK_BOT_TOKEN", "xapp-1-abc", "SLACK_BOT_TOKEN har et ugyldigt format: angiv et bot-token der begynder med 'xoxb-'"),
    ("SLACK_APP_TOKEN", "xoxb-1", "SLACK_APP_TOKEN har et ugyldigt format: angiv et app-token der begynder med 'xapp-'"),
    ("SLACK_SIGNING_SECRET", "kort", "SLACK_SIGNING_SECRET har et ugyldigt format: angiv appens Signing Secret"),
    ("SLACK_API_URL", "slack.example", "SLACK_API_URL skal begynde med http:// eller https://."),
    ("STAFF_USER_IDS", "U012ABC,kim", "STAFF_USER_IDS skal være Slack-bruger-id'er adskilt af komma (fx U012ABC), ikke kim."),
    ("STAFF_USERGROUP_ID", "U012ABC", "STAFF_USERGROUP_ID skal være et Slack-brugergruppe-id (fx S012ABC), ikke 'U012ABC'."),
    ("SLACK_RATE_LIMIT_RETRIES", "to", "SLACK_RATE_LIMIT_RETRIES skal være et heltal, ikke 'to'."),
    ("SLACK_RATE_LIMIT_RETRIES", "-1", "SLACK_RATE_LIMIT_RETRIES skal være mindst 0, ikke -1."),
    ("BROADCAST_REQUIRES_APPROVAL", "måske", "BROADCAST_REQUIRES_APPROVAL skal være 'ja' eller 'nej' (eller 1/0), ikke 'måske'."),
    ("BROADCAST_RATE_PER_SECOND", "hurtigt", "BROADCAST_RATE_PER_SECOND skal være et tal, fx 1 eller 0,5, ikke 'hurtigt'."),
    ("BROADCAST_RATE_PER_SECOND", "0", "BROADCAST_RATE_PER_SECOND skal være mindst 0.01, ikke 0."),
    ("BROADCAST_BURST", "0", "BROADCAST_BURST skal være mindst 1, ikke 0."),
    ("BROADCAST_CLAIM_TIMEOUT", "0,5", "BROADCAST_CLAIM_TIMEOUT skal være mindst 1, ikke 0.5."),
    ("DATABASE_URL", "mysql://db/bot", "DATABASE_URL skal være en sqlite:///sti- eller postgresql://-adresse."),
])
def test_a_malformed_variable_is_named_in_danish(env: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str, message: str) -> None:
    env.setenv(name, value)
    with pytest.raises(ConfigError) as refused:
        load_settings(tmp_path / ".env")
    assert str(refused.value).startswith(message)


def test_require_names_the_first_missing_token(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env.setenv("SLACK_BOT_TOKEN", "xoxb-1-abc")
    settings = load_settings(tmp_path / ".env")
    settings.require("SLACK_BOT_TOKEN")
    with pytest.raises(ConfigError, match=r"^SLACK_SIGNING_SECRET mangler: angiv appens Signing Secret"):
        settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")

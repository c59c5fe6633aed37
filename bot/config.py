"""Settings from the environment (and an optional .env), validated once at start.

A missing or malformed value gives one Danish line naming the variable, never a traceback.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

from bot.errors import UserError
from bot.resources import packaged_path


class ConfigError(UserError):
    """A setting is missing or malformed; the message names the variable and what to do."""


_TOKEN_SHAPES = {
    "SLACK_BOT_TOKEN": re.compile(r"^xoxb-[A-Za-z0-9-]+$"),
    "SLACK_APP_TOKEN": re.compile(r"^xapp-[A-Za-z0-9-]+$"),
    "SLACK_SIGNING_SECRET": re.compile(r"^[A-Za-z0-9]{16,}$"),
}
_TOKEN_HINTS = {
    "SLACK_BOT_TOKEN": "et bot-token der begynder med 'xoxb-' (OAuth & Permissions i Slack-appens indstillinger)",
    "SLACK_APP_TOKEN": "et app-token der begynder med 'xapp-' (Basic Information → App-Level Tokens, scope connections:write)",
    "SLACK_SIGNING_SECRET": "appens Signing Secret (Basic Information → App Credentials)",
}
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


def _slack_secret(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not _TOKEN_SHAPES[name].match(value):
        raise ConfigError(f"{name} har et ugyldigt format: angiv {_TOKEN_HINTS[name]}.")
    return value


def _int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} skal være et heltal, ikke '{raw}'.") from None
    if value < minimum:
        raise ConfigError(f"{name} skal være mindst {minimum}, ikke {value}.")
    return value


def _float(name: str, default: float, minimum: float) -> float:
    raw = os.environ.get(name, "").strip().replace(",", ".")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} skal være et tal, fx 1 eller 0,5, ikke '{raw}'.") from None
    if value < minimum:
        raise ConfigError(f"{name} skal være mindst {minimum:g}, ikke {value:g}.")
    return value


def _flag(name: str) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in ("", "0", "false", "nej", "no"):
        return False
    if raw in ("1", "true", "ja", "yes"):
        return True
    raise ConfigError(f"{name} skal være 'ja' eller 'nej' (eller 1/0), ikke '{raw}'.")


def _user_ids(name: str) -> frozenset[str]:
    raw = os.environ.get(name, "")
    ids = frozenset(part.strip() for part in raw.split(",") if part.strip())
    bad = sorted(i for i in ids if not _USER_ID.match(i))
    if bad:
        raise ConfigError(f"{name} skal være Slack-bruger-id'er adskilt af komma (fx U012ABC), ikke {', '.join(bad)}.")
    return ids


def _database_url(data_dir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{data_dir / 'borgmesterbot.sqlite3'}"
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError("DATABASE_URL skal være en sqlite:///sti- eller postgresql://-adresse.")
    return url


@dataclass(frozen=True)
class Settings:
    database_url: str
    offers_path: Path
    data_dir: Path
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_url: str | None = None
    staff_user_ids: frozenset[str] = field(default_factory=frozenset)
    staff_usergroup_id: str | None = None
    rate_limit_retries: int = 2
    broadcast_requires_approval: bool = False
    broadcast_approval_threshold: int = 10
    broadcast_rate_per_second: float = 1.0
    broadcast_burst: int = 3
    broadcast_claim_timeout: float = 120.0
    catalogue_poll_seconds: float = 2.0
    catalogue_confirm_months: int = 6
    reminder_claim_timeout: float = 600.0
    staff_channel_id: str | None = None
    health_port: int | None = None
    retention_handled_events_days: int = 7
    retention_questions_days: int = 365
    retention_delivery_details_days: int = 180

    @property
    def socket_mode_ready(self) -> bool:
        return bool(self.slack_bot_token and self.slack_app_token)

    def require(self, *names: str) -> None:
        """Fail with one line naming the first required Slack variable that is not set."""
        for name in names:
            if not getattr(self, name.lower()):
                raise ConfigError(f"{name} mangler: angiv {_TOKEN_HINTS[name]}.")


def load_env_file(env_file: Path | None = None) -> None:
    """The working directory's .env (an installed package's own folder is no place for an
    operator's settings); values already in the environment win."""
    load_dotenv(env_file or Path.cwd() / ".env", override=False)


def _optional_id(name: str, shape: str, example: str, what: str) -> str | None:
    value = os.environ.get(name, "").strip() or None
    if value and not re.match(shape, value):
        raise ConfigError(f"{name} skal være {what} (fx {example}), ikke '{value}'.")
    return value


def load_settings(env_file: Path | None = None) -> Settings:
    """Read the environment once; values already in the environment win over .env. The data folder
    is the working directory's data/ (or DATA_DIR), never the package's."""
    load_env_file(env_file)
    data_dir = Path(os.environ.get("DATA_DIR", "").strip() or Path.cwd() / "data")
    offers_override = os.environ.get("OFFERS_PATH", "").strip()
    offers = Path(offers_override) if offers_override else packaged_path("offers.yaml")
    api_url = os.environ.get("SLACK_API_URL", "").strip() or None
    if api_url and not api_url.startswith(("http://", "https://")):
        raise ConfigError("SLACK_API_URL skal begynde med http:// eller https://.")
    if api_url and not api_url.endswith("/"):
        api_url += "/"
    health_port = _int("HEALTH_PORT", 0, minimum=0)
    return Settings(
        database_url=_database_url(data_dir),
        offers_path=offers,
        data_dir=data_dir,
        slack_bot_token=_slack_secret("SLACK_BOT_TOKEN"),
        slack_app_token=_slack_secret("SLACK_APP_TOKEN"),
        slack_signing_secret=_slack_secret("SLACK_SIGNING_SECRET"),
        slack_api_url=api_url,
        staff_user_ids=_user_ids("STAFF_USER_IDS"),
        staff_usergroup_id=_optional_id("STAFF_USERGROUP_ID", r"^S[A-Z0-9]{2,}$", "S012ABC", "et Slack-brugergruppe-id"),
        staff_channel_id=_optional_id("STAFF_CHANNEL_ID", r"^[CG][A-Z0-9]{2,}$", "C012ABC", "et Slack-kanal-id"),
        rate_limit_retries=_int("SLACK_RATE_LIMIT_RETRIES", 2),
        broadcast_requires_approval=_flag("BROADCAST_REQUIRES_APPROVAL"),
        broadcast_approval_threshold=_int("BROADCAST_APPROVAL_THRESHOLD", 10),
        broadcast_rate_per_second=_float("BROADCAST_RATE_PER_SECOND", 1.0, minimum=0.01),
        broadcast_burst=_int("BROADCAST_BURST", 3, minimum=1),
        broadcast_claim_timeout=_float("BROADCAST_CLAIM_TIMEOUT", 120.0, minimum=1),
        catalogue_poll_seconds=_float("CATALOGUE_POLL_SECONDS", 2.0, minimum=0.1),
        catalogue_confirm_months=_int("CATALOGUE_CONFIRM_MONTHS", 6, minimum=1),
        reminder_claim_timeout=_float("REMINDER_CLAIM_TIMEOUT", 600.0, minimum=1),
        health_port=health_port or None,
        retention_handled_events_days=_int("RETENTION_HANDLED_EVENTS_DAYS", 7, minimum=1),
        retention_questions_days=_int("RETENTION_QUESTIONS_DAYS", 365, minimum=1),
        retention_delivery_details_days=_int("RETENTION_DELIVERY_DETAILS_DAYS", 180, minimum=1),
    )

"""The app manifest (bot/data/manifest.yaml, shipped in the package) as data: its slash commands
are both what Slack offers in the composer and the bot's own help, so the two never tell
different stories."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.resources import packaged_path

MANIFEST_PATH = packaged_path("manifest.yaml")


@dataclass(frozen=True)
class SlashCommand:
    command: str
    description: str
    usage_hint: str | None = None


@lru_cache(maxsize=4)
def load_manifest(path: Path = MANIFEST_PATH) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def slash_commands(path: Path = MANIFEST_PATH) -> list[SlashCommand]:
    return [
        SlashCommand(c["command"], c["description"], c.get("usage_hint"))
        for c in load_manifest(path).get("features", {}).get("slash_commands", [])
    ]


def bot_events(path: Path = MANIFEST_PATH) -> list[str]:
    return list(load_manifest(path).get("settings", {}).get("event_subscriptions", {}).get("bot_events", []))

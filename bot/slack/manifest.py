"""The app manifest (bot/data/manifest.yaml, shipped in the package) as data: its slash commands
are both what Slack offers in the composer and the bot's own help, so the two never tell
different stories."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.resources import packaged_path
from bot.slack.http import EVENTS_PATH

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


def bot_scopes(path: Path = MANIFEST_PATH) -> list[str]:
    return list(load_manifest(path).get("oauth_config", {}).get("scopes", {}).get("bot", []))


def http_manifest(base_url: str, path: Path = MANIFEST_PATH) -> dict:
    """The manifest for HTTP mode (`serve`): Socket Mode off, and the bot's one endpoint as every
    slash command's url and as the events' and the interactivity's request_url."""
    manifest = copy.deepcopy(load_manifest(path))
    endpoint = base_url.rstrip("/") + EVENTS_PATH
    for command in manifest["features"]["slash_commands"]:
        command["url"] = endpoint
    settings = manifest["settings"]
    settings["event_subscriptions"]["request_url"] = endpoint
    settings["interactivity"]["request_url"] = endpoint
    settings["socket_mode_enabled"] = False
    return manifest

"""manifest.yaml: valid for Slack (its own JSON schema), and in step with the code: every slash
command and event a listener registers is in the manifest, and every one in the manifest has a
listener. New listener modules are picked up through register_all."""
from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from slack_bolt import App

from bot.cli import main
from bot.services import Services
from bot.slack.app import build_app
from bot.slack.manifest import bot_events, load_manifest, slash_commands
from tests.conftest import SHARED
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.signed_requests import SlackRequests

SCHEMA = SHARED / "slack-manifest-schema" / "manifest.schema.1.0.0.json"


def test_the_manifest_is_valid_for_slack() -> None:
    if not SCHEMA.exists():
        pytest.skip(f"Slacks manifest-skema findes ikke her ({SCHEMA}); manifestet valideres ikke.")
    validator = Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(load_manifest())]
    assert problems == []


def test_the_manifest_turns_on_what_the_app_uses() -> None:
    manifest = load_manifest()
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"] and not home["messages_tab_read_only_enabled"]
    assert manifest["settings"]["interactivity"]["is_enabled"] and manifest["settings"]["socket_mode_enabled"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    needed = {"commands", "chat:write", "app_mentions:read", "im:history", "im:read", "im:write", "usergroups:read", "files:write"}
    assert needed <= scopes, needed - scopes


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch, slack_settings: Any) -> dict[str, set[str]]:
    """What build_app registers, recorded at Bolt's own registration methods."""
    seen: dict[str, set[str]] = {"commands": set(), "events": set()}
    command, event, message = App.command, App.event, App.message

    def spy_command(self: App, name: Any, *args: Any, **kwargs: Any) -> Any:
        seen["commands"].add(name)
        return command(self, name, *args, **kwargs)

    def spy_event(self: App, name: Any, *args: Any, **kwargs: Any) -> Any:
        seen["events"].add(name["type"] if isinstance(name, dict) else name)
        return event(self, name, *args, **kwargs)

    def spy_message(self: App, *args: Any, **kwargs: Any) -> Any:
        seen["events"].add("message")
        return message(self, *args, **kwargs)

    monkeypatch.setattr(App, "command", spy_command)
    monkeypatch.setattr(App, "event", spy_event)
    monkeypatch.setattr(App, "message", spy_message)
    services = Services.build(slack_settings, migrate=False)
    build_app(services)
    services.db.dispose()
    assert seen["commands"] and seen["events"]
    assert all(isinstance(name, str) for names in seen.values() for name in names), "register plain names, not patterns"
    return seen


def test_every_registered_command_is_in_the_manifest_and_back(registered: dict[str, set[str]]) -> None:
    assert registered["commands"] == {c.command for c in slash_commands()}


def test_every_registered_event_is_in_the_manifest_and_back(registered: dict[str, set[str]]) -> None:
    """The manifest names message events by where they come from (message.im); Bolt by type."""
    assert registered["events"] == {name.split(".", 1)[0] for name in bot_events()}


def test_every_manifest_command_is_handled(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    """Bolt answers 404 to a command no listener takes; each one in the manifest gets 200."""
    for command in slash_commands():
        assert slack.command(command.command).status == 200, command.command


def test_the_http_manifest_is_generated_and_valid_for_slack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest", "--url", "https://borgmesterbot.kl.dk/"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    endpoint = "https://borgmesterbot.kl.dk/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["event_subscriptions"]["request_url"] == endpoint
    assert manifest["settings"]["interactivity"]["request_url"] == endpoint
    assert [c["url"] for c in manifest["features"]["slash_commands"]] == [endpoint] * len(slash_commands())
    assert manifest["oauth_config"] == load_manifest()["oauth_config"]
    if not SCHEMA.exists():
        pytest.skip(f"Slacks manifest-skema findes ikke her ({SCHEMA}); manifestet valideres ikke.")
    validator = Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(manifest)] == []


def test_the_socket_mode_manifest_is_printed_as_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest"]) == 0
    assert yaml.safe_load(capsys.readouterr().out) == load_manifest()


def test_an_address_slack_would_refuse_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest", "--url", "http://borgmesterbot.kl.dk"]) == 2
    assert "https://" in capsys.readouterr().err

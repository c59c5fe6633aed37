"""The Slack half of `borgmesterbot check`: the bot token (auth.test), the scopes it was granted
against the manifest's, the app token (Socket Mode), the staff user group and the staff channel.
Each is asked once, without retries, so a check of a broken set-up answers at once."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.config import Settings
from bot.danish import count
from bot.doctor import Finding
from bot.slack.manifest import bot_scopes

NEEDS_BOT_TOKEN = "kan ikke tjekkes uden et bot-token, Slack godtager (se ovenfor)."


def _error(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or error.response.status_code)
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _ask(call: Callable[[], Any]) -> tuple[Any, str | None]:
    """Slack's answer, or None and the reason it gave (or why it could not be reached)."""
    try:
        return call(), None
    except (SlackClientError, OSError) as error:
        return None, _error(error)


def _granted(headers: dict[str, Any]) -> set[str] | None:
    for name, value in headers.items():
        if name.lower() == "x-oauth-scopes":
            raw = value[0] if isinstance(value, list) else value
            return {scope.strip() for scope in str(raw).split(",") if scope.strip()}
    return None


def _bot_token(settings: Settings, client: WebClient | None) -> list[Finding]:
    if client is None:
        return [
            Finding(False, "Bot-token", "SLACK_BOT_TOKEN mangler: kopiér Bot User OAuth Token (xoxb-…) fra OAuth & Permissions."),
            Finding(False, "Scopes", NEEDS_BOT_TOKEN),
        ]
    auth, error = _ask(client.auth_test)
    if auth is None:
        return [
            Finding(False, "Bot-token", f"Slack afviste det ({error}): kopiér Bot User OAuth Token igen fra OAuth & Permissions "
                    "(og tjek SLACK_API_URL, hvis den er sat)."),
            Finding(False, "Scopes", NEEDS_BOT_TOKEN),
        ]
    found = Finding(True, "Bot-token", f"virker: {auth.get('user')} i {auth.get('team')}.")
    granted = _granted(dict(auth.headers))
    wanted = set(bot_scopes())
    if granted is None:
        return [found, Finding(False, "Scopes", "Slack sendte ingen liste over scopes: kør check igen, eller se OAuth & Permissions.")]
    missing = sorted(wanted - granted)
    if missing:
        return [found, Finding(False, "Scopes", f"appen mangler {', '.join(missing)}: tilføj dem under OAuth & Permissions "
                               "(eller opret appen fra manifestet igen), og geninstallér appen i workspacet.")]
    return [found, Finding(True, "Scopes", f"alle {len(wanted)} scopes i manifestet er givet.")]


def _app_token(settings: Settings) -> Finding:
    app_token = settings.slack_app_token
    if not app_token:
        if settings.slack_signing_secret:
            return Finding(True, "App-token", "ikke sat; HTTP-tilstand med SLACK_SIGNING_SECRET ('borgmesterbot serve').")
        return Finding(False, "App-token", "hverken SLACK_APP_TOKEN (Socket Mode) eller SLACK_SIGNING_SECRET (HTTP-tilstand) er sat: "
                       "lav et app-token med scopet connections:write under Basic Information → App-Level Tokens.")
    client = WebClient(base_url=settings.slack_api_url or WebClient.BASE_URL, retry_handlers=[])
    opened, error = _ask(lambda: client.apps_connections_open(app_token=app_token))
    if opened is None:
        return Finding(False, "App-token", f"Slack afviste det ({error}): lav et nyt app-token med scopet connections:write "
                       "under Basic Information → App-Level Tokens, og slå Socket Mode til.")
    return Finding(True, "App-token", "Socket Mode kan forbinde.")


def _staff(settings: Settings, client: WebClient | None) -> Finding:
    group = settings.staff_usergroup_id
    if not group:
        if settings.staff_user_ids:
            return Finding(True, "Medarbejdere", f"{len(settings.staff_user_ids)} i STAFF_USER_IDS.")
        return Finding(False, "Medarbejdere", "ingen er KL-medarbejdere: sæt STAFF_USERGROUP_ID (S…) eller STAFF_USER_IDS (U…,U…).")
    if client is None:
        return Finding(False, "Medarbejdere", f"brugergruppen {group} {NEEDS_BOT_TOKEN}")
    found, error = _ask(lambda: client.usergroups_users_list(usergroup=group))
    if found is None:
        fix = "giv appen scopet usergroups:read" if error == "missing_scope" else "ret STAFF_USERGROUP_ID til gruppens id (S…)"
        return Finding(False, "Medarbejdere", f"brugergruppen {group} kunne ikke læses ({error}): {fix}.")
    return Finding(True, "Medarbejdere", f"brugergruppen {group} har {count(len(found.get('users') or []), 'medlem', 'medlemmer')}.")


def _staff_channel(settings: Settings, client: WebClient | None) -> Finding:
    channel = settings.staff_channel_id
    if not channel:
        return Finding(True, "Medarbejderkanal", "STAFF_CHANNEL_ID er ikke sat (den er valgfri).")
    if client is None:
        return Finding(False, "Medarbejderkanal", f"{channel} {NEEDS_BOT_TOKEN}")
    found, error = _ask(lambda: client.conversations_info(channel=channel))
    if found is None:
        if error == "missing_scope":
            fix = "giv appen scopet channels:read (groups:read for en privat kanal), og geninstallér den"
        else:
            fix = "ret STAFF_CHANNEL_ID til kanalens id (C…, nederst i kanalens detaljer)"
        return Finding(False, "Medarbejderkanal", f"{channel} kunne ikke findes ({error}): {fix}.")
    info = found.get("channel") or {}
    if not info.get("is_member"):
        return Finding(False, "Medarbejderkanal", f"botten er ikke med i #{info.get('name', channel)}: skriv /invite @Borgmesterbot i kanalen.")
    return Finding(True, "Medarbejderkanal", f"botten er med i #{info.get('name', channel)}.")


def slack_findings(settings: Settings) -> list[Finding]:
    client = None
    if settings.slack_bot_token:
        client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url or WebClient.BASE_URL, retry_handlers=[])
    findings = _bot_token(settings, client)
    usable = client if findings[0].ok else None
    return [*findings, _app_token(settings), _staff(settings, usable), _staff_channel(settings, usable)]

"""Pytest fixtures for end-to-end Slack tests; ``tests/conftest.py`` loads them as a plugin.

- ``fake_slack``: a started ``FakeSlack`` (the Web API the bot's client talks to).
- ``slack_app``: the real Bolt app from ``bot.slack.app.build_app(services)``, served over HTTP by
  ``bot.slack.http.HttpServer`` (waitress) on a free port, on a migrated SQLite file and the
  bundled offers.yaml, with ``SLACK_API_URL`` pointing at ``fake_slack``. It exposes ``.app``,
  ``.services`` (to look at the database through the domain), ``.url`` and ``.fake``.
- ``slack``: a ``SlackRequests`` bound to ``slack_app`` (signed commands, events, clicks, modals).

Per-test settings are fixtures too; override one in a test module (or a class) to change it::

    @pytest.fixture
    def slack_staff_ids() -> frozenset[str]:
        return frozenset({"U0KLSTAFF"})

``slack_staff_channel`` (default None) sets STAFF_CHANNEL_ID. ``slack_staff_usergroup`` (default None) sets STAFF_USERGROUP_ID; fill it with
``fake_slack.set_usergroup(...)``. ``slack_rate_limit_retries`` (default 2) is
SLACK_RATE_LIMIT_RETRIES. ``slack_offers_path`` (default the bundled offers.yaml) is OFFERS_PATH.
"""
from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App

from bot.config import Settings
from bot.resources import packaged_path
from bot.services import Services
from bot.slack.app import build_app
from bot.slack.http import EVENTS_PATH, HttpServer
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.signed_requests import SlackRequests

BOT_TOKEN = "xoxb-0000-test-borgmesterbot"
APP_TOKEN = "xapp-1-A0BORGMESTER-test"
SIGNING_SECRET = "harnesssigningsecret0123456789"
STAFF_USER = "U0STAFF"


class ListenerPool(ThreadPoolExecutor):
    """Bolt's listener executor, counting the listeners still running, so a test can wait for
    the app to finish what it was asked instead of sleeping a guessed while."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="bolt-listener")
        self._running = 0
        self._changed = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._changed:
            self._running += 1

        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                with self._changed:
                    self._running -= 1
                    self._changed.notify_all()

        return super().submit(run)

    def wait_idle(self, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._running == 0, timeout)


@dataclass
class RunningSlackApp:
    """The app as built for production, fed in process by ``slack``; its HTTP server starts the
    first time a test asks for its URL (the HTTP boundary tests)."""

    app: App
    services: Services
    fake: FakeSlack
    pool: ListenerPool
    _server: HttpServer | None = None

    @property
    def server(self) -> HttpServer:
        if self._server is None:
            self._server = HttpServer(self.app, SIGNING_SECRET, host="127.0.0.1", port=0, threads=4).start_in_thread()
        return self._server

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def events_url(self) -> str:
        return self.server.url + EVENTS_PATH

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until every listener has finished and every DM it queued has gone out."""
        idle = self.pool.wait_idle(timeout) and self.services.postman.drain(timeout) and self.pool.wait_idle(timeout)
        assert idle, f"the app was still busy after {timeout}s"

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def slack_staff_ids() -> frozenset[str]:
    return frozenset({STAFF_USER})


@pytest.fixture
def slack_staff_usergroup() -> str | None:
    return None


@pytest.fixture
def slack_staff_channel() -> str | None:
    """STAFF_CHANNEL_ID; None sends the staff desk's items to each staff member's DM."""
    return None


@pytest.fixture
def slack_rate_limit_retries() -> int:
    return 2


@pytest.fixture
def slack_offers_path() -> Path:
    return packaged_path("offers.yaml")


@pytest.fixture
def slack_settings(
    tmp_path: Path,
    fake_slack: FakeSlack,
    migrated_sqlite_template: Path,
    slack_staff_ids: frozenset[str],
    slack_staff_usergroup: str | None,
    slack_staff_channel: str | None,
    slack_rate_limit_retries: int,
    slack_offers_path: Path,
) -> Settings:
    database = tmp_path / "bot.sqlite3"
    shutil.copyfile(migrated_sqlite_template, database)
    return Settings(
        database_url=f"sqlite:///{database}",
        offers_path=slack_offers_path,
        data_dir=tmp_path,
        slack_bot_token=BOT_TOKEN,
        slack_app_token=APP_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake_slack.url,
        staff_user_ids=slack_staff_ids,
        staff_usergroup_id=slack_staff_usergroup,
        staff_channel_id=slack_staff_channel,
        rate_limit_retries=slack_rate_limit_retries,
    )


@pytest.fixture
def slack_app(slack_settings: Settings, fake_slack: FakeSlack) -> Iterator[RunningSlackApp]:
    services = Services.build(slack_settings, migrate=False)
    pool = ListenerPool(max_workers=8)
    app = build_app(services, listener_executor=pool)
    running = RunningSlackApp(app=app, services=services, fake=fake_slack, pool=pool)
    fake_slack.settle = running.settle
    yield running
    fake_slack.settle = None
    running.stop()
    pool.shutdown(wait=True, cancel_futures=False)
    services.close()


@pytest.fixture
def slack(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> SlackRequests:
    """Signed requests dispatched into the app in process (see SlackRequests)."""
    return SlackRequests("in-process", SIGNING_SECRET, fake_slack, dispatch=slack_app.app.dispatch)


@pytest.fixture
def http_slack(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> SlackRequests:
    """Signed requests over HTTP to the app's server, for the tests of the HTTP boundary."""
    return SlackRequests(slack_app.events_url, SIGNING_SECRET, fake_slack)

"""Fixtures for the broadcast domain: the service on a seeded directory (both backends), and a
delivery worker that talks to the fake Slack Web API through the real client and sender."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import pytest
from slack_sdk import WebClient

from bot.broadcast.service import Broadcasts
from bot.broadcast.worker import DeliveryPolicy, DeliveryWorker
from bot.catalogue.store import CatalogueStore
from bot.members.staff import StaffPolicy
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.db import Database
from tests.broadcast.directory import SECOND_STAFF, STAFF, Seeded, seed
from tests.conftest import OFFERS_PATH
from tests.enrolment.support import Clock
from tests.slack_harness.fake_slack import FakeSlack

NOW = datetime(2027, 1, 11, 9, 0, tzinfo=timezone.utc)
FAST = DeliveryPolicy(rate_per_second=500, burst=50, batch_size=10, claim_timeout=60, progress_interval=0.0,
                      backoff_base=0.05, backoff_cap=0.2)


@pytest.fixture(scope="session")
def catalogue() -> CatalogueStore:
    return CatalogueStore(OFFERS_PATH)


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed(database)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def make_broadcasts(database: Database, catalogue: CatalogueStore, clock: Clock) -> Callable[..., Broadcasts]:
    def make(requires_approval: bool = False, use_clock: bool = True) -> Broadcasts:
        staff = StaffPolicy(database, frozenset({STAFF, SECOND_STAFF}))
        options = {"clock": clock} if use_clock else {}
        return Broadcasts(database, catalogue, staff, requires_approval=requires_approval,
                          configured_staff=frozenset({STAFF, SECOND_STAFF}), **options)

    return make


@pytest.fixture
def broadcasts(make_broadcasts: Callable[..., Broadcasts]) -> Broadcasts:
    return make_broadcasts()


def slack_sender(fake: FakeSlack) -> SlackNoticeSender:
    """No client-side retries: the worker's outbox does the retrying (and the looking up)."""
    return SlackNoticeSender(WebClient(token="xoxb-test", base_url=fake.url, retry_handlers=[]))


@pytest.fixture
def make_worker(database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack) -> Callable[..., DeliveryWorker]:
    def make(policy: DeliveryPolicy = FAST, name: str | None = None, db: Database | None = None) -> DeliveryWorker:
        return DeliveryWorker(db or database, catalogue, slack_sender(fake_slack), policy, name=name)

    return make

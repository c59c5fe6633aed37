"""Fixtures for the reminders tests: the bundled catalogue and a clock the test moves."""
from __future__ import annotations

import pytest

from bot.catalogue.store import CatalogueStore
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import Clock, cph


@pytest.fixture(scope="session")
def catalogue() -> CatalogueStore:
    return CatalogueStore(OFFERS_PATH)


@pytest.fixture
def clock() -> Clock:
    """Monday 4 January 2027, 08:00 in Copenhagen, unless a test sets another time."""
    return Clock(cph(2027, 1, 4, 8))

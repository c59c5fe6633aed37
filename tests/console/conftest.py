from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalogue.store import CatalogueStore
from bot.config import Settings
from bot.services import Services
from bot.storage.db import Database
from tests.conftest import OFFERS_PATH


@pytest.fixture
def services(tmp_path: Path, sqlite_database: Database) -> Services:
    """What `borgmesterbot chat` builds: the bundled catalogue and a migrated SQLite file."""
    settings = Settings(database_url=str(sqlite_database.engine.url), offers_path=OFFERS_PATH, data_dir=tmp_path)
    return Services(settings=settings, db=sqlite_database, catalogue=CatalogueStore(OFFERS_PATH))

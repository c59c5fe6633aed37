from __future__ import annotations

import shutil
from pathlib import Path

from bot.catalogue.store import CatalogueStore
from bot.config import Settings
from bot.services import Services
from bot.storage.db import Database
from tests.conftest import OFFERS_PATH


def test_the_answerer_is_shared_until_the_catalogue_reloads(tmp_path: Path, sqlite_database: Database) -> None:
    offers = tmp_path / "offers.yaml"
    shutil.copy(OFFERS_PATH, offers)
    settings = Settings(database_url=str(sqlite_database.engine.url), offers_path=offers, data_dir=tmp_path)
    services = Services(settings=settings, db=sqlite_database, catalogue=CatalogueStore(offers))

    first = services.answerer
    assert services.answerer is first

    offers.write_text(
        offers.read_text(encoding="utf-8").replace('title: "Borgmesterpraktik"', 'title: "Praktik hos en kollega"'),
        encoding="utf-8",
    )
    assert services.catalogue.reload() is None
    second = services.answerer
    assert second is not first and second.catalogue is services.catalogue.current
    assert second.answer("borgmesterpraktik").text.startswith("Praktik hos en kollega")

    offers.write_text("offers: [", encoding="utf-8")
    assert services.catalogue.reload() is not None
    assert services.answerer is second

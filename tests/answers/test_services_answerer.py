from __future__ import annotations

from pathlib import Path

from bot.catalogue.store import Author
from bot.config import Settings
from bot.services import Services
from bot.storage.db import Database
from tests.catalogue.test_store import draft_of
from tests.conftest import OFFERS_PATH


def test_the_answerer_is_shared_until_a_new_version_is_in_use(tmp_path: Path, sqlite_database: Database) -> None:
    settings = Settings(database_url=str(sqlite_database.engine.url), offers_path=OFFERS_PATH, data_dir=tmp_path)
    services = Services.build(settings, migrate=False)

    first = services.answerer
    assert services.answerer is first

    store = services.catalogue
    store.edit_offer("borgmesterpraktik", draft_of(store, "borgmesterpraktik", title="Praktik hos en kollega"), Author("U0K", "K"))
    second = services.answerer
    assert second is not first and second.catalogue is services.catalogue.current
    assert second.answer("borgmesterpraktik").text.startswith("Praktik hos en kollega")

    store.confirm("borgmesterpraktik", Author("U0K", "K"))
    assert services.answerer is second, "a confirmation changes no text and rebuilds no index"

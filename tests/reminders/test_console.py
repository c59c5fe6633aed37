"""/netvaerk and /paamindelser in the console chat, on the same domain as Slack."""
from __future__ import annotations

import io
from pathlib import Path

from bot.catalogue.store import CatalogueStore
from bot.config import Settings
from bot.console.chat import PROMPT, WELCOME, run_chat
from bot.services import Services
from bot.storage.db import Database
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import cph


def _chat(services: Services, *lines: str) -> list[str]:
    output = io.StringIO()
    run_chat(services, input=io.StringIO("".join(f"{line}\n" for line in lines)), output=output)
    return [reply.strip() for reply in output.getvalue().removeprefix(WELCOME + "\n").split(PROMPT)][1:]


def test_networks_and_the_hotline_setting_in_the_console(tmp_path: Path, sqlite_database: Database) -> None:
    settings = Settings(database_url=str(sqlite_database.engine.url), offers_path=OFFERS_PATH, data_dir=tmp_path)
    services = Services(settings=settings, db=sqlite_database, catalogue=CatalogueStore(OFFERS_PATH))
    assert _chat(services, "/paamindelser hotline fra")[0].startswith("Du er ikke i medlemslisten endnu")
    _chat(services, "/jeg Vejle")
    services.networks.create("Netværk Midt")
    services.networks.add_member("Netværk Midt", "Vejle")
    services.meetings.set_network_meeting("Netværk Midt", cph(2099, 3, 4, 10), "Vejle Rådhus")
    networks, off, shown, on, wrong, *_ = _chat(
        services, "/netværk", "/paamindelser hotline fra", "/påmindelser", "/paamindelser hotline til", "/paamindelser fra"
    )
    assert "Netværksmøde i Netværk Midt: onsdag d. 4. marts 2099 kl. 10.00, Vejle Rådhus" in networks and "Dit netværk Netværk Midt" in networks
    assert "ikke den faste påmindelse" in off and "ikke den faste påmindelse" in shown and "hvert kvartal" in on
    assert wrong == "Skriv /paamindelser hotline fra eller /paamindelser hotline til."

"""Answers state what staff have entered: the next sessions with seats, waitlist, price and
deadline; the asker's own network and its next meeting; the dates set for B98. Without data the
catalogue's own wording stands, and the letter's 2022 date is never given as a coming one."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.catalogue.store import CatalogueStore
from bot.config import Settings
from bot.enrolment.sessions import SessionDraft
from bot.services import Services
from bot.storage.db import Database
from tests.conftest import OFFERS_PATH

MAYOR = "U0MAYOR1"
LATER = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=40)


@pytest.fixture
def services(tmp_path: Path, database: Database) -> Services:
    settings = Settings(database_url=str(database.engine.url), offers_path=OFFERS_PATH, data_dir=tmp_path)
    return Services(settings=settings, db=database, catalogue=CatalogueStore(OFFERS_PATH))


def test_an_offer_with_sessions_gives_the_next_dates_seats_price_and_deadline(services: Services) -> None:
    services.sessions.add(SessionDraft(
        "modeledelse", LATER, LATER + timedelta(hours=3), capacity=1, place="KL-huset", fee="1.500 kr.",
        deadline=LATER - timedelta(days=7),
    ))
    services.directory.register(MAYOR, "Anna Borg", "Aarhus", approved=True)
    text = services.asking.ask("hvornår er der kursus i mødeledelse?", "D1", MAYOR).text
    assert "Næste datoer (KL's aktuelle plan):" in text
    assert "KL-huset: 1 ledig plads (pris 1.500 kr.; tilmeldingsfrist" in text
    session = services.sessions.list("modeledelse")[0]
    services.enrolment.enrol(MAYOR, session.id)
    full = services.asking.ask("hvornår er der kursus i mødeledelse?", "D1", MAYOR).text
    assert "KL-huset: fuldt, 0 på venteliste" in full


def test_my_network_question_names_my_network_and_its_next_meeting(services: Services) -> None:
    services.directory.register(MAYOR, "Anna Borg", "Aarhus", approved=True)
    assert "Du er ikke med i et borgmesternetværk endnu." in services.asking.ask("hvornår mødes mit netværk?", None, MAYOR).text
    services.networks.create("Netværk Øst")
    services.networks.add_member("Netværk Øst", MAYOR)
    assert "Dit netværk »Netværk Øst« har ikke fået fastsat sit næste møde endnu." in services.asking.ask(
        "hvornår mødes mit netværk?", None, MAYOR
    ).text
    services.meetings.set_network_meeting("Netværk Øst", LATER, "Rådhuset i Aarhus", holiday_confirmed=True)
    text = services.asking.ask("hvornår mødes mit netværk?", None, MAYOR).text
    assert "Dit netværk »Netværk Øst« mødes næste gang" in text and "Rådhuset i Aarhus" in text


def test_b98_gives_the_dates_staff_set_and_cites_both_sources(services: Services) -> None:
    before = services.asking.ask("hvornår mødes B98?").text
    assert "2022" in before and "er historisk og ikke en kommende dato" in before
    assert "og KL: Velkomstbrev til nyvalgte borgmestre (15. december 2021)" in before
    assert "Næste møder" not in before
    services.meetings.set_forum_meeting("b98", LATER, "Aalborg Kongres & Kultur Center", holiday_confirmed=True)
    after = services.asking.ask("hvornår mødes B98?").text
    assert "Næste møder, som KL har fastsat:" in after and "Aalborg Kongres & Kultur Center" in after


def test_without_a_database_the_catalogue_alone_answers(services: Services) -> None:
    text = services.answerer.answer("hvornår er der kursus i mødeledelse?").text
    assert "Næste datoer" not in text and services.catalogue.current.get("modeledelse").frequency in text

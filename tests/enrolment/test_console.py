"""/tilmeld, /afmeld, /mine and /jeg in the console chat, driven as a terminal drives it."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.catalogue.store import CatalogueStore
from bot.config import Settings
from bot.console.chat import PROMPT, WELCOME, run_chat
from bot.enrolment.sessions import SessionDraft
from bot.resources import packaged_path
from bot.services import Services
from bot.storage.db import Database

OFFERS = packaged_path("offers.yaml")
START = datetime(2099, 1, 14, 9, tzinfo=timezone.utc)


@pytest.fixture
def services(tmp_path: Path, sqlite_database: Database) -> Services:
    settings = Settings(database_url=str(sqlite_database.engine.url), offers_path=OFFERS, data_dir=tmp_path)
    return Services(settings=settings, db=sqlite_database, catalogue=CatalogueStore(OFFERS))


def chat(services: Services, *lines: str) -> list[str]:
    output = io.StringIO()
    run_chat(services, input=io.StringIO("".join(f"{line}\n" for line in lines)), output=output)
    return [reply.strip() for reply in output.getvalue().removeprefix(WELCOME + "\n").split(PROMPT)][1:]


def _add(services: Services, days: int = 0, capacity: int = 5) -> int:
    start = START + timedelta(days=days)
    draft = SessionDraft("modeledelse", start, start + timedelta(hours=3), capacity, place="KL-huset")
    return services.sessions.add(draft).id


def test_enrol_after_saying_who_i_am(services: Services) -> None:
    _add(services)
    _add(services, days=7)
    replies = chat(services, "/tilmeld mødeledelse", "/jeg Atlantis", "/jeg aarhus nyvalgt", "/tilmeld mødeledelse", "/tilmeld mødeledelse 2", "/mine")
    assert "Jeg kender dig ikke endnu" in replies[0] and "/jeg Aarhus" in replies[0]
    assert "Jeg kender ikke kommunen 'Atlantis'" in replies[1]
    assert replies[2].startswith("Tak! Du står som borgmester i Aarhus (nyvalgt)")
    assert "1. Mødeledelse" in replies[3] and "2. Mødeledelse" in replies[3] and "Skriv /tilmeld Mødeledelse NR" in replies[3]
    assert replies[4].startswith("Du er tilmeldt Mødeledelse onsdag d. 21. januar 2099")
    assert "[Privat besked til dig] Tilmelding bekræftet" in replies[4] and "(vedhæftet: modeledelse-2.ics)" in replies[4]
    assert replies[5].startswith("Dine tilmeldinger:") and "21. januar 2099" in replies[5] and "14. januar" not in replies[5]


def test_requests_and_withdrawal(services: Services) -> None:
    replies = chat(services, "/jeg Vejle", "/tilmeld mentorordning", "/mine", "/tilmeld mentorordning ja", "/mine", "/afmeld mentorordning", "/afmeld mentorordning")
    assert "Skriv /tilmeld Mentorordning ja" in replies[1]
    assert "ingen kommende tilmeldinger" in replies[2], "showing the request stores nothing"
    assert "KL har fået din anmodning om Mentorordning" in replies[3]
    assert "Åbne anmodninger:" in replies[4] and "Mentorordning" in replies[4]
    assert "trukket tilbage" in replies[5]
    assert "Du er ikke tilmeldt Mentorordning" in replies[6]


def test_kinds_and_ambiguity_are_explained(services: Services) -> None:
    replies = chat(services, "/jeg Vejle", "/tilmeld b98", "/tilmeld xyzzy", "/tilmeld forhandlingsteknik", "/tilmeld mødeledelse 9")
    assert "kræver ingen tilmelding" in replies[1]
    assert "Jeg kan ikke finde et tilbud, der hedder 'xyzzy'" in replies[2]
    assert "ingen kommende datoer for Forhandlingsteknik" in replies[3]
    assert "ingen kommende datoer for Mødeledelse" in replies[4]


def test_withdraw_picks_among_several_dates(services: Services) -> None:
    _add(services)
    _add(services, days=7)
    replies = chat(services, "/jeg Vejle", "/tilmeld modeledelse 1", "/tilmeld modeledelse 2", "/afmeld modeledelse", "/afmeld modeledelse 1", "/mine")
    assert "Vælg, hvilken du vil afmelde" in replies[3] and "Skriv /afmeld Mødeledelse NR" in replies[3]
    assert replies[4].startswith("Du er afmeldt Mødeledelse onsdag d. 14. januar 2099")
    assert "21. januar 2099" in replies[5] and "14. januar 2099" not in replies[5]

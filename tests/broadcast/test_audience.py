"""Every segment resolves to exactly the right Slack users, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from bot.broadcast.audience import Audience, parse_municipalities, resolve
from bot.broadcast.errors import InvalidBroadcast
from bot.catalogue.store import CatalogueStore
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind
from tests.broadcast.directory import Seeded


def _resolve(database: Database, catalogue: CatalogueStore, audience: Audience) -> tuple[str, list[str]]:
    with database.session() as session:
        found = resolve(session, audience, catalogue.current)
    return found.label, list(found.user_ids)


def test_each_segment_has_exactly_its_members(database: Database, seeded: Seeded, catalogue: CatalogueStore) -> None:
    cases = {
        Audience(AudienceKind.ALL_MAYORS): seeded.mayors,
        Audience(AudienceKind.NEW_MAYORS): seeded.first_term,
        Audience(AudienceKind.NETWORK, network_id=seeded.network_id): seeded.network_members,
        Audience(AudienceKind.ENROLLED, session_id=seeded.session_id): seeded.in_session,
        Audience(AudienceKind.ENROLLED, offer_id="modeledelse"): seeded.in_session,
        Audience(AudienceKind.ENROLLED, offer_id="mentorordning"): seeded.mentor_requests,
        Audience(AudienceKind.MUNICIPALITIES, municipalities=("Aarhus", "Odense")):
            seeded.by_municipality["Aarhus"] + seeded.by_municipality["Odense"],
    }
    for audience, expected in cases.items():
        _label, users = _resolve(database, catalogue, audience)
        assert users == sorted(expected), audience
    assert len(seeded.mayors) == 98 and "U0STAFF" not in seeded.mayors


def test_labels_say_who_in_danish(database: Database, seeded: Seeded, catalogue: CatalogueStore) -> None:
    label, _ = _resolve(database, catalogue, Audience(AudienceKind.ENROLLED, session_id=seeded.session_id))
    assert label == "Tilmeldte og venteliste: Mødeledelse, fredag d. 12. marts 2027 kl. 10.00"
    label, _ = _resolve(database, catalogue, Audience(AudienceKind.NETWORK, network_id=seeded.network_id))
    assert label == "Medlemmer af netværket Nordjyske borgmestre"


def test_a_missing_network_or_offer_is_named(database: Database, seeded: Seeded, catalogue: CatalogueStore) -> None:
    with pytest.raises(InvalidBroadcast) as caught:
        _resolve(database, catalogue, Audience(AudienceKind.NETWORK, network_id=seeded.network_id + 99))
    assert "netværk" in caught.value.errors["network"]
    with pytest.raises(InvalidBroadcast) as caught:
        _resolve(database, catalogue, Audience(AudienceKind.ENROLLED, offer_id="findes-ikke"))
    assert "tilbud" in caught.value.errors["offer"]


def test_municipalities_are_validated_against_the_98() -> None:
    assert parse_municipalities("aarhus; Københavns Kommune\nodense, Aarhus") == ("Aarhus", "København", "Odense")
    with pytest.raises(InvalidBroadcast) as caught:
        parse_municipalities("Aarhus, Gotham, Atlantis")
    message = caught.value.errors["municipalities"]
    assert "'Gotham'" in message and "'Atlantis'" in message and "Aarhus" not in message.split("Skriv")[0]
    with pytest.raises(InvalidBroadcast):
        parse_municipalities(" , ")

"""The catalogue in the database: seeded from offers.yaml, changed only as whole new versions
(who, when, why), validated like the file, exported back to the file's format, rolled back as a
new version, and followed by a second store on the same database."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.catalogue.document import as_data
from bot.catalogue.edits import NewOffer, OfferDraft
from bot.catalogue.errors import EditConflict, InvalidOffer
from bot.catalogue.loader import load_catalogue
from bot.catalogue.model import Catalogue
from bot.catalogue.store import Author, CatalogueStore, ChangeKind
from bot.storage.db import Database
from tests.conftest import OFFERS_PATH

KAREN = Author("U0KAREN", "Karen fra KL")


def draft_of(store: CatalogueStore, offer_id: str, **changes: object) -> OfferDraft:
    offer = store.current.get(offer_id)
    assert offer is not None
    fields = dict(
        title=offer.title, summary=offer.summary, description=offer.description, audience=offer.audience,
        frequency=offer.frequency, fee=offer.fee, enrolment_kind=offer.enrolment.kind.value,
        enrolment_how=offer.enrolment.how, keywords=tuple(offer.keywords),
    )
    fields.update(changes)
    return OfferDraft(**fields)  # type: ignore[arg-type]


def test_an_empty_database_starts_from_the_seed_as_version_one(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    seed = load_catalogue(OFFERS_PATH)
    assert store.snapshot.version == 1
    assert as_data(store.current) == as_data(seed)
    [first] = store.history()
    assert (first.number, first.author_name, first.offers) == (1, "KL", 26) and "offers.yaml" in first.reason
    assert set(store.snapshot.confirmations) == {o.id for o in seed.offers}
    again = CatalogueStore(OFFERS_PATH, database)
    assert again.snapshot.version == 1, "a second start does not seed again"


def test_export_round_trips_the_bundled_file_exactly(database: Database, tmp_path: Path) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    exported = tmp_path / "eksport.yaml"
    exported.write_text(store.export(), encoding="utf-8")
    back = load_catalogue(exported)
    original = load_catalogue(OFFERS_PATH)
    assert as_data(back) == as_data(original), "same offers with the same fields, none added as null"
    assert [o.id for o in back.offers] == [o.id for o in original.offers]
    assert store.import_catalogue(back, KAREN, "uændret") == 2
    assert as_data(store.current) == as_data(original)


def test_an_edit_is_a_new_version_and_the_old_one_is_kept(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    before = store.current
    number = store.edit_offer(
        "mentorordning", draft_of(store, "mentorordning", summary="Ny tekst om mentorer.", fee="1.000 kr."), KAREN,
        seen=store.fingerprint("mentorordning"),
    )
    assert number == 2 and store.snapshot.version == 2
    offer = store.current.get("mentorordning")
    assert offer is not None and (offer.summary, offer.fee) == ("Ny tekst om mentorer.", "1.000 kr.")
    assert offer.english == before.get("mentorordning").english, "fields the form does not show are kept"
    assert store.version(1).get("mentorordning").summary == before.get("mentorordning").summary
    newest = store.history()[0]
    assert (newest.author_name, newest.reason) == ("Karen fra KL", "Rettede Mentorordning")
    assert store.snapshot.confirmations["mentorordning"].by_name == "Karen fra KL"


def test_a_broken_edit_is_refused_on_its_field_and_changes_nothing(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    with pytest.raises(InvalidOffer) as refused:
        store.edit_offer("b98", draft_of(store, "b98", title="   ", enrolment_kind="tilmelding"), KAREN)
    assert refused.value.fields == {"title": "må ikke være tom", "enrolment.kind": "er ikke et af de mulige valg"}
    assert store.snapshot.version == 1 and len(store.history()) == 1


def test_an_edit_made_meanwhile_is_not_overwritten(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    opened = store.fingerprint("b98")
    store.edit_offer("b98", draft_of(store, "b98", summary="Først."), KAREN, seen=opened)
    with pytest.raises(EditConflict, match="ændret af en anden"):
        store.edit_offer("b98", draft_of(store, "b98", summary="Sidst."), KAREN, seen=opened)
    assert store.current.get("b98").summary == "Først."


def test_rollback_restores_an_old_version_as_a_new_one(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    original = as_data(store.current)
    store.edit_offer("b98", draft_of(store, "b98", title="B98 – nyt navn"), KAREN)
    store.retire_offer("mentorordning", KAREN)
    assert store.rollback(1, KAREN) == 4
    assert as_data(store.current) == original
    assert [v.number for v in store.history()] == [4, 3, 2, 1]
    assert store.history()[0].reason == "Tilbage til version 1"


def test_a_retired_offer_leaves_answers_and_lists_but_keeps_its_name(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    store.retire_offer("mentorordning", KAREN)
    catalogue = store.current
    assert catalogue.get("mentorordning") is None and "mentorordning" not in {o.id for o in catalogue.offers}
    assert catalogue.known("mentorordning").title == "Mentorordning"
    assert len(catalogue.offers) == 25 and store.history()[0].offers == 25
    from bot.answers import Answerer

    assert "mentorordning" not in {o.id for o in Answerer(catalogue).answer("Hvad er mentorordningen?").offers}


def test_a_new_offer_gets_a_stable_id_from_its_title(database: Database) -> None:
    store = CatalogueStore(OFFERS_PATH, database)
    new = NewOffer(
        draft=OfferDraft(
            title="Sommerskole for borgmestre", summary="Tre dage om ledelse.", description="Tre dage om ledelse i august.",
            audience="Alle borgmestre", frequency="Hver sommer", fee=None, enrolment_kind="session",
            enrolment_how="Tilmeld dig en dato.", keywords=("sommerskole",),
        ),
        group="lederskab", provider="KL", source_document="katalog", source_section="Sommerskole",
    )
    assert store.add_offer(new, KAREN) == "sommerskole-for-borgmestre"
    assert store.add_offer(new, KAREN) == "sommerskole-for-borgmestre-2"
    store.edit_offer("sommerskole-for-borgmestre", draft_of(store, "sommerskole-for-borgmestre", title="Vinterskole"), KAREN)
    assert store.current.get("sommerskole-for-borgmestre").title == "Vinterskole", "the id stays when the title changes"


def test_a_second_store_follows_new_versions_and_confirmations(database: Database) -> None:
    ours = CatalogueStore(OFFERS_PATH, database)
    theirs = CatalogueStore(OFFERS_PATH, database)
    assert theirs.refresh() is False, "nothing new: one cheap query and no reload"
    ours.edit_offer("b98", draft_of(ours, "b98", summary="Opdateret."), KAREN)
    assert theirs.refresh() is True and theirs.current.get("b98").summary == "Opdateret."
    catalogue = theirs.current
    ours.confirm("b98", Author("U0OLE", "Ole"))
    assert theirs.refresh() is True
    assert theirs.current is catalogue, "a confirmation changes no text, so the catalogue (and its index) is kept"
    assert theirs.snapshot.confirmations["b98"].by_name == "Ole" and theirs.snapshot.version == 2


def test_two_writers_on_one_version_both_land(database: Database) -> None:
    """The second writer loses the race for version 2 and retries on top of the first."""
    first = CatalogueStore(OFFERS_PATH, database)
    second = CatalogueStore(OFFERS_PATH, database)
    first.edit_offer("b98", draft_of(first, "b98", summary="Fra første."), KAREN)
    second.edit_offer("mentorordning", draft_of(second, "mentorordning", summary="Fra anden."), KAREN)
    assert second.snapshot.version == 3
    assert (second.current.get("b98").summary, second.current.get("mentorordning").summary) == ("Fra første.", "Fra anden.")


def test_confirming_makes_no_version(database: Database) -> None:
    moments = iter([datetime(2026, 11, 12, 9, tzinfo=timezone.utc) + timedelta(minutes=n) for n in range(10)])
    store = CatalogueStore(OFFERS_PATH, database, clock=lambda: next(moments))
    confirmation = store.confirm("b98", KAREN)
    assert store.snapshot.version == 1 and store.snapshot.confirmations["b98"] == confirmation


def test_every_change_is_recorded_in_its_own_transaction(database: Database) -> None:
    """The audit seam: each version and each confirmation hands one row to the recorder, inside
    the transaction that stores it; a refused edit, and the seed of a new database (nobody's
    action), record nothing."""
    rows: list[tuple[str, str, str, str]] = []

    def record(session: object, author: Author, kind: ChangeKind, subject: str, detail: str) -> None:
        assert session is not None
        rows.append((author.name, kind.value, subject, detail))

    store = CatalogueStore(OFFERS_PATH, database, record=record)
    store.edit_offer("b98", draft_of(store, "b98", summary="Ny."), KAREN)
    with pytest.raises(InvalidOffer):
        store.edit_offer("b98", draft_of(store, "b98", title=""), KAREN)
    store.confirm("mentorordning", KAREN)
    store.rollback(1, KAREN)
    seed = load_catalogue(OFFERS_PATH)
    assert rows == [
        ("Karen fra KL", "offer_edited", f"Rettede {seed.get('b98').title}", "version 2; ændrede tilbud: b98"),
        ("Karen fra KL", "offer_confirmed", seed.get("mentorordning").title, "version 2"),
        ("Karen fra KL", "catalogue_rolled_back", "Tilbage til version 1", "version 3; ændrede tilbud: b98"),
    ]


def test_one_stored_text_is_one_catalogue_and_one_answerer_however_often_it_is_read(database: Database) -> None:
    """Each Services (each test's app, each replica in one process) would otherwise parse the
    version and build its answer index again; a changed text must still get its own."""
    from bot.answers import Answerer
    from bot.services import _answerer_of

    ours = CatalogueStore(OFFERS_PATH, database)
    theirs = CatalogueStore(OFFERS_PATH, database)
    assert theirs.current is ours.current
    assert load_catalogue(OFFERS_PATH) is load_catalogue(OFFERS_PATH)
    built: list[Catalogue] = []

    def build(catalogue: Catalogue) -> Answerer:
        built.append(catalogue)
        return Answerer(catalogue)

    before = _answerer_of(ours.current, build)
    assert _answerer_of(theirs.current, build) is before and len(built) <= 1
    ours.edit_offer("b98", draft_of(ours, "b98", summary="Delt af alle, der læser den."), KAREN)
    assert theirs.refresh() is True and theirs.current is ours.current
    after = _answerer_of(theirs.current, build)
    assert after is not before and after.catalogue is theirs.current and before.catalogue.get("b98").summary != "Delt af alle, der læser den."
    assert _answerer_of(ours.current, build) is after

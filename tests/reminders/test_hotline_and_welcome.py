"""The hotline details: in the welcome DM, on the staff's schedule (opt-out per mayor), and in
the DM sent when a question is about threats."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.catalogue.store import CatalogueStore
from bot.reminders.delivery import ReminderRunner
from bot.reminders.errors import ReminderError
from bot.reminders.hotline import (
    HotlineOptOuts,
    latest_hotline_round,
    next_hotline_round,
)
from bot.reminders.networks import Networks
from bot.reminders.notices import HOTLINE_OPT_OUT_ACTION
from bot.reminders.policy import ReminderPolicy, load_policy, parse_offsets, save_policy
from bot.storage.db import Database
from bot.storage.models.members import Member, Role
from tests.reminders.helpers import Clock, add_member, cph, dms_to, slack_sender
from tests.slack_harness.fake_slack import FakeSlack


def test_hotline_rounds_follow_the_policy_on_working_days() -> None:
    quarterly = ReminderPolicy()
    assert latest_hotline_round(cph(2027, 1, 4, 9, 59), quarterly).key == "hotline:2026-10"
    assert latest_hotline_round(cph(2027, 1, 4, 10), quarterly).fires_at == cph(2027, 1, 4, 10)
    assert next_hotline_round(cph(2027, 1, 4, 10), quarterly).fires_at == cph(2027, 4, 1, 10)
    monthly = ReminderPolicy(hotline_every_months=1, send_hour=9)
    assert next_hotline_round(cph(2027, 4, 1, 10), monthly).fires_at == cph(2027, 5, 3, 9), "1 May 2027 is a Saturday"


def test_policy_is_saved_and_checked(database: Database) -> None:
    with database.session() as session:
        assert load_policy(session) == ReminderPolicy()
        save_policy(session, ReminderPolicy(parse_offsets("1, 7 7"), 6, 9, 24), updated_by="U0KIM")
    with database.session() as session:
        assert load_policy(session) == ReminderPolicy((7, 1), 6, 9, 24)
    for bad, message in [
        (ReminderPolicy(meeting_offsets_days=()), "Angiv 1-5 påmindelser"),
        (ReminderPolicy(meeting_offsets_days=(120,)), "mellem 1 og 90 dage"),
        (ReminderPolicy(hotline_every_months=5), "hver 1., 2., 3., 4., 6. eller 12. måned"),
        (ReminderPolicy(send_hour=3), "mellem 7 og 20"),
        (ReminderPolicy(grace_hours=0), "mellem 1 og 72 timer"),
    ]:
        with pytest.raises(ReminderError, match=message), database.session() as session:
            save_policy(session, bad, updated_by=None)
    with pytest.raises(ReminderError, match="ikke en liste af dage"):
        parse_offsets("fjorten")


def test_quarterly_hotline_reminder_respects_opt_out(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock
) -> None:
    before = cph(2026, 12, 1)
    for user_id, name, town in [("U0ANNA", "Anna", "Aarhus"), ("U0BO", "Bo", "Vejle"), ("U0CAI", "Cai", "Odense")]:
        add_member(database, user_id, name, town, at=before)
    add_member(database, "U0KIM", "Kim", None, role=Role.STAFF, at=before)
    opt_outs = HotlineOptOuts(database)
    assert opt_outs.set_opted_out("U0BO", True) and opt_outs.set_opted_out("U0BO", True)
    assert not opt_outs.set_opted_out("U0NOBODY", True)
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)

    clock.set(cph(2027, 1, 4, 10))
    assert runner.run_due()["sent"] == 2
    [anna] = dms_to(fake_slack, "U0ANNA")
    assert "KL's hotline" in anna and "112" in anna and "114" in anna and "hvert kvartal" in anna
    assert dms_to(fake_slack, "U0BO") == [] and dms_to(fake_slack, "U0KIM") == []
    opt_out_button = next(c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == "D0ANNA")
    assert HOTLINE_OPT_OUT_ACTION in opt_out_button.action_ids()

    assert opt_outs.set_opted_out("U0BO", False) and not opt_outs.is_opted_out("U0BO")
    assert opt_outs.set_opted_out("U0CAI", True) and opt_outs.is_opted_out("U0CAI")
    clock.set(cph(2027, 4, 1, 10, 5))
    assert runner.run_due()["sent"] == 2
    assert [len(dms_to(fake_slack, u)) for u in ("U0ANNA", "U0BO", "U0CAI")] == [2, 1, 1]


def test_a_new_mayor_is_welcomed_once_with_fora_networks_contact_and_hotline(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock
) -> None:
    clock.set(cph(2027, 2, 1, 12))
    add_member(database, "U0NEW", "Nina Nielsen", "Kolding", at=clock())
    add_member(database, "U0SEC", "Sekretariatet", "Kolding", role=Role.SECRETARIAT, at=clock())
    networks = Networks(database)
    networks.create("Netværk Syd")
    networks.add_member("Netværk Syd", "Kolding")
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)
    clock.advance(minutes=1)
    assert runner.run_due()["sent"] == 1
    clock.advance(hours=2)
    assert runner.run_due()["sent"] == 0
    [welcome] = dms_to(fake_slack, "U0NEW")
    for expected in ("Kære Nina Nielsen", "borgmesterkredsen (B98)", "KL's repræsentantskab og KKR", "Netværk Syd",
                     "Omer Ciric", "33 70 32 08", "oci@kl.dk", "KL's hotline", "112"):
        assert expected in welcome, expected
    assert dms_to(fake_slack, "U0SEC") == [], "the welcome is for mayors"


def test_a_mayor_added_while_the_bot_was_down_long_is_not_welcomed_days_late(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock
) -> None:
    clock.set(cph(2027, 2, 2, 12))  # a Tuesday; added on the Sunday, whose welcome was due Monday 07:00-19:00
    add_member(database, "U0NEW", "Nina Nielsen", "Kolding", at=clock() - timedelta(days=2))
    report = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock).run_due()
    assert report["skipped"] == 1 and dms_to(fake_slack, "U0NEW") == []



def test_the_welcome_tells_a_new_mayor_from_a_reelected_one_and_gives_the_letters_offers(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock
) -> None:
    clock.set(cph(2027, 2, 1, 12))
    add_member(database, "U0NEW", "Nina Nielsen", "Kolding", at=clock())
    add_member(database, "U0OLD", "Ole Olsen", "Vejle", at=clock())
    with database.session() as session:
        session.execute(update(Member).where(Member.slack_user_id == "U0NEW").values(first_term=True))
    clock.advance(minutes=1)
    assert ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock).run_due()["sent"] == 2
    # The message's own text (the fake's ``text`` adds the blocks, which say it all once more).
    [new], [old] = ([str(c.args["text"]) for c in fake_slack.calls("chat.postMessage") if c.args.get("channel") == f"D0{u}"] for u in ("NEW", "OLD"))
    offers = catalogue.current
    newsletters, forlob, samling = (offers.get(i) for i in ("nyhedsbreve", "borgmesterforlob", "samling-nye-borgmestre"))
    assert newsletters and forlob and samling
    assert "Tillykke med valget" in new and "ny valgperiode" not in new
    assert "Velkommen til en ny valgperiode" in old and "Tillykke" not in old
    for welcome in (new, old):
        assert newsletters.title in welcome and "Nyt fra KL's bestyrelse" in welcome
        assert forlob.title in welcome
        assert welcome.count("oci@kl.dk") == 1 and welcome.count("33 70 32 08") == 1, "the contact is given once"
        assert "KL: KL:" not in welcome and "Kontakt til KL: KL" not in welcome
    assert samling.title in new and samling.title not in old, "the samling is for new mayors"

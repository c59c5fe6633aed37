"""Borgmesterpraktik rounds on a real database: mayors opt in, the tick pairs them as a draft at the
start of the rhythm's period and tells staff, staff swap two mayors, and sending introduces each
pair once in a group DM at the fake Slack (sending again posts nothing twice)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.praktik.service import Praktik
from bot.reminders.errors import ReminderError
from bot.reminders.policy import PolicyStore
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.db import Database
from bot.storage.models.members import Role
from bot.storage.models.praktik import RoundState
from tests.reminders.helpers import Clock, add_member, cph, slack_sender
from tests.slack_harness.fake_slack import FakeSlack

TOWNS = ("Aarhus", "Vejle", "Odense", "Aalborg", "Roskilde")


@pytest.fixture
def clock() -> Clock:
    return Clock(cph(2027, 1, 4, 9))


@pytest.fixture
def praktik(database: Database, clock: Clock) -> tuple[Praktik, list[tuple[str, str]]]:
    told: list[tuple[str, str]] = []
    for i, town in enumerate(TOWNS):
        add_member(database, f"U0M{i}", f"Borgmester {town}", town, at=cph(2027, 1, 2))
    add_member(database, "U0KIM", "Kim", None, role=Role.STAFF, at=cph(2027, 1, 2))
    return Praktik(database, lambda title, text: told.append((title, text)), clock), told


def test_a_round_is_paired_reviewed_adjusted_and_sent_once(
    praktik: tuple[Praktik, list[tuple[str, str]]], database: Database, clock: Clock, fake_slack: FakeSlack
) -> None:
    service, told = praktik
    assert service.plan() is None, "nobody is in yet"
    for i in range(4):
        assert service.set_opted_in(f"U0M{i}", True)
    assert service.set_opted_in("U0M0", True), "joining twice is harmless"
    assert not service.set_opted_in("U0NOBODY", True)
    with pytest.raises(ReminderError, match="for borgmestre"):
        service.set_opted_in("U0KIM", True)
    assert service.opted_in_count() == 4 and service.is_opted_in("U0M1")

    draft = service.plan()
    assert draft is not None and draft.state is RoundState.DRAFT and len(draft.pairs) == 2
    assert draft.period_name == "1. halvår 2027", "twice a year by default"
    assert told and "2 par" in told[0][1] and "/praktik" in told[0][1]
    assert service.plan() is None, "one round a period"

    first, second = draft.pairs
    a, b = first.people[0], second.people[0]
    swapped = service.swap(draft.id, a.slack_user_id, b.slack_user_id)
    assert {p.slack_user_id for p in swapped.pairs[0].people} == {b.slack_user_id, first.people[1].slack_user_id}
    with pytest.raises(ReminderError, match="allerede sat sammen"):
        service.swap(draft.id, swapped.pairs[0].people[0].slack_user_id, swapped.pairs[0].people[1].slack_user_id)

    sender: SlackNoticeSender = slack_sender(fake_slack)
    sent = service.send(draft.id, "U0KIM", sender)
    assert sent.state is RoundState.SENT and all(p.introduced for p in sent.pairs)
    posts = fake_slack.calls("chat.postMessage")
    assert len(posts) == 2
    for post, pair in zip(posts, sent.pairs):
        assert fake_slack.group_members(post.args["channel"]) == sorted(p.slack_user_id for p in pair.people), "one group DM per pair"
        assert "borgmesterpraktik" in post.text and "kommunalbestyrelsesmøde" in post.text
    service.send(draft.id, "U0KIM", sender)
    assert len(fake_slack.calls("chat.postMessage")) == 2, "sending again introduces nobody twice"
    with pytest.raises(ReminderError, match="allerede sendt"):
        service.swap(draft.id, a.slack_user_id, b.slack_user_id)


def test_the_rhythm_is_set_by_staff_and_the_next_round_pairs_new_partners(
    praktik: tuple[Praktik, list[tuple[str, str]]], database: Database, clock: Clock, fake_slack: FakeSlack
) -> None:
    service, _ = praktik
    store = PolicyStore(database)
    store.set(replace(store.get(), praktik_every_months=3), updated_by="U0KIM")
    for i in range(4):
        service.set_opted_in(f"U0M{i}", True)
    first = service.plan()
    assert first is not None and first.period_name == "1. kvartal 2027"
    service.send(first.id, "U0KIM", slack_sender(fake_slack))
    clock.set(cph(2027, 4, 1, 9))
    second = service.plan()
    assert second is not None and second.period_name == "2. kvartal 2027"
    before = {frozenset(p.slack_user_id for p in pair.people) for pair in first.pairs}
    assert not before & {frozenset(p.slack_user_id for p in pair.people) for pair in second.pairs}, "nobody meets the same mayor again"

"""Seeding the Slack app's own database for the enrolment tests: members and sessions in the
future (the app runs on the real clock), and reading back what was stored."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select

from bot.enrolment.results import SessionView
from bot.enrolment.sessions import SessionDraft
from bot.services import Services
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus
from bot.storage.models.members import Member, Role
from tests.slack_harness.fake_slack import ApiCall
from tests.slack_harness.fixtures import RunningSlackApp

START = datetime(2099, 3, 5, 9, tzinfo=timezone.utc)


def add_mayor(services: Services, user_id: str = "U0MAYOR", *, name: str = "Mette Mayor", first_term: bool = False) -> None:
    with services.db.session() as session:
        session.add(Member(slack_user_id=user_id, name=name, municipality="Vejle", role=Role.MAYOR, first_term=first_term))


def add_secretariat(services: Services, user_id: str, mayor_id: str = "U0MAYOR") -> None:
    with services.db.session() as session:
        mayor = session.scalar(select(Member).where(Member.slack_user_id == mayor_id))
        session.add(Member(slack_user_id=user_id, name="Sofie Sekretær", municipality="Vejle", role=Role.SECRETARIAT, acts_for=mayor))


def add_session(services: Services, offer_id: str = "modeledelse", *, capacity: int = 10, fee: str | None = None, days: int = 0) -> SessionView:
    start = START + timedelta(days=days)
    draft = SessionDraft(offer_id, start, start + timedelta(hours=3), capacity, place="Vejle Rådhus", fee=fee, deadline=start - timedelta(days=7))
    return services.sessions.add(draft)


def enrolments(services: Services) -> list[tuple[str, EnrolmentStatus]]:
    with services.db.session() as session:
        rows = session.scalars(select(Enrolment).order_by(Enrolment.session_id, Enrolment.queue_no))
        return [(row.member.slack_user_id, row.status) for row in rows]


def metadata(opened: ApiCall) -> str:
    return str(opened.args["view"]["private_metadata"])


def ack_view(answer: Any) -> dict[str, Any]:
    """The view an ack with response_action "update" put in place of the modal."""
    body = answer.json()
    assert body["response_action"] == "update", body
    return dict(body["view"])


def view_text(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)


def dm_to(user_id: str):  # noqa: ANN201 (a predicate for FakeSlack.wait_for)
    return lambda call: call.args.get("channel") == "D" + user_id[1:]


@pytest.fixture(autouse=True)
def dms_sent_before_slack_stops(slack_app: RunningSlackApp) -> Iterator[None]:
    """Import into a test module: after each test, every DM the enrolment rules handed to the
    background has gone out before the fake Slack stops."""
    yield
    assert slack_app.services.postman.drain(timeout=10), "DMs still being sent after 10 s"

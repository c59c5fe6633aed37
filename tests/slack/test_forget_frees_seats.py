"""GDPR forget frees the person's seat like any seat given up: the first on the waitlist moves up
and is told in a DM through the real Slack client, and the erasure has an audit row that does
not name the person."""
from __future__ import annotations

from bot.staffdesk import Action
from bot.storage.models.enrolment import EnrolmentStatus
from tests.slack.enrolment_support import add_mayor, add_session, dm_to, dms_sent_before_slack_stops, enrolments  # noqa: F401 (autouse)
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp


def test_a_forgotten_persons_seat_goes_to_the_waitlist(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
    services = slack_app.services
    add_mayor(services, "U0MAYOR", name="Mette Mayor")
    add_mayor(services, "U0WAIT", name="Vera Venter")
    session = add_session(services, capacity=1, days=1)
    services.enrolment.enrol("U0MAYOR", session.id)
    services.enrolment.enrol("U0WAIT", session.id)
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.ENROLLED), ("U0WAIT", EnrolmentStatus.WAITLISTED)]

    done = services.forget("U0MAYOR")
    assert done.freed_sessions == (session.id,)
    assert enrolments(services) == [("U0WAIT", EnrolmentStatus.ENROLLED)]
    fake_slack.wait_for("chat.postMessage", lambda c: dm_to("U0WAIT")(c) and "plads" in c.text)
    [row] = [r for r in services.audit.entries() if r.action is Action.PERSON_FORGOTTEN]
    assert row.subject == "en person" and "Mette" not in f"{row.subject} {row.detail}"

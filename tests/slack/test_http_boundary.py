"""The HTTP boundary: only requests signed with the app's secret and a fresh timestamp get in
(Bolt answers 401 and runs nothing otherwise); /healthz answers the load balancer."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


@pytest.mark.parametrize("signature", ["forged", "missing", "stale"])
def test_badly_signed_requests_are_refused_and_nothing_runs(
    slack: SlackRequests, fake_slack: FakeSlack, signature: str
) -> None:
    assert slack.command("/hotline", signature=signature).status == 401  # type: ignore[arg-type]
    assert slack.direct_message("Hvad er mentorordningen?", signature=signature).status == 401  # type: ignore[arg-type]
    assert slack.block_action("offer_details", "mentorordning", signature=signature).status == 401  # type: ignore[arg-type]
    fake_slack.assert_no_call("response_url")
    fake_slack.assert_no_call("chat.postMessage", within=0)
    fake_slack.assert_no_call("views.open", within=0)


@pytest.fixture
def slack(http_slack: SlackRequests) -> SlackRequests:
    """This module tests the HTTP boundary itself, so its requests go over HTTP."""
    return http_slack


def test_healthz_answers_ok(slack_app: RunningSlackApp) -> None:
    with urllib.request.urlopen(slack_app.url + "/healthz", timeout=5) as answer:
        assert (answer.status, json.loads(answer.read())["status"]) == (200, "ok")


def test_other_paths_are_not_found(slack_app: RunningSlackApp) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(slack_app.url + "/admin", timeout=5)
    assert raised.value.code == 404

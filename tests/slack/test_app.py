"""build_app's plumbing: the client points at SLACK_API_URL with the right retry handlers, and
the staff user group is read through usergroups.users.list."""
from __future__ import annotations

import dataclasses

import pytest
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import ConfigError, Settings
from bot.slack.app import build_client
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp


def test_the_client_talks_to_slack_api_url(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
    assert slack_app.app.client.base_url == fake_slack.url
    assert fake_slack.calls("auth.test")[0].args["token"] == slack_app.services.settings.slack_bot_token


def test_rate_limit_retries_only_when_enabled(slack_settings: Settings) -> None:
    kinds = {type(h) for h in build_client(slack_settings).retry_handlers}
    assert kinds == {ConnectionErrorRetryHandler, ServerErrorRetryHandler, RateLimitErrorRetryHandler}
    off = build_client(dataclasses.replace(slack_settings, rate_limit_retries=0))
    assert {type(h) for h in off.retry_handlers} == {ConnectionErrorRetryHandler, ServerErrorRetryHandler}
    [limit] = [h for h in build_client(dataclasses.replace(slack_settings, rate_limit_retries=5)).retry_handlers if isinstance(h, RateLimitErrorRetryHandler)]
    assert limit.max_retry_count == 5


def test_without_a_bot_token_the_client_says_which_variable(slack_settings: Settings) -> None:
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN mangler"):
        build_client(dataclasses.replace(slack_settings, slack_bot_token=None))


class TestStaffUserGroup:
    @pytest.fixture
    def slack_staff_usergroup(self) -> str:
        return "S0KLSTAFF"

    def test_members_of_the_staff_group_are_staff(self, slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
        fake_slack.set_usergroup("S0KLSTAFF", ["U0KLANNE"])
        staff = slack_app.services.staff
        assert staff.is_staff("U0KLANNE")
        assert not staff.is_staff("U0MAYOR")
        assert fake_slack.calls("usergroups.users.list")[0].args["usergroup"] == "S0KLSTAFF"

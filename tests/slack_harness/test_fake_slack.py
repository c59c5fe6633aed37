"""The fake Slack Web API answers the real slack_sdk client the way Slack does, records what it
was sent, and misbehaves on request. Later tests trust it, so it is tested on its own here."""
from __future__ import annotations

import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.models.blocks import SectionBlock

from tests.slack_harness.fake_slack import BOT_USER_ID, FakeSlack


def _client(fake: FakeSlack, **kwargs: object) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.url, **kwargs)  # type: ignore[arg-type]


def test_answers_like_slack_and_records_arguments(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    assert client.auth_test()["user_id"] == BOT_USER_ID
    dm = client.conversations_open(users="U0MAYOR")["channel"]["id"]
    sent = client.chat_postMessage(channel=dm, text="Hej & velkommen", blocks=[SectionBlock(text="*Hej*")])
    assert sent["channel"] == dm == "D0MAYOR"
    assert sent["ts"]
    call = fake_slack.calls("chat.postMessage")[0]
    assert call.args["channel"] == "D0MAYOR"
    assert call.args["blocks"][0]["text"]["text"] == "*Hej*"
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert "Hej & velkommen" in call.text and "*Hej*" in call.text


def test_unknown_method_answers_unknown_method(fake_slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as raised:
        _client(fake_slack).api_call("reactions.add", params={"name": "thumbsup"})
    assert raised.value.response["error"] == "unknown_method"


def test_fail_next_fails_exactly_n_calls(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    fake_slack.fail_next("chat.postMessage", n=2, error="fatal_error")
    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            client.chat_postMessage(channel="C1", text="x")
        assert raised.value.response["error"] == "fatal_error"
    assert client.chat_postMessage(channel="C1", text="x")["ok"]


def test_rate_limit_next_gives_429_with_retry_after_and_the_sdk_retries(fake_slack: FakeSlack) -> None:
    plain = _client(fake_slack)
    fake_slack.rate_limit_next("chat.postMessage", n=1, retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        plain.chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["retry-after"] == "7"

    retrying = _client(fake_slack, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    fake_slack.rate_limit_next("chat.postMessage", n=1, retry_after=0)
    assert retrying.chat_postMessage(channel="C1", text="x")["ok"]
    statuses = [c.status for c in fake_slack.calls("chat.postMessage")]
    assert statuses == [429, 429, 200]


def test_fail_for_channel_is_permanent_per_recipient(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    fake_slack.fail_for_channel("U0GONE", "account_inactive")
    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            client.conversations_open(users="U0GONE")
        assert raised.value.response["error"] == "account_inactive"
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="D0GONE", text="x")
    assert client.chat_postMessage(channel="U0OTHER", text="x")["channel"] == "D0OTHER"


def test_enforced_rate_limit_lets_a_burst_through_then_refuses(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    fake_slack.enforce_rate_limit("chat.postMessage", per_second=1, burst=3)
    results = []
    for _ in range(5):
        try:
            results.append(client.chat_postMessage(channel="C1", text="x").status_code)
        except SlackApiError as error:
            results.append(error.response.status_code)
            assert int(error.response.headers["retry-after"]) >= 1
    assert results == [200, 200, 200, 429, 429]


def test_files_upload_v2_goes_through_the_upload_url(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    client.files_upload_v2(channel="D0MAYOR", filename="møde.ics", content=b"BEGIN:VCALENDAR", title="Møde")
    [upload] = fake_slack.uploads
    assert (upload.filename, upload.content, upload.title, upload.channel_id) == ("møde.ics", b"BEGIN:VCALENDAR", "Møde", "D0MAYOR")


def test_views_and_users_and_usergroups(fake_slack: FakeSlack) -> None:
    client = _client(fake_slack)
    fake_slack.set_user("U0MAYOR", real_name="Anna Borgmester")
    fake_slack.set_usergroup("S0STAFF", ["U0STAFF", "U0STAFF2"])
    assert client.users_info(user="U0MAYOR")["user"]["real_name"] == "Anna Borgmester"
    assert client.usergroups_users_list(usergroup="S0STAFF")["users"] == ["U0STAFF", "U0STAFF2"]
    view = client.views_open(trigger_id="t.1", view={"type": "modal", "title": {"type": "plain_text", "text": "M"}, "blocks": []})["view"]
    assert client.views_update(view_id=view["id"], view={"type": "modal", "blocks": []})["view"]["id"] == view["id"]
    with pytest.raises(SlackApiError):
        client.views_update(view_id="V0NOPE", view={"type": "modal", "blocks": []})
    assert client.views_publish(user_id="U0MAYOR", view={"type": "home", "blocks": []})["ok"]


def test_wait_for_blocks_until_the_call_arrives_and_explains_a_timeout(fake_slack: FakeSlack) -> None:
    import threading

    client = _client(fake_slack)
    threading.Timer(0.1, lambda: client.chat_postMessage(channel="C1", text="senere")).start()
    started = time.monotonic()
    [call] = fake_slack.wait_for("chat.postMessage", lambda c: c.args["text"] == "senere")
    assert call.args["channel"] == "C1" and time.monotonic() - started < 2
    with pytest.raises(AssertionError, match="expected 1 matching views.publish"):
        fake_slack.wait_for("views.publish", timeout=0.1)
    fake_slack.reset()
    assert fake_slack.calls() == []

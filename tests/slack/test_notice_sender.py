"""SlackNoticeSender against the fake Web API through the real client: what a DM looks like,
the .ics upload into that DM, and how Slack's answers map to delivered / retry / failed."""
from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.notify import DeliveryStatus, Notice, NoticeButton, NoticeFile
from bot.slack.notice_sender import SlackNoticeSender
from tests.slack_harness.fake_slack import FakeSlack

NOTICE = Notice(
    title="Du er tilmeldt: Mødeledelse",
    text="Vi glæder os til at se dig. Skriv <!channel> & co.",
    facts=(("Dato", "12. marts 2027 kl. 10.00"), ("Sted", "KL-huset <København>")),
    buttons=(NoticeButton("Afmeld", "enrol_cancel", value="42"), NoticeButton("Læs mere", "offer_details", "modeledelse", primary=True)),
)


@pytest.fixture
def sender(fake_slack: FakeSlack) -> SlackNoticeSender:
    return SlackNoticeSender(WebClient(token="xoxb-test", base_url=fake_slack.url))


def test_a_notice_becomes_a_dm_with_header_fields_and_buttons(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    result = sender.send("U0MAYOR", NOTICE)
    assert result.status is DeliveryStatus.DELIVERED and result.ok
    assert (result.channel, bool(result.ts)) == ("D0MAYOR", True)
    assert fake_slack.calls("conversations.open")[0].args["users"] == "U0MAYOR"
    [post] = fake_slack.calls("chat.postMessage")
    blocks = post.args["blocks"]
    assert (blocks[0]["type"], blocks[0]["text"]["text"]) == ("header", "Du er tilmeldt: Mødeledelse")
    assert blocks[1]["text"]["type"] == "plain_text"
    assert [f["text"] for f in blocks[2]["fields"]] == ["*Dato*\n12. marts 2027 kl. 10.00", "*Sted*\nKL-huset &lt;København&gt;"]
    assert post.action_ids() == ["enrol_cancel", "offer_details"]
    assert blocks[3]["elements"][1]["style"] == "primary"
    assert "&lt;!channel&gt; &amp; co." in post.args["text"] and "<!channel>" not in post.args["text"]


def test_the_dm_is_opened_once_per_person(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    for _ in range(3):
        assert sender.send("U0MAYOR", NOTICE).ok
    sender.send("U0OTHER", NOTICE)
    assert [c.args["users"] for c in fake_slack.calls("conversations.open")] == ["U0MAYOR", "U0OTHER"]
    assert len(fake_slack.calls("chat.postMessage")) == 4


def test_the_file_is_uploaded_into_the_same_dm(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    notice = Notice(text="Kalenderinvitation vedhæftet.", file=NoticeFile("modeledelse.ics", b"BEGIN:VCALENDAR\r\n", "Mødeledelse"))
    result = sender.send("U0MAYOR", notice)
    assert result.ok and "file_error" not in result.extra
    [upload] = fake_slack.uploads
    assert (upload.channel_id, upload.filename, upload.content) == ("D0MAYOR", "modeledelse.ics", b"BEGIN:VCALENDAR\r\n")


def test_a_failed_upload_still_reports_the_message_delivered(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("files.getUploadURLExternal", error="storage_limit_reached")
    result = sender.send("U0MAYOR", Notice(text="x", file=NoticeFile("a.ics", b"x", "a")))
    assert result.ok and result.extra == {"file_error": "storage_limit_reached"}


@pytest.mark.parametrize("error", ["user_not_found", "account_inactive", "cannot_dm_bot", "channel_not_found", "not_allowed"])
def test_unreachable_people_fail_for_good(sender: SlackNoticeSender, fake_slack: FakeSlack, error: str) -> None:
    fake_slack.fail_for_channel("U0GONE", error)
    result = sender.send("U0GONE", NOTICE)
    assert (result.status, result.error) == (DeliveryStatus.FAILED, error)


def test_rate_limit_means_retry_after_what_slack_says(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    fake_slack.rate_limit_next("chat.postMessage", retry_after=30)
    result = sender.send("U0MAYOR", NOTICE)
    assert (result.status, result.error, result.retry_after) == (DeliveryStatus.RETRY, "ratelimited", 30.0)


def test_other_slack_errors_mean_retry(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("chat.postMessage", error="internal_error")
    result = sender.send("U0MAYOR", NOTICE)
    assert (result.status, result.error) == (DeliveryStatus.RETRY, "internal_error")


def test_slack_unreachable_means_retry(fake_slack: FakeSlack) -> None:
    url = fake_slack.url
    fake_slack.stop()
    result = SlackNoticeSender(WebClient(token="xoxb-test", base_url=url, retry_handlers=[])).send("U0MAYOR", NOTICE)
    assert result.status is DeliveryStatus.RETRY


def test_update_replaces_the_message(sender: SlackNoticeSender, fake_slack: FakeSlack) -> None:
    result = sender.update("D0STAFF", "1700000000.000100", Notice(title="Udsendelse", text="Sendt til 40 af 98."))
    assert result.ok and (result.channel, result.ts) == ("D0STAFF", "1700000000.000100")
    [call] = fake_slack.calls("chat.update")
    assert "Sendt til 40 af 98." in call.text

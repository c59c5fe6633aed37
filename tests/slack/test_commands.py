"""/tilbud and /hotline end to end: always ephemeral (via the response_url), the catalogue by
group within Slack's block limit, answers to search words, help, and escaping."""
from __future__ import annotations

from bot.slack.manifest import slash_commands
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


def _no_public_messages(fake_slack: FakeSlack) -> None:
    fake_slack.assert_no_call("chat.postMessage", within=0.2)
    fake_slack.assert_no_call("chat.postEphemeral", within=0)


def test_hotline_is_ephemeral_with_112_114_and_kls_contact(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    answer = slack.command("/hotline", channel="C0GENERAL")
    assert answer.status == 200
    [reply] = fake_slack.wait_for("response_url")
    assert reply.args["response_type"] == "ephemeral"
    hotline = slack_app.services.catalogue.current.hotline
    assert hotline.phone is None
    assert "Ring 112" in reply.text and "114" in reply.text
    assert "Ikke offentliggjort endnu" in reply.text and "oci@kl.dk" in reply.text
    _no_public_messages(fake_slack)


def test_tilbud_without_words_lists_the_catalogue_by_group(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.command("/tilbud")
    replies = fake_slack.wait_for("response_url")
    catalogue = slack_app.services.catalogue.current
    shown = [b["block_id"].split(":", 1)[1] for r in replies for b in r.blocks if b.get("block_id", "").startswith("offer-line:")]
    assert shown == [o.id for g in catalogue.groups for o in catalogue.in_group(g.id)]
    assert len(shown) == 26
    headers = [b["text"]["text"] for r in replies for b in r.blocks if b["type"] == "header"]
    assert [h.rsplit(" (", 1)[0] for h in headers] == [g.title for g in catalogue.groups]
    assert all(r.args["response_type"] == "ephemeral" and len(r.blocks) <= 50 for r in replies)
    _no_public_messages(fake_slack)


def test_tilbud_with_words_answers_them(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.command("/tilbud", "forhandligsteknik")
    [reply] = fake_slack.wait_for("response_url")
    assert reply.args["response_type"] == "ephemeral"
    assert "Du søgte på »forhandligsteknik«" in reply.text
    assert any(b.get("block_id") == "offer:forhandlingsteknik" for b in reply.blocks)
    assert "enrol_start" in reply.action_ids()


def test_tilbud_hjaelp_lists_every_command_in_the_manifest(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.command("/tilbud", "hjælp")
    [reply] = fake_slack.wait_for("response_url")
    assert "Det kan Borgmesterbot" in reply.text
    for command in slash_commands():
        assert f"`{command.command}" in reply.text


def test_tilbud_escapes_what_it_echoes(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.command("/tilbud", "<!channel> & <!here>")
    [reply] = fake_slack.wait_for("response_url")
    assert "Du søgte på »&lt;!channel&gt; &amp; &lt;!here&gt;«" in reply.text
    assert "<!channel>" not in reply.text and "<!here>" not in reply.text


def test_tilbud_with_huge_text_still_gets_a_valid_answer(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.command("/tilbud", "mødeledelse " + "x" * 5000)
    [reply] = fake_slack.wait_for("response_url")
    assert all(len(e["text"]) <= 3000 for b in reply.blocks if b["type"] == "context" for e in b["elements"])
    assert len(reply.blocks) <= 50

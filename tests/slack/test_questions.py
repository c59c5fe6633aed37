"""DMs and mentions answered by the core, end to end: cards per offer, threads in channels,
honest abstentions, the hotline only in private, escaping, and one answer per delivery."""
from __future__ import annotations

from bot.catalogue.schema import EnrolmentKind
from bot.storage.models.feedback import QuestionLog
from tests.slack.staffdesk_support import not_to_staff
from tests.slack_harness.fake_slack import BOT_USER_ID, ApiCall, FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


def _cards(call: ApiCall) -> list[str]:
    return [b["block_id"].split(":", 1)[1] for b in call.blocks if b.get("block_id", "").startswith("offer:")]


def _in(channel: str):  # noqa: ANN202 (a predicate)
    return lambda call: call.args.get("channel") == channel


def test_a_dm_is_answered_with_a_card_per_offer(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    assert slack.direct_message("Hvad koster mentorordningen?").status == 200
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    offer = slack_app.services.catalogue.current.get("mentorordning")
    assert reply.args["channel"] == "D0MAYOR" and "thread_ts" not in reply.args
    assert _cards(reply)[0] == "mentorordning"
    for shown in (offer.title, offer.provider, offer.summary, offer.frequency, offer.fee, "Kilde: KL og Komponent"):
        assert shown in reply.text, shown
    actions = {b["block_id"]: b for b in reply.blocks if b["type"] == "actions"}
    buttons = {e["action_id"]: e for e in actions["offer-actions:mentorordning"]["elements"]}
    assert buttons["enrol_start"]["value"] == "mentorordning" and buttons["enrol_start"]["text"]["text"] == "Tilmeld"
    assert buttons["offer_details"]["text"]["text"] == "Læs mere"
    assert buttons["group_offers"]["text"]["text"] == "Flere i Det personlige lederskab"
    assert {"feedback_helpful", "feedback_unhelpful"} <= set(reply.action_ids())
    assert "Hjalp det?" in reply.text


def test_offers_one_cannot_enrol_in_have_no_tilmeld_button(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    catalogue = slack_app.services.catalogue.current
    b98 = catalogue.get("b98")
    assert b98.enrolment.kind is EnrolmentKind.NONE
    slack.direct_message("Hvad er B98?")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert _cards(reply)[0] == "b98"
    [b98_actions] = [b for b in reply.blocks if b.get("block_id") == "offer-actions:b98"]
    assert "enrol_start" not in [e["action_id"] for e in b98_actions["elements"]]


def test_a_mention_is_answered_in_a_thread(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.mention("hvornår mødes borgmesternetværket?", channel="C0BORGMESTRE", ts="1790000000.000100")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert (reply.args["channel"], reply.args["thread_ts"]) == ("C0BORGMESTRE", "1790000000.000100")
    assert "borgmesternetvaerk" in _cards(reply)


def test_an_abstention_says_so_gives_kls_contact_and_is_logged_without_a_name(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    slack.direct_message("Hvordan bliver vejret i morgen?")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    contact = slack_app.services.catalogue.current.contact
    assert "Det ved jeg ikke" in reply.text and contact.email in reply.text and contact.phone in reply.text
    assert _cards(reply) == [] and "feedback_helpful" not in reply.action_ids()
    assert reply.action_ids() == ["feedback_consent"]
    with slack_app.services.db.session() as session:
        [logged] = session.query(QuestionLog).all()
    assert (logged.question, logged.reason, logged.user_id) == ("Hvordan bliver vejret i morgen?", "abstained", None)


def test_greetings_are_answered_but_not_logged(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.direct_message("Hej")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert "Hej" in reply.text and reply.action_ids() == []
    with slack_app.services.db.session() as session:
        assert session.query(QuestionLog).count() == 0


def test_a_threat_question_in_a_channel_keeps_the_hotline_private(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.mention("Jeg bliver truet af en borger, hvad gør jeg?", channel="C0BORGMESTRE")
    public = fake_slack.wait_for("chat.postMessage", _in("C0BORGMESTRE"))[0]
    private = fake_slack.wait_for("chat.postMessage", _in("D0MAYOR"))[0]
    assert "112" not in public.text and "114" not in public.text and "hotline" in public.text.lower()
    assert "privat besked" in public.text
    assert "112" in private.text and "114" in private.text and "oci@kl.dk" in private.text
    assert fake_slack.calls("conversations.open")[0].args["users"] == "U0MAYOR"


def test_a_threat_question_in_a_dm_gets_the_hotline_right_there(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("Hvad gør jeg ved chikane og trusler?")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert reply.args["channel"] == "D0MAYOR" and "112" in reply.text and "114" in reply.text
    fake_slack.assert_no_call("chat.postMessage", within=0.3, predicate=lambda c: c.args["channel"] != "D0MAYOR")


def test_hjaelp_in_a_dm_lists_what_the_bot_can_do(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("hjælp")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert "Det kan Borgmesterbot" in reply.text and "/tilbud" in reply.text and "/hotline" in reply.text


def test_a_retried_event_is_answered_once(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    first = slack.direct_message("Hvad er mentorordningen?", ts="1790000000.000200", event_id="Ev0RETRY")
    retry = slack.direct_message(
        "Hvad er mentorordningen?", ts="1790000000.000200", event_id="Ev0RETRY", retry_num=1, retry_reason="http_timeout"
    )
    assert first.status == retry.status == 200
    fake_slack.wait_for("chat.postMessage", not_to_staff)
    slack_app.settle()
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_a_mention_arriving_as_app_mention_and_as_message_is_answered_once(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    ts = "1790000000.000300"
    slack.mention("hvad er B98?", ts=ts, event_id="Ev0MENTION")
    slack.channel_message(f"<@{BOT_USER_ID}> hvad er B98?", ts=ts, event_id="Ev0MESSAGE")
    fake_slack.wait_for("chat.postMessage", not_to_staff)
    slack_app.settle()
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_channel_messages_without_a_mention_are_left_alone(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.channel_message("hvad er B98?")
    fake_slack.assert_no_call("chat.postMessage", within=0.4)


def test_echoed_text_cannot_mention_the_channel(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("<!channel> <!everyone> & <@U0OTHER> vejrudsigten")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert "&lt;!channel&gt; &lt;!everyone&gt; &amp; &lt;@U0OTHER&gt;" in reply.text
    assert "<!channel>" not in reply.text and "<!everyone>" not in reply.text and "<@U0OTHER>" not in reply.text


def test_a_huge_message_gets_an_answer_slack_accepts(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("mentor " + "bla " * 10_000)
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert reply.ok and len(reply.blocks) <= 50
    for block in reply.blocks:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
        for element in block.get("elements", []):
            assert len(element.get("value", "")) <= 2000


def test_an_empty_mention_asks_for_a_question(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.mention("")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert "Skriv et spørgsmål" in reply.text


def test_a_channel_message_that_mentions_the_bot_is_answered_on_its_own(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    """The other half of the duplicate test: the message path does answer when it comes alone."""
    slack.channel_message(f"<@{BOT_USER_ID}> hvad er B98?", channel="C0BORGMESTRE", ts="1790000000.000400")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert (reply.args["channel"], reply.args["thread_ts"]) == ("C0BORGMESTRE", "1790000000.000400")


def test_a_follow_up_in_a_dm_is_about_the_offer_just_asked_about(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("Hvad er mentorordningen?")
    fake_slack.wait_for("chat.postMessage")
    slack.direct_message("hvad koster det?")
    replies = fake_slack.wait_for("chat.postMessage", count=2)
    assert _cards(replies[1])[0] == "mentorordning" and "Pris:" in replies[1].text


def test_each_channel_thread_remembers_its_own_topic(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.mention("Hvad er mentorordningen?", channel="C0BORGMESTRE", ts="1790000000.000100")
    slack.mention("Hvad er B98?", channel="C0BORGMESTRE", ts="1790000000.000200")
    fake_slack.wait_for("chat.postMessage", count=2)
    slack.mention("hvem udbyder den?", channel="C0BORGMESTRE", ts="1790000000.000300", thread_ts="1790000000.000100")
    replies = fake_slack.wait_for("chat.postMessage", count=3)
    assert replies[2].args["thread_ts"] == "1790000000.000100" and _cards(replies[2])[0] == "mentorordning"


def test_an_unsure_answer_asks_with_buttons_and_a_click_answers_about_the_offer(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    answer = slack_app.services.answerer.answer("noget om samarbejde med direktøren")
    assert answer.clarify and len(answer.offers) >= 2, answer
    slack.direct_message("noget om samarbejde med direktøren")
    [question] = fake_slack.wait_for("chat.postMessage")
    assert "Mente du" in question.text and _cards(question) == []
    [clarify] = [b for b in question.blocks if b.get("block_id") == "clarify"]
    picked = clarify["elements"][1]
    assert answer.offers[1].title.startswith(picked["text"]["text"].rstrip("…"))
    slack.block_action(picked["action_id"], picked["value"], message={"ts": question.args.get("ts", "1.0")})
    replies = fake_slack.wait_for("chat.postMessage", count=2)
    assert replies[1].args["channel"] == "D0MAYOR" and _cards(replies[1])[0] == answer.offers[1].id
    slack.direct_message("hvem udbyder den?")
    replies = fake_slack.wait_for("chat.postMessage", count=3)
    assert _cards(replies[2])[0] == answer.offers[1].id


def test_a_list_longer_than_its_cards_says_how_to_see_the_rest(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.direct_message("Hvilke temasessioner er der?")
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert "Temasessioner for borgmestre – 9 tilbud" in reply.text
    assert "Her er 5 af de 9 tilbud på listen ovenfor" in reply.text and "fanen Hjem" in reply.text

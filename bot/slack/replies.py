"""What the bot says to a question typed in Slack (a DM, a mention, /tilbud with words): help,
or the core's answer as blocks, with abstentions logged for staff and the hotline details kept
for a private message when the conversation is public (so is the button that puts the asker's
name on a logged question)."""
from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import Block

from bot import metrics
from bot.answers import Answer
from bot.answers.normalise import fold
from bot.catalogue.freshness import confirmed_lines
from bot.services import Services
from bot.slack.blocks.answers import CONSENT_FALLBACK, answer_blocks, answer_fallback, consent_blocks
from bot.slack.blocks.help import HELP_FALLBACK, help_blocks
from bot.slack.blocks.hotline import hotline_blocks, hotline_fallback
from bot.slack.manifest import slash_commands

_HELP_WORDS = frozenset({"hjaelp", "hjelp", "help", "hjalp"})


@dataclass(frozen=True)
class Reply:
    text: str
    blocks: list[Block]
    private_text: str | None = None
    private_blocks: list[Block] | None = None


def asks_for_help(text: str) -> bool:
    return fold(text).strip(" ?!.") in _HELP_WORDS


def help_reply() -> Reply:
    return Reply(HELP_FALLBACK, help_blocks(slash_commands()))


def question_reply(
    services: Services, question: str, *, private: bool, conversation: str | None = None, asker: str | None = None
) -> Reply:
    """`conversation` names the DM or thread whose topic follow-ups refer to (None for /tilbud);
    `asker` is whose live facts (network, sessions) the answer may state."""
    if asks_for_help(question):
        return help_reply()
    answer = services.asking.ask(question, conversation, asker)
    return answer_reply(services, answer, private=private, asker=asker)


def answer_reply(services: Services, answer: Answer, *, private: bool, asker: str | None = None) -> Reply:
    """An answer as the message, with the hotline kept for a private message in public. Shown
    from the answerer's catalogue version; a staff member asking privately gets Ret and
    Bekræft uændret on the cards."""
    answerer = services.answerer
    metrics.question_answered(answer.abstained)
    logged_id = services.feedback.record_abstention(answer)
    catalogue = answerer.catalogue
    hotline = answerer.hotline
    staff = private and asker is not None and not answer.abstained and services.staff.is_staff(asker)
    reply = Reply(
        answer_fallback(answer, hotline, private),
        answer_blocks(
            answer, catalogue, hotline, private=private, logged_id=logged_id,
            confirmed=confirmed_lines(services.catalogue.snapshot), staff=staff,
        ),
    )
    if answer.about_threats and not private:
        return Reply(reply.text, reply.blocks, hotline_fallback(hotline), hotline_blocks(hotline))
    if logged_id is not None and not private:
        return Reply(reply.text, reply.blocks, CONSENT_FALLBACK, consent_blocks(answer.question, logged_id))
    return reply

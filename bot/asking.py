"""Asking in a conversation: recall what it was about, answer with the database's live facts for
this asker, and remember the new topic. Slack and the console chat both ask through this, so a
follow-up works alike in a DM, a channel thread and the terminal, on any replica."""
from __future__ import annotations

from collections.abc import Callable

from bot.answers import Answer, Answerer
from bot.conversations import ConversationMemory
from bot.livefacts import LiveFacts


class Asking:
    def __init__(
        self, answerer: Callable[[], Answerer], memory: ConversationMemory, facts: Callable[[str | None], LiveFacts]
    ) -> None:
        self._answerer = answerer
        self._memory = memory
        self._facts = facts

    def ask(self, question: str, conversation: str | None = None, asker: str | None = None) -> Answer:
        """`conversation` names the DM, thread or console session (None: a question on its own,
        like /tilbud); `asker` is the Slack user id the live facts are about."""
        topic = self._memory.recall(conversation) if conversation else None
        answer = self._answerer().answer(question, topic, self._facts(asker))
        if conversation and answer.topic is not None:
            self._memory.remember(conversation, answer.topic)
        return answer

"""Slack-free answering: a question in, an Answer out (ranked offers, the reply text, whether the
bot abstained, and what the question asks for)."""
from bot.answers.answerer import Answer, Answerer
from bot.answers.intent import Intent

__all__ = ["Answer", "Answerer", "Intent"]

"""Slack-free answering: a question in, an Answer out (ranked offers, the reply text, whether the
bot abstained, and what the question asks for).

Answer and Answerer are loaded on first use: the answerer brings the search index (numpy, bm25s),
and most processes that import something from this package (the hotline text, the normaliser, a
CLI command) never answer a question."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.answers.intent import Intent

if TYPE_CHECKING:
    from bot.answers.answerer import Answer, Answerer

__all__ = ["Answer", "Answerer", "Intent"]


def __getattr__(name: str) -> Any:
    if name in ("Answer", "Answerer"):
        from bot.answers import answerer

        return getattr(answerer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

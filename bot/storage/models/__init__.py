"""Every table of the bot; importing this package registers them all on Base.metadata."""
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.inbound import HandledEvent

__all__ = ["HandledEvent", "QuestionLog"]

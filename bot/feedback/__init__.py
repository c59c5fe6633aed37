"""Questions the bot could not answer well, kept so KL staff can improve the catalogue."""
from bot.feedback.log import FeedbackLog, Reason, Unanswered

__all__ = ["FeedbackLog", "Reason", "Unanswered"]
